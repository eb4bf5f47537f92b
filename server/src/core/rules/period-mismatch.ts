import type { Rule } from '../rule';
import { sentenceAt } from '../prose/sentences';

/** Statements of the reporting period; the year is the last capture, a start year (when given) the first. */
const STATEMENTS: RegExp[] = [
  /reporting period (?:from |of |between )?January 1,?(?: ((?:19|20)\d\d))?,? (?:to|through|and|-|–) December 31,? ((?:19|20)\d\d)/gi,
  /(?:calendar |fiscal )?year ended,? December 31,? ((?:19|20)\d\d)/gi,
  /\b(?:during|for|of|in) (?:the )?calendar year ((?:19|20)\d\d)\b/gi,
  /Period\*?\s+12-31-((?:19|20)\d\d)/g,
  /\bJanuary 1, ((?:19|20)\d\d),? (?:to|through|and|-|–) December 31, ((?:19|20)\d\d)/gi,
];

const FUTURE = /\b(?:intends?|plan(?:s|ned)?|will|expects?|anticipates?|going forward|next year|continue to|further develop)\b/i;

export const periodMismatch: Rule = {
  id: 'period-mismatch',
  description: "A statement of the reporting period whose year is not the filing's (cover page) year, or whose start and end years differ.",
  defaultSeverity: 'error',
  docs: `## What it catches
The filing's key statements of its period — "for the reporting period from January 1 to December 31, 2023",
"calendar year ended December 31, 2023", "for the year ended December 31, 2023", "calendar year 2023", the
EDGAR header's "Period 12-31-2023" — that disagree with the year of the first such statement (the cover
page), or a period that starts and ends in different years.

## Why it matters
A Form SD covers one calendar year. A year left over from last year's report makes the filing contradict
itself about what it covers. Hover over the first statement to see the year cmrlint uses.

## Example
\`\`\`
... for the reporting period from January 1 to December 31, 2023.
... This report for the calendar year ended December 31, 2022 ...
\`\`\`

## Fix
Correct the year.`,
  check(ctx) {
    const first = ctx.model.reportingYear;
    if (!first || ctx.model.format === 'csv' || ctx.model.format === 'tsv') return;
    const text = ctx.model.text;
    const seen = new Set<number>();
    for (const re of STATEMENTS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (seen.has(m.index)) continue;
        seen.add(m.index);
        const years = m.slice(1).filter((y) => y !== undefined).map(Number);
        const end = years[years.length - 1];
        const start = years.length > 1 ? years[0] : undefined;
        const at = { start: m.index, end: m.index + m[0].length };
        // plans for next year ("we intend to continue in calendar year 2024") are not period statements
        if (end > first.year && FUTURE.test(text.slice(...sentenceAt(text, m.index)))) continue;
        if (start !== undefined && start !== end) {
          ctx.report({ ...at, message: `This period runs from ${start} to ${end}: a Form SD covers one calendar year (January 1 to December 31 of ${first.year}).` });
        } else if (end !== first.year) {
          const line = ctx.model.lines.positionAt(first.start).line + 1;
          ctx.report({
            ...at,
            message: `This statement is about ${end}, but the filing is for ${first.year} (line ${line}: "${first.statement}").`,
            related: [{ start: first.start, end: first.end, message: `reporting year ${first.year}` }],
            fixes: () => {
              const offset = m!.index + m![0].lastIndexOf(String(end));
              return [{ title: `Change ${end} to ${first.year}`, preferred: true, edits: [{ start: offset, end: offset + 4, newText: String(first.year) }] }];
            },
          });
        }
      }
    }
  },
};
