import type { Rule } from '../rule';
import { filingKind, headingOffset } from '../prose/filing';
import { findDates } from '../prose/dates';

export const formSdRequired: Rule = {
  id: 'form-sd-required',
  description:
    'A Form SD or CMR missing what the form requires: Item 1.01 and its RCOI, Item 1.02 and Exhibit 1.01 with a CMR, the due-diligence framework, a dated signature.',
  defaultSeverity: 'info',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'form-sd'],
  docs: `## What it catches
A Form SD filing (recognised by "Form SD" and "Specialized Disclosure Report") that lacks a part the form
requires, one finding per missing part:
- Item 1.01 (Conflict Minerals Disclosure and Report), and in it the description of the reasonable country of
  origin inquiry (RCOI);
- when a Conflict Minerals Report is filed: Item 1.02 and the Exhibit 1.01 reference, and in the CMR the
  nationally or internationally recognised due-diligence framework it follows (the OECD Due Diligence
  Guidance);
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
    if (item101 === undefined && !/\bItems?\s+1\.01\b/i.test(text)) {
      ctx.report({ ...top, message: 'No Item 1.01 (Conflict Minerals Disclosure and Report): Form SD requires it.' });
    } else if (!/reasonable country[- ]of[- ]origin inquir(?:y|ies)|\bRCOI\b/i.test(text)) {
      const at = item101 ?? text.search(/\bItems?\s+1\.01\b/i);
      ctx.report({
        start: at,
        end: ctx.model.lines.lineEnd(ctx.model.lines.positionAt(at).line),
        message: 'Item 1.01 does not describe the reasonable country of origin inquiry (RCOI) and its result.',
      });
    }
    const cmrAt = headingOffset(text, /(?:[A-Z][^\n]{0,60})?Conflict Minerals Report\b/) ?? 0;
    const cmrLine = { start: cmrAt, end: ctx.model.lines.lineEnd(ctx.model.lines.positionAt(cmrAt).line) };
    if (kind.cmr) {
      if (!/\bItems?\s+(?:\d\.\d\d\s*(?:,|and|&)\s*)*1\.02\b/i.test(text))
        ctx.report({ ...top, message: 'A Conflict Minerals Report is filed but there is no Item 1.02 (Exhibit).' });
      if (!/\bExhibit\s+1\.01\b/i.test(text))
        ctx.report({ ...top, message: 'A Conflict Minerals Report is filed but it is not referred to as Exhibit 1.01.' });
      if (!/\bOECD\b|Organi[sz]ation for Economic Co-?operation/i.test(text)) {
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
