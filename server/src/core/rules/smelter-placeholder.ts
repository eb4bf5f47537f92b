import type { Rule } from '../rule';
import { rowCheck } from '../engine';
import { isCheckable, quote } from './util';

export const smelterPlaceholder: Rule = {
  id: 'smelter-placeholder',
  description:
    'The name cell is not a smelter: "Smelter not yet identified", "Smelter not listed", "Unknown", "TBD", a note about recycling.',
  defaultSeverity: 'info',
  scope: 'table',
  fixAll: false,
  tags: ['smelter'],
  docs: `## What it catches
Rows whose smelter name is a placeholder: the CMRT's own "Smelter not listed" and "Smelter not yet
identified", "Unknown", "N/A", "TBD", "-", or a sentence such as "all sourced through recycling".

## Why it matters
A placeholder is not a smelter. Counted as one, it inflates the number of smelters the report states, and it
hides that a supplier has not identified its sources — something the due-diligence section should describe
instead. These rows are left out of the other smelter checks.

## Example
\`\`\`
Tantalum	Smelter not yet identified	UNITED STATES OF AMERICA
\`\`\`

## Fix
Follow up with the supplier for the smelter's name and CID, or remove the row from the published table and
describe the gap in the report's text.`,
  perRow: [
    rowCheck({
      reads: ['name'],
      judge: (f) =>
        isCheckable(f) && f.placeholder && f.nameCell
          ? `${quote(f.nameCell.value)} is ${f.placeholder}; it is not counted as a smelter.`
          : null,
      report: (f, message, ctx) => ctx.report({ start: f.startOf('name'), end: f.endOf('name'), message }),
    }),
  ],
};
