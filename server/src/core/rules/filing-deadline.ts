import type { Rule } from '../rule';
import { findDates, formatDate, formSdDeadline, weekday } from '../prose/dates';
import { filingKind, headingOffset } from '../prose/filing';

export const filingDeadline: Rule = {
  id: 'filing-deadline',
  description:
    'The signature date is after the Form SD deadline: May 31 of the following year, or the next business day when that is a weekend or federal holiday.',
  defaultSeverity: 'warning',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'year'],
  docs: `## What it catches
A Form SD whose signature date (in the SIGNATURES block) is later than its due date: May 31 of the year after
the reporting period, moved to the next business day when May 31 falls on a Saturday, Sunday or a US federal
holiday (Memorial Day). A 2013 filing signed on Monday, June 2, 2014 is on time: May 31, 2014 was a Saturday.
Also a signature dated before the reporting period has ended.

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
    if (year === undefined || !filingKind(ctx.model).formSd) return;
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
