import type { Rule } from '../rule';

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
  },
};
