import type { Rule } from '../rule';
import { filingKind, headingOffset } from '../prose/filing';
import { findDates } from '../prose/dates';
import { SentenceTests } from '../prose/sentences';

/** A sentence saying a Conflict Minerals Report is filed (not "is not required to file a Conflict Minerals Report"). */
function filesReport(text: string): boolean {
  const sentence = new SentenceTests(text);
  for (const m of text.matchAll(/Conflict\s+Minerals\s+Report\b/gi))
    if (sentence.test(m.index, FILED_WORDS) && !sentence.test(m.index, NEGATION)) return true;
  return false;
}

const FILED_WORDS = /\b(?:filed|attached|provided|furnished|included|exhibit|available)\b/i;
const NEGATION = /\b(?:not|no|neither|nor)\b/i;

/** Item 1.01's text: from its heading to the next Item, Section or the signatures. */
function itemSection(text: string, at: number): { start: number; end: number } {
  const rest = text.slice(at + 8);
  const next = rest.search(/^[ \t]*(?:\*\*|#{1,6}[ \t]*)?(?:Items?\s+(?:1\.02|[2-9]\.\d\d)|Section\s+[2-9]|SIGNATURES?\b)/im);
  // a heading run together with Item 1.01's ("Section 1 …**Item 1.01 …**Conflict Minerals Disclosure")
  const inline = rest.search(/\bItem\s+(?:1\.02|[2-9]\.0\d)\b/);
  const ends = [next, inline].filter((n) => n >= 0);
  return { start: at, end: ends.length ? at + 8 + Math.min(...ends) : text.length };
}

export const formSdRequired: Rule = {
  id: 'form-sd-required',
  description:
    "A Form SD missing what the filer's situation requires: Item 1.01 pointing to the CMR, or describing the RCOI without one; Item 1.02 and Exhibit 1.01; the framework; a dated signature.",
  defaultSeverity: 'info',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'form-sd'],
  docs: `## What it catches
A Form SD filing (recognised by "Form SD" and "Specialized Disclosure Report") that lacks a part the form
requires, one finding per missing part:
- Item 1.01 (Conflict Minerals Disclosure and Report), and in it what the filer's situation requires: a
  filer with a Conflict Minerals Report says there that the report is filed as Exhibit 1.01 (and where it is
  published); a filer without one describes the reasonable country of origin inquiry (RCOI) and its result;
- when a Conflict Minerals Report is filed: Item 1.02 and the Exhibit 1.01 reference, and — when the report
  is in the same document — the nationally or internationally recognised due-diligence framework it follows
  (the OECD Due Diligence Guidance);
- the signature block: a "/s/" signature and a date.

## Why it matters
Each is required by Form SD and Rule 13p-1; a filing without them is incomplete.

## Example
A CMR that describes its due diligence without naming the OECD Guidance.

## Fix
Add the missing part where the finding points.`,
  check(ctx) {
    const kind = filingKind(ctx.model);
    if (!kind.formSd) return;
    const text = ctx.model.text;
    const top = { start: 0, end: ctx.model.lines.lineEnd(0) };
    const item101 = headingOffset(text, /items?\s+1\.01\b/);
    const cmrFiled = kind.cmr || filesReport(text);
    if (item101 === undefined && !/\bItems?\s+1\.01\b/i.test(text)) {
      ctx.report({ ...top, message: 'No Item 1.01 (Conflict Minerals Disclosure and Report): Form SD requires it.' });
    } else if (cmrFiled) {
      // a filer with a CMR: Item 1.01 points to it (the RCOI and the due diligence are described in the report)
      const section = item101 === undefined ? undefined : itemSection(text, item101);
      if (section && !/Conflict\s+Minerals\s+Report|\bExhibit\s+1\.0?1\b|\bCMR\b/i.test(text.slice(section.start, section.end)))
        ctx.report({
          start: item101!,
          end: ctx.model.lines.lineEnd(ctx.model.lines.positionAt(item101!).line),
          message: 'Item 1.01 does not say that the Conflict Minerals Report is filed as Exhibit 1.01, nor where it is published.',
        });
    } else if (!/reasonable country[- ]of[- ]origin inquir(?:y|ies)|\bRCOI\b|country of origin inquir(?:y|ies)/i.test(text)) {
      // a filer without a CMR: Item 1.01 itself describes the RCOI and its result
      const at = item101 ?? text.search(/\bItems?\s+1\.01\b/i);
      ctx.report({
        start: at,
        end: ctx.model.lines.lineEnd(ctx.model.lines.positionAt(at).line),
        message:
          'Item 1.01 does not describe the reasonable country of origin inquiry (RCOI) and its result: a filer without a Conflict Minerals Report must.',
      });
    }
    const cmrAt = headingOffset(text, /(?:[A-Z][^\n]{0,60})?Conflict Minerals Report\b/) ?? 0;
    const cmrLine = { start: cmrAt, end: ctx.model.lines.lineEnd(ctx.model.lines.positionAt(cmrAt).line) };
    if (cmrFiled) {
      if (!/\bItems?\s+(?:\d\.\d\d\s*(?:,|and|&)\s*)*1\.02\b/i.test(text))
        ctx.report({ ...top, message: 'A Conflict Minerals Report is filed but there is no Item 1.02 (Exhibit).' });
      if (!/\bExhibit\s+1\.01\b/i.test(text))
        ctx.report({ ...top, message: 'A Conflict Minerals Report is filed but it is not referred to as Exhibit 1.01.' });
      if (kind.cmr && !/\bOECD\b|Organi[sz]ation for Economic Co-?operation/i.test(text)) {
        ctx.report({
          ...cmrLine,
          message: 'The Conflict Minerals Report does not name the due-diligence framework it follows (the OECD Due Diligence Guidance).',
        });
      }
    }
    const sig = headingOffset(text, /SIGNATURES?\b/);
    if (sig === undefined) {
      ctx.report({ start: text.length, end: text.length, message: 'No SIGNATURES block: Form SD must be signed and dated.' });
    } else {
      const block = text.slice(sig, sig + 3000);
      const sigLine = { start: sig, end: ctx.model.lines.lineEnd(ctx.model.lines.positionAt(sig).line) };
      if (!/\/s\//.test(block)) ctx.report({ ...sigLine, message: 'The signature block has no "/s/" signature.' });
      if (findDates(text, sig, sig + 3000).length === 0) ctx.report({ ...sigLine, message: 'The signature block has no date.' });
    }
  },
};
