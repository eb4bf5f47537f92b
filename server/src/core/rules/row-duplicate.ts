import type { Rule } from '../rule';
import { exactDuplicates } from '../analysis';
import { deleteRowEdit, lineOf } from './util';
import type { RowFacts } from '../analysis';

export const rowDuplicate: Rule = {
  id: 'row-duplicate',
  description: 'A row identical to an earlier row of its table, cell for cell (but for spaces around a cell); points at the first.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: true,
  tags: ['duplicates'],
  // in a CMRT workbook the drop-down decides the spelling (cmrt-country) and repeats are cmrt-repeated-smelter
  media: ['filing', 'list'],
  docs: `## What it catches
A data row whose cells are identical to an earlier row's of the same table, character for character. Only
whitespace around a cell's value (a trailing space, which cell-spacing reports) and empty cells at the end of
the row do not count. Rows that differ inside a cell, even only in spacing or case (\`F & X\` and \`F&X\`),
are not duplicates: row-near-duplicate reports them, and fix-all never deletes them. Repeated page-break
header rows are not data and are not reported.

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
    // a block pasted twice is one finding, not one per row: runs of consecutive repeats whose originals are
    // consecutive too (a copied block) or one and the same row (a row pasted several times in a row), kept
    // as where they start in the rows and how many they are
    const rows = ctx.analysis.rows;
    const runs: Array<[number, number]> = [];
    let runStart = 0;
    let runLength = 0;
    let lastEarlier: RowFacts | undefined;
    let stepEarlier: RowFacts | undefined;
    // by place (Duplicates.at): a row is read only when it repeats one or a run is open
    for (let i = 0; i < rows.length; i++) {
      const earlier = duplicates.at(i);
      if (runLength > 0) {
        const f = rows[i];
        const last = rows[i - 1];
        const continues =
          earlier &&
          last.row.table === f.row.table &&
          last.row.index + 1 === f.row.index &&
          (runLength === 1
            ? lastEarlier!.row.index + 1 === earlier.row.index || lastEarlier === earlier
            : sameStep(stepEarlier!, lastEarlier!, earlier));
        if (continues) {
          runLength++;
          stepEarlier = lastEarlier;
          lastEarlier = earlier;
          continue;
        }
        runs.push([runStart, runLength]);
        runLength = 0;
      }
      if (earlier) {
        runStart = i;
        runLength = 1;
        lastEarlier = earlier;
      }
    }
    if (runLength > 0) runs.push([runStart, runLength]);
    for (const [at, length] of runs) {
      const f = rows[at];
      const earlier = duplicates.at(at)!;
      if (length === 1) {
        ctx.report({
          start: f.row.start,
          end: f.row.end,
          message: `Duplicate of the row on line ${lineOf(earlier.row)}.`,
          related: [{ start: earlier.row.start, end: earlier.row.end, message: 'first occurrence' }],
          // the whole line (or lines, for a CSV record with line breaks), with its line break
          fixes: () => [{ title: `Delete this duplicate of line ${lineOf(earlier.row)}`, preferred: true, edits: [deleteRowEdit(ctx, f)] }],
        });
        continue;
      }
      const lastRow = rows[at + length - 1];
      const lastEarlier = duplicates.at(at + length - 1)!;
      const same = earlier === lastEarlier;
      const span = `lines ${lineOf(f.row)}–${lineOf(lastRow.row)}`;
      ctx.report({
        start: f.row.start,
        end: lastRow.row.end,
        message: same
          ? `These ${length} rows, ${span}, each repeat the row on line ${lineOf(earlier.row)}.`
          : `These ${length} rows, ${span}, repeat the ${length} rows of lines ${lineOf(earlier.row)}–${lineOf(lastEarlier.row)} exactly: a block pasted twice.`,
        related: [
          { start: earlier.row.start, end: earlier.row.end, message: same ? 'the row they repeat' : 'first row of the block they repeat' },
          ...(same ? [] : [{ start: lastEarlier.row.start, end: lastEarlier.row.end, message: 'last row of the block they repeat' }]),
        ],
        fixes: () => [
          {
            title: `Delete the ${length} repeated rows, ${span}`,
            preferred: true,
            edits: rows.slice(at, at + length).map((r) => deleteRowEdit(ctx, r)),
          },
        ],
      });
    }
  },
};

/** Whether a run's next original keeps its step: the next row of a copied block, or the same repeated row. */
function sameStep(a: RowFacts, b: RowFacts, earlier: RowFacts): boolean {
  return a === b ? b === earlier : b.row.index + 1 === earlier.row.index && b.row.table === earlier.row.table;
}
