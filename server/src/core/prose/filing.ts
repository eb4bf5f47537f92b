/** What kind of document this is: a Form SD (with or without a CMR), a stand-alone CMR, or neither. */
import { FilingModel, isDataList } from '../parse/document';

export interface FilingKind {
  formSd: boolean;
  /** A Conflict Minerals Report is part of the document (its title, or the exhibit itself). */
  cmr: boolean;
}

export function filingKind(model: FilingModel): FilingKind {
  if (isDataList(model)) return { formSd: false, cmr: false };
  const head = model.text.slice(0, 20000);
  const formSd = /\bForm SD\b/i.test(head) && /Specialized Disclosure Report/i.test(head);
  const cmr = /^[ \t]*(?:\*\*)?(?:[A-Z][^\n]{0,80})?Conflict Minerals Report\b/m.test(model.text) && /\b(?:due diligence|smelters?)\b/i.test(model.text);
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
