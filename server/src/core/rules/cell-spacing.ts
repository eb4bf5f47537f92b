import type { Rule, RuleContext } from '../rule';
import type { Cell } from '../parse/cells';
import type { RowFacts } from '../analysis';
import { rowCheck } from '../engine';
import { quote } from './util';
import { guardFormula, wasGuarded } from '../formula-guard';

/** Spaces and invisible characters that make one value two to a spreadsheet's filters, look-ups and pivots. */
const EDGE_SPACE = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
const INSIDE = /[\u00a0\u2000-\u200b\u200c\u200d\u202f\u205f\u3000\ufeff]/g;

/** Whether a value has a character at or above U+00A0 (where the no-break and zero-width spaces are). */
function hasWide(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xa0) return true;
  return false;
}

function describe(text: string, cell: Cell): { what: string; clean: string } | undefined {
  const before = text.slice(cell.rawStart, cell.start).replace(/^"/, '');
  const after = text.slice(cell.end, cell.rawEnd).replace(/"$/, '');
  const edges = EDGE_SPACE.test(before) || EDGE_SPACE.test(after);
  INSIDE.lastIndex = 0;
  const inside = INSIDE.test(cell.value);
  if (!edges && !inside) return undefined;
  const clean = cell.value.replace(INSIDE, (c) => (/[\u200b-\u200d\ufeff]/.test(c) ? '' : ' ')).trim();
  const what = [
    EDGE_SPACE.test(before) ? 'a leading space' : '',
    EDGE_SPACE.test(after) ? 'a trailing space' : '',
    inside ? 'an invisible or no-break space inside' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return { what, clean };
}

export const cellSpacing: Rule = {
  id: 'cell-spacing',
  description:
    "A data list's cell with a leading or trailing space, a no-break or zero-width space: one value becomes two for filters and look-ups.",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: true,
  tags: ['consistency'],
  // a filing's table is read by people, who see no difference; a data list's cells are matched by programs
  media: ['list', 'workbook'],
  docs: `## What it catches
In a supplier list (CSV, TSV, a CMRT's Smelter List), a cell whose value has spaces around it (\`China \`,
\` Minsur\`) or holds a no-break space or a zero-width character (\`Minsur\\u200b\`).

## Why it matters
To a spreadsheet \`China \` and \`China\` are two countries and \`Minsur\\u200b\` is not \`Minsur\`: filters,
look-ups against RMI's list and pivot tables by country or smelter count them apart. cmrlint itself reads
the trimmed value, so the other rules are not fooled; your merged list and your Excel checks would be.
One list full of such cells is one finding, listing them.

## Example
\`\`\`
Tin,Minsur ,PERU
\`\`\`

## Fix
Trim the value and write ordinary spaces (fix-all does it in CSV and TSV lists).`,
  // a value's own characters are judged once per distinct value, the spaces around it row by row: a list whose
  // lines all differ is read once per line only where a cell's delimiters do not hug its value
  perRow: [
    // no-break and zero-width spaces inside the value of a cell whose delimiters hug it
    rowCheck({
      reads: ['metal', 'name', 'country', 'id'],
      judge: (f) => (f.shape || f.oversized ? null : widePlaces(f)),
      report(f, found, ctx) {
        for (const k of found) {
          const cell = cellOf(f, k)!;
          if (hugged(cell)) reportSpaced(ctx, cell, describe(ctx.model.text, cell)!);
        }
      },
    }),
    // spaces around a value, read from the line's text (the cell's value inside them too)
    rowCheck({
      reads: ['line'],
      // the analysis knows whether any cell is spaced: most lists have none, and their lines are not read again
      applies: (ctx) => ctx.analysis.spacedCells !== false,
      judge: (f, ctx) => (f.shape || f.oversized ? null : spacedCells(ctx.model.text, f)),
      report(f, found, ctx) {
        for (const { k, what, clean } of found) reportSpaced(ctx, cellOf(f, k)!, { what, clean });
      },
    }),
  ],
};

/** Reports a cell spaced wrong, with the fix that writes its clean value. */
function reportSpaced(ctx: RuleContext, cell: Cell, { what, clean }: { what: string; clean: string }): void {
  const text = ctx.model.text;
  const raw = text.slice(cell.rawStart, cell.rawEnd);
  const shown = cell.quoted ? raw.trim().replace(/^"|"$/g, '').replace(/""/g, '"') : raw;
  // the whole cell between its delimiters is rewritten: a quoted one stays quoted, with nothing outside its quotes
  // a cell written guarded against formula injection (formula-guard.ts) stays guarded
  const written = wasGuarded(text, cell.start, cell.value) ? guardFormula(clean) : clean;
  const newText = cell.quoted ? `"${written.replace(/"/g, '""')}"` : written;
  ctx.report({
    start: cell.start,
    end: cell.end,
    message: `${quote(shown)} has ${what}: to a spreadsheet's filters and look-ups it is not ${quote(clean)}.`,
    cause: 'spacing',
    fixes: () => [{ title: `Write ${quote(clean)}`, preferred: true, edits: [{ start: cell.rawStart, end: cell.rawEnd, newText }] }],
  });
}

/** Whether nothing lies between a cell's value and its delimiters (no space, no quote). */
function hugged(cell: Cell): boolean {
  return cell.start === cell.rawStart && cell.end === cell.rawEnd;
}

/** Which matched cells (see cellOf) hold a no-break or zero-width space in their value; null when none does. */
function widePlaces(f: RowFacts): number[] | null {
  let out: number[] | null = null;
  for (let k = 0; k < 4; k++) {
    const cell = cellOf(f, k);
    if (!cell || cell.value === '' || cell.delimiter === 'pipe' || !hasWide(cell.value)) continue;
    INSIDE.lastIndex = 0;
    if (INSIDE.test(cell.value)) (out ??= []).push(k);
  }
  return out;
}

/** A matched cell spaced wrong: which (see cellOf), what is wrong, and its clean value. */
interface Spaced {
  k: number;
  what: string;
  clean: string;
}

/** The cells that are matched and counted; spaces in free-text cells (comments, URLs) change nothing. */
function cellOf(f: RowFacts, k: number): Cell | undefined {
  return k === 0 ? f.metalCell : k === 1 ? f.nameCell : k === 2 ? f.countryCell : f.idCell;
}

/** A row's matched cells whose delimiters do not hug their value and that are spaced wrong; null when none is. */
function spacedCells(text: string, f: RowFacts): Spaced[] | null {
  // most rows: every cell hugs its value, seen from the cells alone (no look-up of the matched ones)
  if (f.row.cells.every(hugged)) return null;
  let out: Spaced[] | null = null;
  for (let k = 0; k < 4; k++) {
    const cell = cellOf(f, k);
    if (!cell || hugged(cell) || cell.value === '' || cell.delimiter === 'pipe') continue;
    const d = describe(text, cell);
    if (d) (out ??= []).push({ k, ...d });
  }
  return out;
}
