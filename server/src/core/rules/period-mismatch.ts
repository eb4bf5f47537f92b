import type { Rule } from '../rule';
import { SentenceTests } from '../prose/sentences';
import { periodStatements } from '../parse/year';

const FUTURE = /\b(?:intends?|plan(?:s|ned)?|will|expects?|anticipates?|going forward|next year|continue to|further develop)\b/i;
/** An earlier report of the filer's named as such: "in our Conflict Minerals Report for 2022, we committed to…". */
const OWN_EARLIER = /\b(?:our|its|last\s+year['’]s|the\s+Company['’]s)\s+(?:(?:prior|previous|annual)\s+)?$/i;
/** Comparisons with and histories of earlier years ("compared with the year ended December 31, 2022") are not period statements either. */
const PAST = /\b(?:prior|previous(?:ly)?|preceding|last year|compared (?:to|with)|since|as of|began|first (?:filed|report))\b/i;

export const periodMismatch: Rule = {
  id: 'period-mismatch',
  description: "A statement of the reporting period whose year is not the filing's (cover page) year, or whose start and end years differ.",
  defaultSeverity: 'error',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'year'],
  docs: `## What it catches
The filing's key statements of its period — "for the reporting period from January 1 to December 31, 2023",
"reporting year January 1 to December 31, 2023", "calendar year ended December 31, 2023", "year ended 31
December 2023", "calendar year 2023", "Form SD for 2023", "in respect of 2023", EDGAR's header fields
("CONFORMED PERIOD OF REPORT: 20231231", "Period 12-31-2023"), also when a title splits them over two lines —
that disagree with the year of the first such statement (the header, else the cover page), or a period that
starts and ends in different years. Each statement is reported once. Plans for a later year and comparisons
with an earlier one ("compared with the year ended December 31, 2022") are not period statements.

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
    if (!first) return;
    const text = ctx.model.text;
    const sentence = new SentenceTests(text);
    for (const st of periodStatements(text)) {
      const at = { start: st.start, end: st.end };
      // plans for next year ("we intend to continue in calendar year 2024") are not period statements
      if (st.year > first.year && sentence.test(st.start, FUTURE)) continue;
      if (
        st.year < first.year &&
        (sentence.test(st.start, PAST) ||
          (/^(?:Form|Conflict|Specialized)/i.test(st.text) && OWN_EARLIER.test(text.slice(Math.max(0, st.start - 40), st.start))))
      )
        continue;
      if (st.startYear !== undefined && st.startYear !== st.year) {
        ctx.report({
          ...at,
          message: `This period runs from ${st.startYear} to ${st.year}: a Form SD covers one calendar year (January 1 to December 31 of ${first.year}).`,
        });
      } else if (st.year !== first.year) {
        const line = ctx.model.lines.positionAt(first.start).line + 1;
        ctx.report({
          ...at,
          message: `This statement is about ${st.year}, but the filing is for ${first.year} (line ${line}: "${first.statement}").`,
          related: [{ start: first.start, end: first.end, message: `reporting year ${first.year}` }],
          fixes: () => {
            const offset = st.start + st.text.lastIndexOf(String(st.year));
            return [
              {
                title: `Change ${st.year} to ${first.year}`,
                preferred: true,
                edits: [{ start: offset, end: offset + 4, newText: String(first.year) }],
              },
            ];
          },
        });
      }
    }
  },
};
