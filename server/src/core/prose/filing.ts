/** What kind of document this is: a Form SD (with or without a CMR), a stand-alone CMR, or neither. */
import { FilingModel, isDataList } from '../parse/document';

export interface FilingKind {
  formSd: boolean;
  /** A Conflict Minerals Report is part of the document (its title, or the exhibit itself). */
  cmr: boolean;
}

/** Marks of a Form SD cover page (and of EDGAR's submission header for form type SD). */
const FORM_SD_COVER = [
  /Washington,?\s+D\.?\s?C\.?\s+20549/i,
  /exact name of (?:the )?registrant/i,
  /\bcommission\s+file\s+(?:number|no\.?)/i,
  /^[^\S\n\r\u2028\u2029]*(?:\*\*|#+\s*)?form\s+sd(?:\*\*)?[^\S\n\r\u2028\u2029]*$/im,
  /^[^\S\n\r\u2028\u2029]*(?:\*\*|#+\s*)?specialized disclosure report(?:\*\*)?[^\S\n\r\u2028\u2029]*$/im,
  /^[^\S\n\r\u2028\u2029]*form type\*?[ \t]+SD[^\S\n\r\u2028\u2029]*$/im,
];

export function filingKind(model: FilingModel): FilingKind {
  if (isDataList(model)) return { formSd: false, cmr: false };
  // what a document is shows on its cover page, not in phrases anywhere in it: a Conflict Minerals Report
  // filed as Exhibit 1.01 mentions "our Specialized Disclosure Report on Form SD" but has no Form SD cover
  const head = model.text.slice(0, 8000);
  const formSd = FORM_SD_COVER.filter((r) => r.test(head)).length >= 2;
  const cmr =
    /^[ \t]*(?:\*\*)?(?:[A-Z][^\n]{0,80})?Conflict Minerals Report\b/m.test(model.text) &&
    /\b(?:due diligence|smelters?)\b/i.test(model.text);
  return { formSd, cmr };
}

/** The offset of the first heading-like line (short, not a sentence) that starts with the pattern, if any. */
export function headingOffset(text: string, pattern: RegExp): number | undefined {
  const re = new RegExp(`^[ \\t]*(?:\\*\\*|#+\\s*)?(?:${pattern.source})`, 'gim');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lineEnd = text.indexOf('\n', m.index);
    const line = text.slice(m.index, lineEnd < 0 ? text.length : lineEnd).trim();
    if (line.length <= 120 && !/[.:;,]$/.test(line)) return m.index + (m[0].length - m[0].trimStart().length);
  }
  return undefined;
}
