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
  /** The content is plain text (the ASCII exhibits of 2013–2015): neither HTML nor a PDF or uuencoded file. */
  plain: boolean;
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
    // a document ends at its </DOCUMENT>, or at the next <DOCUMENT> when it was left open
    const next = indexOfTag(text, '<DOCUMENT>', open + 10);
    const close = indexOfTag(text, '</DOCUMENT>', open, next < 0 ? text.length : next);
    const stop = close >= 0 ? close : next >= 0 ? next : text.length;
    const typeAt = indexOfTag(text, '<TYPE>', open, stop);
    const type =
      typeAt < 0
        ? ''
        : text
            .slice(typeAt + 6, lineEnd(text, typeAt + 6, stop))
            .trim()
            .toUpperCase();
    const textAt = indexOfTag(text, '<TEXT>', open, stop);
    if (textAt >= 0) {
      const start = textAt + 6;
      const endTag = indexOfTag(text, '</TEXT>', start, stop);
      const end = endTag < 0 ? stop : endTag;
      const html = looksLikeHtml(text, start, end);
      // plain text only in a real envelope: <TEXT> on a line of its own (not a README quoting the tags)
      const ownLine = (textAt === 0 || text[textAt - 1] === '\n') && /^\r?\n/.test(text.slice(start, start + 2));
      docs.push({ type, start, end, html, plain: !html && ownLine && looksLikeText(text, start, end) });
    }
    at = close >= 0 ? close + 11 : stop;
  }
  return docs;
}

/** Text content that is not HTML: no PDF, no uuencoded file, no XML (an XBRL instance or schema), no NUL. */
function looksLikeText(text: string, start: number, end: number): boolean {
  const head = text.slice(start, Math.min(end, start + 4096));
  return /\S/.test(head) && !/^\s*(?:<PDF>|begin \d{3} |<\?xml|<XML>|<XBRL>|<JSON>|%PDF)/i.test(head) && !head.includes('\0');
}

/**
 * HTML content: an html, body, p, div, font, tr or td tag in its first few kilobytes (a PDF or a uuencoded image has
 * none), or a table tag with attributes: a bare <TABLE> is EDGAR's ASCII markup, beside <CAPTION>, <S>, <C>.
 */
function looksLikeHtml(text: string, start: number, end: number): boolean {
  const head = text.slice(start, Math.min(end, start + 4096));
  if (/^\s*(?:<PDF>|begin \d{3} )/i.test(head)) return false;
  return /<(?:html|body|p|div|font|tr|td|br|span)\b|<table\s/i.test(head);
}

/**
 * A tag in upper or lower case between from and before (exclusive), or −1. Only that stretch is searched: a
 * document without a <TYPE> must not send each look-up to the end of the file (quadratic over many documents).
 */
function indexOfTag(text: string, tag: string, from: number, before = text.length): number {
  const upper = (before >= text.length ? text : text.slice(0, before)).indexOf(tag, from);
  // the lower-case spelling only where it would come first
  const lower = text.slice(0, upper < 0 ? Math.min(before, text.length) : upper).indexOf(tag.toLowerCase(), from);
  return lower >= 0 ? lower : upper;
}

function lineEnd(text: string, from: number, before: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 || nl > before ? before : nl;
}

/**
 * The lines of EDGAR's submission header the prose rules read, before the first document: "CONFORMED PERIOD
 * OF REPORT: 20231231" (the reporting year) and "FILED AS OF DATE: 20240524" (against the deadline). Only
 * those lines, so nothing else of the header (addresses, codes) becomes prose.
 */
export function headerFields(text: string): Array<{ start: number; end: number }> {
  const first = indexOfTag(text, '<DOCUMENT>', 0, 200_000);
  if (first < 0) return [];
  const out: Array<{ start: number; end: number }> = [];
  for (const m of text.slice(0, first).matchAll(/^[ \t]*(?:CONFORMED PERIOD OF REPORT|FILED AS OF DATE):[ \t]*\d{8}[ \t]*$/gm))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
