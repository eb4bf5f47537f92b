import type { Rule } from '../rule';
import { dateOf } from './cmrt-declaration';
import { quote } from './util';
import { compareRevisions } from '../workbook';

/** ISO date of a Date (UTC). */
function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export const templateRevision: Rule = {
  id: 'template-revision',
  description:
    "An RMI template's revision: older than the one you ask suppliers for, newer than the newest cmrlint knows, or unable to hold the Declaration's completion date.",
  defaultSeverity: 'warning',
  scope: 'workbook',
  fixAll: false,
  tags: ['cmrt', 'emrt', 'amrt', 'declaration'],
  docs: `## What it catches
On a CMRT, EMRT or AMRT workbook:
- a revision older than the one you ask suppliers for, when \`.cmrlint.json\` says which
  (\`"revisions": { "CMRT": "6.5", "EMRT": "2.1" }\`);
- a revision newer than the newest of its template that cmrlint knows (a hint: the workbook is read by its
  headers and labels, but what that revision changed is not checked);
- a completion (effective) date that the revision cannot hold: CMRT up to 6.22, EMRT up to 2.1 and AMRT up to
  1.3 accept dates up to 2026-03-31 only in Excel's validation. A later date was typed past the validation
  or the file was edited outside Excel; either way the supplier used a revision too old for the season.

## Why it matters
A template that cannot hold this season's date is an old revision: its Smelter Look-up and questions are
out of date, and customers ask for the current one.

## Example
\`\`\`
Revision!B21: 6.22 … Declaration!D25: 2026-05-04
\`\`\`

## Fix
Ask the supplier to fill in the current revision of the template.`,
  check(ctx) {
    const wb = ctx.workbook;
    const t = wb?.template;
    if (!wb || !t) return;
    const revision = wb.revision;
    const requested = ctx.requestedRevisions?.[t.family];
    if (revision && requested && compareRevisions(revision, requested) < 0) {
      ctx.report({
        start: 0,
        end: 0,
        ...(t.revisionPlace ? { place: t.revisionPlace } : {}),
        message: `${t.family} ${revision} is older than the revision you ask suppliers for (${t.family} ${requested}, in .cmrlint.json): its questions and Smelter Look-up are out of date. Ask for ${t.family} ${requested}.`,
      });
    }
    if (revision && t.revisionPlace && compareRevisions(revision, t.newestKnown) > 0) {
      ctx.report({
        start: 0,
        end: 0,
        place: t.revisionPlace,
        severity: 'hint',
        message: `${t.family} ${revision} is newer than the newest ${t.family} revision cmrlint knows (${t.newestKnown}): it is read by its headers and labels, but what ${revision} changed is not checked.`,
      });
    }
    const date = wb.declaration?.fields.effectiveDate;
    const when = date && date.value ? dateOf(date.value) : undefined;
    if (date && when && t.lastDate && iso(when) > t.lastDate) {
      ctx.report({
        start: 0,
        end: 0,
        place: date.place,
        message: `The completion date ${iso(when)} cannot be entered in ${t.family} ${revision}: its date validation ends on ${t.lastDate}. Ask for the current revision (${t.family} ${t.newestKnown}).`,
        ...(t.revisionPlace
          ? { related: [{ start: 0, end: 0, place: t.revisionPlace, message: `revision ${quote(revision ?? '')}` }] }
          : {}),
      });
    }
  },
};
