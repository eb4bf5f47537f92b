import type { Rule } from '../rule';
import { exactDuplicates } from '../analysis';
import { lineOf } from './util';

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

## Fix
Delete the later row. The quick fix removes exactly that line.`,
  check(ctx) {
    const duplicates = exactDuplicates(ctx.analysis);
    for (const f of ctx.analysis.rows) {
      const earlier = duplicates.get(f);
      if (!earlier) continue;
      const lines = ctx.model.lines;
      ctx.report({
        start: f.row.start,
        end: f.row.end,
        message: `Duplicate of the row on line ${lineOf(earlier.row)}.`,
        related: [{ start: earlier.row.start, end: earlier.row.end, message: 'first occurrence' }],
        fixes: () => [
          {
            title: `Delete this duplicate of line ${lineOf(earlier.row)}`,
            preferred: true,
            // the whole line (or lines, for a CSV record with line breaks), with its line break
            edits: [{ start: f.row.start, end: lines.lineEndWithBreak(lines.positionAt(f.row.end).line), newText: '' }],
          },
        ],
      });
    }
  },
};
