import type { Rule, RuleContext } from '../rule';
import type { Table } from '../parse/document';
import { resolveMetal } from '../data/metals';
import type { RowFacts } from '../analysis';
import { blockMessage } from '../shift';
import { lineOf } from './util';

export const tableShape: Rule = {
  id: 'table-shape',
  description: 'A row with a different number of cells than its header, cells apparently shifted, or no smelter name.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['table'],
  docs: `## What it catches
Rows that do not line up with the table's header: more non-empty cells than the header has, too few cells to
reach the Metal, Smelter Name, Country or Smelter ID column, values that sit in the wrong column (a country in
the ID column, a metal in the name column), and rows without a smelter name. A block of consecutive rows
whose cells all sit one column left (or right) of their own — one cell lost on the way out of another
tool — is one finding naming the shift, where each value sits and the block's lines.

A line inside a tab-separated table (or just below it) whose cells are separated by runs of spaces — what
an editor types for Tab — is not a row of the table: nothing in it is checked or counted. It is reported,
with a quick fix that separates the cells with tabs. (In VS Code, filings get real tabs by default.)

## Why it matters
A shifted row is read wrong by every downstream tool — the SEC reader, the supplier's customer, and the
other rules here. Rows with shape problems are not checked further, so fix them first.

## Example
\`\`\`
Tin	Thaisarco	CID001898	THAILAND
\`\`\`
under a \`Metal · Smelter Name · Country · Smelter ID\` header: the CID sits in the Country column.

## Fix
Move the values into their columns, or remove the stray delimiter.`,
  check(ctx) {
    const rows = ctx.analysis.rows;
    // which rows have a shape problem, by place (ByRow): the others' facts are not read
    const shaped = ctx.analysis.byRow.shaped;
    for (let i = 0; i < rows.length; i++) {
      if (shaped[i] === 0) continue;
      const f = rows[i];
      if (!f.shape) continue;
      // a block of rows shifted alike is one finding naming the shift and its rows
      const last = f.shape.shift ? shiftedBlockEnd(rows, i) : i;
      if (last === i) ctx.report({ start: f.shape.start, end: f.shape.end, message: f.shape.message });
      else {
        const end = rows[last];
        ctx.report({
          start: f.row.start,
          end: f.row.end,
          message: blockMessage(f.shape.shift!, lineOf(f.row), lineOf(end.row), last - i + 1),
          related: [{ start: end.row.start, end: end.row.end, message: 'the last row of the block' }],
        });
      }
      i = last;
    }
    for (const table of ctx.model.tables) if (table.delimiter === 'tab') spaceSeparatedRows(ctx, table);
  },
};

/** The last row of the block of rows shifted as rows[i] is: consecutive rows of its table, shifted the same way. */
function shiftedBlockEnd(rows: readonly RowFacts[], i: number): number {
  const by = rows[i].shape!.shift!.by;
  let k = i;
  while (
    k + 1 < rows.length &&
    rows[k + 1].row.table === rows[k].row.table &&
    rows[k + 1].row.index === rows[k].row.index + 1 &&
    rows[k + 1].shape?.shift?.by === by
  )
    k++;
  return k;
}

/** Lines looked at after a table's last row for a row typed with spaces. */
const AFTER_TABLE = 3;

/**
 * A line inside a tab-separated table (or just after it) whose cells are separated by runs of spaces — what
 * an editor inserts for Tab — is not read as a row: not checked, not counted. Reported with a fix that
 * writes tabs, when it splits into the header's columns and its metal cell is a metal.
 */
function spaceSeparatedRows(ctx: RuleContext, table: Table): void {
  const lines = ctx.model.lines;
  const text = ctx.model.text;
  const first = table.header.line + 1;
  const lastRow = table.rows[table.rows.length - 1];
  const last = (lastRow ? lines.positionAt(lastRow.end).line : table.header.line) + AFTER_TABLE;
  const width = table.header.cells.length;
  const metal = table.columns.metal;
  if (metal === undefined || width < 2) return;
  // the table's rows are in line order: walked beside the lines, not looked up
  const rows = table.rows;
  let k = 0;
  let l = first;
  // rows on distinct lines in line order: as many rows as lines up to the last row's means every line is a row's
  if (lastRow && rows.length === lastRow.line - table.header.line) {
    k = rows.length;
    l = lastRow.line + 1;
  }
  for (; l <= last && l < lines.lineCount; l++) {
    while (k < rows.length && rows[k].line < l) k++;
    if (k < rows.length && rows[k].line === l) continue;
    const start = lines.lineStarts[l];
    const end = lines.lineEnd(l);
    const line = text.slice(start, end);
    if (line.includes('\t') || line.trim() === '') {
      if (l > (lastRow?.line ?? table.header.line)) break; // the table has ended
      continue;
    }
    const cells = line.trim().split(/ {2,}/);
    if (cells.length !== width || !resolveMetal(cells[metal])) continue;
    const lead = line.length - line.trimStart().length;
    const fixed = line.slice(0, lead) + cells.join('\t');
    ctx.report({
      start,
      end,
      message: `This row's cells are separated by spaces, not tabs: it is not read as a row of the table above, so nothing in it is checked or counted.`,
      fixes: [{ title: 'Separate the cells with tabs', preferred: true, edits: [{ start, end, newText: fixed }] }],
    });
  }
}
