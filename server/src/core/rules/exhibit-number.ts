import type { Rule, RuleContext } from '../rule';
import { inTable } from '../parse/document';
import { SentenceTests } from '../prose/sentences';

/** "Exhibit 1.02", and a row of an exhibit index ("1.02	Conflict Minerals Report of …"). */
const NAMED = /\bExhibit\s{1,3}(?:No\.?\s{1,3})?(\d{1,2}\.\d{1,2})\b/gi;
const INDEX_ROW =
  /^[ \t]*(?:\*\*)?(\d{1,2}\.\d{1,2})(?:\*\*)?[\t –—-]{1,6}(?:\*\*)?(?:[\w.,&'’-]{1,30}[ \t]){0,4}Conflict[ \t]+Minerals[ \t]+Report\b/gim;
/** A heading "Exhibit 1.02" on its own line. */
const HEADING = /^[ \t]*(?:\*\*|#{1,6}[ \t]*)?Exhibit[ \t]{1,3}(?:No\.?[ \t]{1,3})?(\d{1,2}\.\d{1,2})(?:\*\*)?[ \t]*$/gim;

/** The sentence speaks of the Conflict Minerals Report (by name, or as the report Item 1.01 requires). */
const ABOUT_REPORT = /Conflict\s+Minerals\s+Report|\bCMR\b|report\s+(?:required|described)\s+(?:by|in)\s+Item\s+1\.01/i;
/** Exhibit 1.02 is the independent private sector audit report: a sentence about it names its own number. */
const ABOUT_AUDIT = /\baudit\b|\bIPSA\b|\bauditor/i;

/** 1.01 and 1.1 are the same number (EDGAR's EX-1.01). */
const isCmrNumber = (n: string) => /^1\.0?1$/.test(n);

export const exhibitNumber: Rule = {
  id: 'exhibit-number',
  description:
    'The Conflict Minerals Report numbered other than Exhibit 1.01: in Item 1.01, 1.02 or the exhibit index, or in its own heading.',
  defaultSeverity: 'warning',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'form-sd'],
  docs: `## What it catches
A Conflict Minerals Report given another exhibit number than 1.01, which Form SD assigns it:
- a sentence of the Form SD about the report that names another number ("the Conflict Minerals Report is
  filed as Exhibit 1.02"), in Item 1.01, Item 1.02 or the exhibits item (2.01 or 3.01);
- a row of the exhibit index that gives the report another number ("1.02 Conflict Minerals Report");
- the report's own heading ("Exhibit 1.02" above "Conflict Minerals Report").

Exhibit 1.02 is the independent private sector audit report: a sentence about the audit may name it.

## Why it matters
EDGAR files the report under the exhibit type the filing gives it. A report filed or headed as Exhibit 1.02
is where readers and the SEC look for the audit report, and a Form SD that points to Exhibit 1.02 for its
report points to nothing.

## Example
\`\`\`
Item 1.02 Exhibit
The Company's Conflict Minerals Report is filed as Exhibit 1.02 to this Form SD.
\`\`\`

## Fix
Number the report Exhibit 1.01, in the Form SD and in the report's heading (the quick fix writes 1.01).`,
  check(ctx) {
    const text = ctx.model.text;
    const sentence = new SentenceTests(text);
    const reported = new Set<number>();
    const report = (at: number, n: string, message: string) => {
      if (isCmrNumber(n) || reported.has(at) || inTable(ctx.model, at)) return;
      reported.add(at);
      wrongNumber(ctx, at, n, message);
    };
    for (const m of text.matchAll(HEADING)) {
      const at = m.index + m[0].indexOf(m[1], m[0].search(/Exhibit/i));
      // the heading of a report: "Conflict Minerals Report" within the next few lines, and no audit report
      const next = text.slice(m.index + m[0].length, m.index + m[0].length + 300);
      if (/Conflict\s+Minerals\s+Report/i.test(next) && !ABOUT_AUDIT.test(next.split(/Conflict\s+Minerals\s+Report/i)[0]))
        report(at, m[1], `This Conflict Minerals Report is headed Exhibit ${m[1]}: Form SD files it as Exhibit 1.01.`);
    }
    for (const m of text.matchAll(INDEX_ROW)) {
      const at = m.index + m[0].indexOf(m[1]);
      report(at, m[1], `The exhibit index lists the Conflict Minerals Report as ${m[1]}: it is Exhibit 1.01.`);
    }
    for (const m of text.matchAll(NAMED)) {
      if (isCmrNumber(m[1]) || !sentence.test(m.index, ABOUT_REPORT) || sentence.test(m.index, ABOUT_AUDIT)) continue;
      report(
        m.index + m[0].lastIndexOf(m[1]),
        m[1],
        `The Conflict Minerals Report is named Exhibit ${m[1]} here: Form SD files it as Exhibit 1.01 (Exhibit 1.02 is the audit report).`,
      );
    }
  },
};

function wrongNumber(ctx: RuleContext, at: number, n: string, message: string): void {
  ctx.report({
    start: at,
    end: at + n.length,
    message,
    fixes: () => [{ title: 'Change to 1.01', preferred: true, edits: [{ start: at, end: at + n.length, newText: '1.01' }] }],
  });
}
