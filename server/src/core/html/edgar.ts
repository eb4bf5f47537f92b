/**
 * EDGAR's complete-submission text: SGML-like `<DOCUMENT>` envelopes, each with its `<TYPE>` (SD, EX-1.01,
 * GRAPHIC…) and its content between `<TEXT>` and `</TEXT>`. EDGAR serves exhibits in this form even under an
 * `.htm` name (the corpus's four exhibits are), and a filing's `.txt` holds the Form SD and its exhibits
 * together. Read by hand: the envelope is a handful of fixed tags that no HTML parser knows (an HTML parser
 * would render `<TYPE>EX-1.01` as text), and the scan is one linear pass of indexOf.
 */

export interface EdgarDocument {
  /** The document's type as EDGAR gives it ("EX-1.01", "SD"), upper case. */
  type: string;
  /** Offsets of the content between `<TEXT>` and `</TEXT>` in the file's text. */
  start: number;
  end: number;
  /** The content is HTML (not plain text, a PDF or uuencoded image). */
  html: boolean;
}

/** Whether a text is an EDGAR envelope: `<DOCUMENT>` then `<TYPE>` near the start (after an SEC header, if any). */
export function isEdgarSubmission(text: string): boolean {
  const doc = indexOfTag(text, '<DOCUMENT>', 0, 200_000);
  return doc >= 0 && indexOfTag(text, '<TYPE>', doc, doc + 200) >= 0;
}

/** The documents of an EDGAR envelope, in file order. */
export function edgarDocuments(text: string): EdgarDocument[] {
  const docs: EdgarDocument[] = [];
  let at = 0;
  for (;;) {
    const open = indexOfTag(text, '<DOCUMENT>', at);
    if (open < 0) break;
    const close = indexOfTag(text, '</DOCUMENT>', open);
    const stop = close < 0 ? text.length : close;
    const typeAt = indexOfTag(text, '<TYPE>', open, stop);
    const type = typeAt < 0 ? '' : text.slice(typeAt + 6, lineEnd(text, typeAt + 6, stop)).trim().toUpperCase();
    const textAt = indexOfTag(text, '<TEXT>', open, stop);
    if (textAt >= 0) {
      const start = textAt + 6;
      const endTag = indexOfTag(text, '</TEXT>', start, stop);
      const end = endTag < 0 ? stop : endTag;
      docs.push({ type, start, end, html: looksLikeHtml(text, start, end) });
    }
    at = close < 0 ? text.length : close + 11;
  }
  return docs;
}

/** HTML content: an html, body, table, p or div tag in its first few kilobytes (a PDF or a uuencoded image has none). */
function looksLikeHtml(text: string, start: number, end: number): boolean {
  const head = text.slice(start, Math.min(end, start + 4096));
  if (/^\s*(?:<PDF>|begin \d{3} )/i.test(head)) return false;
  return /<(?:html|body|table|p|div|font)\b/i.test(head);
}

/** A tag, case-insensitive, between from and before (exclusive), or −1. */
function indexOfTag(text: string, tag: string, from: number, before = text.length): number {
  const upper = text.indexOf(tag, from);
  const lower = text.indexOf(tag.toLowerCase(), from);
  const i = upper < 0 ? lower : lower < 0 ? upper : Math.min(upper, lower);
  return i >= 0 && i < before ? i : -1;
}

function lineEnd(text: string, from: number, before: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 || nl > before ? before : nl;
}
