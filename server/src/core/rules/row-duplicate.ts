import type { Rule } from '../rule';
import { exactDuplicates } from '../analysis';
import { lineOf } from './util';
import type { RowFacts } from '../analysis';

export const rowDuplicate: Rule = {
  id: 'row-duplicate',
  description: 'A row identical to an earlier row (ignoring whitespace); points at the first.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: true,
  tags: ['duplicates'],
  // in a CMRT workbook the drop-down decides the spelling (cmrt-country) and repeats are cmrt-repeated-smelter
  media: ['filing', 'list'],
  docs: `## What it catches
A data row whose cells are identical to an earlier row's, ignoring whitespace (\`F & X\` and \`F&X\` are the
same). Repeated page-break header rows are not data and are not reported.

## Why it matters
Duplicated rows — typically a block pasted twice when lists from several suppliers are merged — inflate every
count the report states and suggest the list was not reviewed.

## Example
\`\`\`
Tantalum	Exotech Inc.	United States
...
Tantalum	Exotech Inc.	United States
\`\`\`

A block of consecutive rows that repeats an earlier block (or one row pasted several times in a row) is one
finding for the whole block, pointing at the block it repeats.

## Fix
Delete the later row. The quick fix removes exactly that line; for a repeated block, exactly the block's
lines (never a header or text between its rows).`,
  check(ctx) {
    const duplicates = exactDuplicates(ctx.analysis);
    const lines = ctx.model.lines;
    const deleteRow = (f: RowFacts) => ({ start: f.row.start, end: lines.lineEndWithBreak(lines.positionAt(f.row.end).line), newText: '' });
    // a block pasted twice is one finding, not one per row: runs of consecutive repeats whose originals are
    // consecutive too (a copied block) or one and the same row (a row pasted several times in a row)
    const runs: Array<Array<[RowFacts, RowFacts]>> = [];
    let run: Array<[RowFacts, RowFacts]> = [];
    for (const f of ctx.analysis.rows) {
      const earlier = duplicates.get(f);
      const last = run[run.length - 1];
      const continues =
        earlier && last && last[0].row.table === f.row.table && last[0].row.index + 1 === f.row.index && (run.length === 1 ? last[1].row.index + 1 === earlier.row.index || last[1] === earlier : sameStep(run, earlier));
      if (!continues && run.length > 0) {
        runs.push(run);
        run = [];
      }
      if (earlier) run.push([f, earlier]);
    }
    if (run.length > 0) runs.push(run);
    for (const r of runs) {
      const [f, earlier] = r[0];
      if (r.length === 1) {
        ctx.report({
          start: f.row.start,
          end: f.row.end,
          message: `Duplicate of the row on line ${lineOf(earlier.row)}.`,
          related: [{ start: earlier.row.start, end: earlier.row.end, message: 'first occurrence' }],
          // the whole line (or lines, for a CSV record with line breaks), with its line break
          fixes: () => [{ title: `Delete this duplicate of line ${lineOf(earlier.row)}`, preferred: true, edits: [deleteRow(f)] }],
        });
        continue;
      }
      const [lastRow, lastEarlier] = r[r.length - 1];
      const same = earlier === lastEarlier;
      const span = `lines ${lineOf(f.row)}–${lineOf(lastRow.row)}`;
      ctx.report({
        start: f.row.start,
        end: lastRow.row.end,
        message: same
          ? `These ${r.length} rows, ${span}, each repeat the row on line ${lineOf(earlier.row)}.`
          : `These ${r.length} rows, ${span}, repeat the ${r.length} rows of lines ${lineOf(earlier.row)}–${lineOf(lastEarlier.row)} exactly: a block pasted twice.`,
        related: [
          { start: earlier.row.start, end: earlier.row.end, message: same ? 'the row they repeat' : 'first row of the block they repeat' },
          ...(same ? [] : [{ start: lastEarlier.row.start, end: lastEarlier.row.end, message: 'last row of the block they repeat' }]),
        ],
        fixes: () => [{ title: `Delete the ${r.length} repeated rows, ${span}`, preferred: true, edits: r.map(([row]) => deleteRow(row)) }],
      });
    }
  },
};

/** Whether a run's next original keeps its step: the next row of a copied block, or the same repeated row. */
function sameStep(run: Array<[RowFacts, RowFacts]>, earlier: RowFacts): boolean {
  const [, a] = run[run.length - 2];
  const [, b] = run[run.length - 1];
  return a === b ? b === earlier : b.row.index + 1 === earlier.row.index && b.row.table === earlier.row.table;
}
