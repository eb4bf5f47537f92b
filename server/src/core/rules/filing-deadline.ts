import type { Rule } from '../rule';
import { findDates, formatDate, formSdDeadline, weekday } from '../prose/dates';
import { filingKind, headingOffset } from '../prose/filing';
import { SentenceTests } from '../prose/sentences';
import type { RuleContext } from '../rule';

/** "Date of filing: June 3, 2024", "this report was filed with the SEC on June 3, 2024", EDGAR's "FILED AS OF DATE: 20240603". */
const FILED =
  /\b(?:date\s+of\s+filing|filing\s+date|date\s+filed|(?:was|is|has\s+been|being|were)\s+filed\s+(?:with\s+the\s+(?:SEC|Securities\s+and\s+Exchange\s+Commission)\s+)?on)[\s:*]{0,6}/gi;
const EDGAR_FILED = /\bFILED AS OF DATE:[ \t]{0,20}((?:19|20)\d\d)(\d\d)(\d\d)\b/g;
/** The statement is about this filing, not an earlier one ("our report for 2022 was filed on May 30, 2023"). */
const OTHER_FILING = /\b(?:prior|previous(?:ly)?|last\s+year|preceding|earlier|amend\w*|first\s+(?:report|Form))\b/i;

/** The filing's own statements of its filing date, each checked against the deadline. */
function checkFilingStatements(ctx: RuleContext, year: number): void {
  const text = ctx.model.text;
  const sentence = new SentenceTests(text);
  const due = formSdDeadline(year);
  const check = (date: Date, start: number, end: number, what: string) => {
    if (date.getTime() <= due.date.getTime()) return;
    ctx.report({
      start,
      end,
      message: `${what} ${weekday(date)}, ${formatDate(date)}: after the deadline for ${year}, ${weekday(due.date)}, ${formatDate(due.date)}${due.moved ? ' (May 31 was not a business day)' : ''}.`,
    });
  };
  for (const m of text.matchAll(FILED)) {
    // the date right after the words, read in a window (a search to the end of the text per match would be quadratic)
    const from = m.index + m[0].length;
    const found = findDates(text.slice(from, from + 40))[0];
    if (!found || found.start !== 0 || sentence.test(m.index, OTHER_FILING)) continue;
    const date = { ...found, start: from, end: from + found.end };
    // a year named in the sentence that is neither the reporting year nor the next: another filing's date
    if (date.date.getUTCFullYear() !== year + 1) continue;
    check(date.date, date.start, date.end, 'Filed');
  }
  for (const m of text.matchAll(EDGAR_FILED)) {
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    const at = m.index + m[0].length - 8;
    check(date, at, at + 8, 'EDGAR has it filed');
  }
}

export const filingDeadline: Rule = {
  id: 'filing-deadline',
  description:
    "The signature date, or the filing's own statement of its filing date, is after the Form SD deadline: May 31 of the following year, or the next business day.",
  defaultSeverity: 'warning',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'year'],
  docs: `## What it catches
A Form SD whose signature date (in the SIGNATURES block) is later than its due date: May 31 of the year after
the reporting period, moved to the next business day when May 31 falls on a Saturday, Sunday or a US federal
holiday (Memorial Day). A 2013 filing signed on Monday, June 2, 2014 is on time: May 31, 2014 was a Saturday.
Also a signature dated before the reporting period has ended, and — in a Form SD or a Conflict Minerals Report —
the filing's own statement of when it was filed ("Date of filing: June 3, 2024", "this report was filed with
the SEC on June 3, 2024", EDGAR's "FILED AS OF DATE: 20240603") when that date is after the deadline.
Statements about an earlier filing ("our prior report was filed on…") are not checked.

## Why it matters
A late Form SD is a late SEC filing.

## Example
\`\`\`
SIGNATURES
...
Date: June 3, 2024
\`\`\`
in a filing for 2023 (due Friday, May 31, 2024).

## Fix
Check the date; a filing really made late may need counsel's attention.`,
  check(ctx) {
    const year = ctx.year;
    if (year === undefined) return;
    checkFilingStatements(ctx, year);
    if (!filingKind(ctx.model).formSd) return;
    const text = ctx.model.text;
    const sig = headingOffset(text, /SIGNATURES?\b/);
    if (sig === undefined) return;
    const dates = findDates(text, sig, sig + 3000);
    if (dates.length === 0) return;
    const signed = dates[0];
    const due = formSdDeadline(year);
    if (signed.date.getTime() > due.date.getTime()) {
      ctx.report({
        start: signed.start,
        end: signed.end,
        message: `Signed ${weekday(signed.date)}, ${formatDate(signed.date)}: after the deadline for ${year}, ${weekday(due.date)}, ${formatDate(due.date)}${due.moved ? ' (May 31 was not a business day)' : ''}.`,
      });
    } else if (signed.date.getTime() <= Date.UTC(year, 11, 31)) {
      ctx.report({
        start: signed.start,
        end: signed.end,
        message: `Signed ${formatDate(signed.date)}, before the reporting period (${year}) has ended.`,
      });
    }
  },
};
