import type { Rule, RuleContext } from '../rule';
import type { Table } from '../parse/document';
import { resolveMetal } from '../data/metals';

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
the ID column, a metal in the name column), and rows without a smelter name.

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
    for (const f of ctx.analysis.rows) {
      if (f.shape) ctx.report({ start: f.shape.start, end: f.shape.end, message: f.shape.message });
    }
    for (const table of ctx.model.tables) if (table.delimiter === 'tab') spaceSeparatedRows(ctx, table);
  },
};

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
  for (let l = first; l <= last && l < lines.lineCount; l++) {
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
