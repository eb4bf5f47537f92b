/**
 * Rows whose cells are shifted by one column: the smelter ID in the Country column, the country in the name
 * column… (a cell lost or added on the way out of another tool). Found per row, from what the cells hold one
 * column to the left or right of their own; table-shape reports a block of such rows as one finding naming the
 * shift and the rows.
 */
import { valueAt, type CellRow } from './parse/cells';
import type { Table } from './parse/document';

/** What the analysis knows how to recognise in a cell. */
export interface CellTests {
  metal(value: string): boolean;
  country(value: string): boolean;
}

/** The roles recognised by content, and how people call them. */
const ROLES = ['metal', 'name', 'country', 'id'] as const;
type ShiftRole = (typeof ROLES)[number];
const LABEL: Record<ShiftRole, string> = { metal: 'the metal', name: 'the smelter name', country: 'the country', id: 'the smelter ID' };

const ID = /^(?:CID\s*\d+|\d[A-Z]{3}\d{3})$/i;

function fits(role: ShiftRole, v: string, tests: CellTests): boolean {
  if (v === '') return false;
  if (role === 'metal') return tests.metal(v);
  if (role === 'country') return tests.country(v);
  if (role === 'id') return ID.test(v);
  return /\p{L}{2}/u.test(v) && !tests.metal(v) && !tests.country(v) && !ID.test(v);
}

/** How many of the table's roles the cells hold at their columns moved by `by`. */
function score(table: Table, row: CellRow, by: number, tests: CellTests): number {
  let n = 0;
  for (const role of ROLES) {
    const col = table.columns[role];
    if (col !== undefined && fits(role, valueAt(row, col + by) ?? '', tests)) n++;
  }
  return n;
}

export interface Shift {
  /** -1: the cells sit one column left of their own; 1: one column right. */
  by: -1 | 1;
  /** Which values sit in which column ("the country in the 'Smelter Name' column, …"). */
  where: string;
  message: string;
}

/**
 * Whether a row's cells fit the header one column over, and not in their own columns: at least two of the
 * table's metal, name, country and ID columns hold their kind of value one column left (or right), two more
 * than in place.
 */
export function shiftOf(table: Table, row: CellRow, tests: CellTests): Shift | undefined {
  const here = inPlace(table, row, tests);
  if (here === undefined) return undefined;
  for (const by of [-1, 1] as const) {
    const moved = score(table, row, by, tests);
    if (moved < 2 || moved < here + 2) continue;
    const where = ROLES.flatMap((role) => {
      const col = table.columns[role];
      return col !== undefined && fits(role, valueAt(row, col + by) ?? '', tests)
        ? [`${LABEL[role]} in the ${columnName(table, col + by)} column`]
        : [];
    }).join(', ');
    return { by, where, message: `Cells shifted one column to the ${side(by)}: ${where}.` };
  }
  return undefined;
}

/**
 * Whether a row's cells may be shifted (see shiftOf): the table has two of the roles, and the cells do not fit
 * so many in place that no move could fit two more (most rows that look odd fit three or four in place). Read
 * from the roles' own columns only: the same for rows alike in them.
 */
export function mayBeShifted(table: Table, row: CellRow, tests: CellTests): boolean {
  return inPlace(table, row, tests) !== undefined;
}

/** How many of the table's roles the cells fit in place, when a move could fit two more (see mayBeShifted); else undefined. */
function inPlace(table: Table, row: CellRow, tests: CellTests): number | undefined {
  let roles = 0;
  for (const role of ROLES) if (table.columns[role] !== undefined) roles++;
  if (roles < 2) return undefined;
  const here = score(table, row, 0, tests);
  return here + 2 <= roles ? here : undefined;
}

function side(by: -1 | 1): string {
  return by < 0 ? 'left' : 'right';
}

/** The column a 0-based column is called by: its header, else its number. */
export function columnName(table: Table, col: number): string {
  const header = table.inferred ? '' : (table.header.cells[col]?.value ?? '');
  return header ? `'${header.length > 40 ? `${header.slice(0, 39)}…` : header}'` : `column ${col + 1}`;
}

/** A block's message: the shift, where the values sit (as on its first row), the rows, and what to do. */
export function blockMessage(shift: Pick<Shift, 'by' | 'where'>, first: number, last: number, count: number): string {
  return `The ${count} rows of lines ${first}–${last} have their cells shifted one column to the ${side(shift.by)}: ${shift.where}. They were not checked; move their cells one column ${side(shift.by === -1 ? 1 : -1)}.`;
}
