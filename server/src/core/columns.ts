/**
 * Which column a table cell is in, for readable tables: the column's name in a hover on any cell, and the
 * cells of the rows on some lines with their column index (the editor colours each column as Rainbow CSV does).
 * Pure and linear in the rows asked for: rows are found by binary search, never by a walk of the document.
 */
import { rowAt, type Analysis } from './analysis';
import type { Cell } from './parse/cells';
import type { FilingModel, Table } from './parse/document';

/** A cell of a table row, with its column (0-based). */
export interface ColumnCell {
  start: number;
  end: number;
  column: number;
}

const ROLE_NAMES: Record<string, string> = {
  metal: 'Metal',
  name: 'Smelter Name',
  standard: 'Standard Smelter Name',
  country: 'Smelter Country',
  id: 'Smelter Identification',
  lookup: 'Smelter Look-up',
  idInput: 'Smelter Identification Number Input',
  source: 'Source',
  status: 'Status',
};

/** The name of a table's column: its header cell, else (a list without a header) what its values are. */
export function columnName(table: Table, column: number): string {
  const header = table.inferred ? '' : (table.header.cells[column]?.value ?? '');
  return header.trim() || ROLE_NAMES[table.roles[column]] || `column ${column + 1}`;
}

/** The column of the cell at `offset` in a data row: its name, its place and the cell's offsets. */
export function columnAt(
  analysis: Analysis,
  offset: number,
): { name: string; column: number; columns: number; start: number; end: number } | undefined {
  const facts = rowAt(analysis, offset);
  if (!facts) return undefined;
  const column = facts.row.cells.findIndex((c) => c.rawStart <= offset && offset <= c.rawEnd);
  if (column < 0) return undefined;
  const table = facts.row.table;
  const cell = facts.row.cells[column];
  return {
    name: columnName(table, column),
    column,
    columns: table.header.cells.length || facts.row.cells.length,
    start: cell.start,
    end: cell.end,
  };
}

/** The first data row that ends at or after `offset` (binary search), its index in analysis.rows. */
function firstRowFrom(analysis: Analysis, offset: number): number {
  let lo = 0;
  let hi = analysis.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (analysis.rows[mid].row.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cellsOf(cells: readonly Cell[], from: number, to: number, out: ColumnCell[]): void {
  cells.forEach((c, column) => {
    if (c.end > c.start && c.start >= from && c.end <= to) out.push({ start: c.start, end: c.end, column });
  });
}

/** The cells of the tables' header and data rows between offsets `from` and `to`, in document order. */
export function columnCells(model: FilingModel, analysis: Analysis, from: number, to: number): ColumnCell[] {
  const out: ColumnCell[] = [];
  const headers = model.tables.filter((t) => !t.inferred).flatMap((t) => [t.header, ...t.repeatedHeaders]);
  const rows = analysis.rows;
  let h = 0;
  for (let i = firstRowFrom(analysis, from); i < rows.length && rows[i].row.start <= to; i++) {
    const row = rows[i].row;
    for (; h < headers.length && headers[h].start < row.start; h++) if (headers[h].end >= from) cellsOf(headers[h].cells, from, to, out);
    cellsOf(row.cells, from, to, out);
  }
  for (; h < headers.length && headers[h].start <= to; h++) if (headers[h].end >= from) cellsOf(headers[h].cells, from, to, out);
  return out;
}
