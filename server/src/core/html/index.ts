/**
 * An HTML filing (an EDGAR exhibit as .htm, or the HTML documents of a complete-submission .txt) read into
 * the text the core lints, and the way back: findings in the rendered text placed on the HTML source. The
 * core's parser and rules never see HTML; the CLI, the editor and aggregation lint `text` and place what they
 * report with `toSource`.
 */
import { LineIndex } from '../text';
import type { DecodeProblem } from '../text';
import { parseFiling, Table } from '../parse/document';
import type { Finding, RelatedLocation } from '../types';
import { edgarDocuments, headerFields, isEdgarSubmission } from './edgar';
import { renderHtml, RenderedTable, Rendering } from './render';

export { isEdgarSubmission } from './edgar';

/**
 * The most HTML read, in characters: parse5's tree with source locations costs about 150 bytes and 0.2 ms
 * per kilobyte of a table-heavy exhibit (a 14 MB one took 2 GB and a minute); EDGAR's Conflict Minerals
 * Reports are well under 1 MB (the largest of the corpus, Ford's 350 smelters, is 480 KB).
 */
export const MAX_HTML_LENGTH = 4 * 1024 * 1024;

export interface HtmlFiling {
  /** The rendered text: prose lines and tab-separated table rows. */
  text: string;
  /** Why the HTML was not read (too large). */
  problems: DecodeProblem[];
  /** The data tables of the HTML, by rendered line, and whether their cells read as smelter rows. */
  tables: RenderedTable[];
  /** The HTML source as decoded from the file (the document the user sees and edits). */
  source: string;
  /** Line index of the source: rendered offsets become source line:col through it. */
  sourceLines: LineIndex;
  /** The rendered range [start, end) as a range of the source. */
  toSource(start: number, end: number): { start: number; end: number };
  /** A finding of the rendered text with its place (and its related places) in the source. */
  inSource(f: Finding): Finding;
  /**
   * The rendered offset of a source offset (the editor's cursor in the HTML, for hover and completion): the
   * first rendered character whose source ends after it, or undefined when it lies in markup or hidden text.
   */
  toRendered(sourceOffset: number): number | undefined;
  /** A 1-based line and column of the rendered text as the source's 1-based line and column. */
  sourcePosition(line: number, column: number): { line: number; column: number };
}

/** File names read as HTML. */
export function isHtmlFileName(fileName: string): boolean {
  return /\.html?$/i.test(fileName);
}

/**
 * Whether a file is read as HTML: an .htm/.html name, or a text that is an EDGAR envelope holding an HTML or
 * plain-text document (a complete-submission .txt: its documents are read, not its envelope's tags).
 */
export function readsAsHtml(fileName: string, text: string): boolean {
  if (isHtmlFileName(fileName)) return true;
  return isEdgarSubmission(text) && edgarDocuments(text).some((d) => d.html || d.plain);
}

/** Reads an HTML filing: the HTML documents of an EDGAR envelope, else the whole text as one HTML document. */
export function readHtmlFiling(source: string): HtmlFiling {
  // the HTML documents, and the plain-text ones (a Form SD and its exhibit typed as ASCII) read as a <pre> block
  const docs = isEdgarSubmission(source) ? edgarDocuments(source).filter((d) => d.html || d.plain) : [];
  // with the header lines the prose rules read (reporting period, filing date), each a line of its own
  const parts = docs.length > 0 ? [...headerFields(source), ...docs] : [{ start: 0, end: source.length }];
  const length = parts.reduce((n, p) => n + p.end - p.start, 0);
  const tooLarge = length > MAX_HTML_LENGTH;
  const rendering = renderHtml(source, tooLarge ? [] : parts);
  const toSource = (start: number, end: number) => sourceRange(rendering, start, end);
  const byEnd = sortedByEnd(rendering);
  const sourceLines = new LineIndex(source);
  const renderedLines = new LineIndex(rendering.text);
  // "line N" of a message (a rule's reference to another row) becomes the row's line:col in the source (a
  // filing agent's HTML may be one line of 300 000 characters: the line alone would not find the row)
  const sourceLine = (n: number) => {
    if (n < 1 || n > renderedLines.lineCount) return String(n);
    const at = sourceLines.positionAt(toSource(renderedLines.lineStarts[n - 1], renderedLines.lineStarts[n - 1]).start);
    return `${at.line + 1}:${at.character + 1}`;
  };
  const relabel = (message: string) =>
    message.replace(
      LINE_REFERENCE,
      (all, word: string, a: string, b?: string) => `${word} ${sourceLine(Number(a))}${b ? `–${sourceLine(Number(b))}` : ''}`,
    );
  return {
    text: rendering.text,
    tables: rendering.tables,
    problems: tooLarge
      ? [
          {
            kind: 'unread-html',
            message: `This HTML is ${(length / 1048576).toFixed(1)} MB; cmrlint reads HTML filings up to ${MAX_HTML_LENGTH / 1048576} MB (an exhibit is well under 1 MB): it was not read.`,
          },
        ]
      : [],
    source,
    sourceLines,
    toSource,
    inSource: (f) => inSource(f, toSource, relabel),
    toRendered: (offset) => toRendered(rendering, offset, byEnd),
    sourcePosition: (line, column) => {
      const at = toSource(renderedLines.offsetAt({ line: line - 1, character: column - 1 }), 0).start;
      const p = sourceLines.positionAt(at);
      return { line: p.line + 1, column: p.character + 1 };
    },
  };
}

/** How the rules refer to other rows in messages: "line 12", "lines 12–40" (core/rules/util.ts lineOf). */
const LINE_REFERENCE = /\b([Ll]ines?) (\d+)(?:–(\d+))?/g;

function toRendered(r: Rendering, offset: number, byEnd: () => Int32Array): number | undefined {
  // rendered characters follow the source's order, their source ends ascending (a binary search), but where a
  // cell is shown twice or header rows were merged: then over the characters sorted by their source's end
  const order = r.ordered ? undefined : byEnd();
  const end = (k: number) => r.sourceEnd[order ? order[k] : k];
  let lo = 0;
  let hi = r.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (end(mid) <= offset) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= r.text.length) return undefined;
  const at = order ? order[lo] : lo;
  return r.sourceStart[at] <= offset ? at : undefined;
}

/** The rendered characters in the order of their source ends (then of their own): sorted once, when first asked. */
function sortedByEnd(r: Rendering): () => Int32Array {
  let order: Int32Array | undefined;
  return () => (order ??= Int32Array.from(r.sourceEnd.keys()).sort((a, b) => r.sourceEnd[a] - r.sourceEnd[b] || a - b));
}

/** Characters scanned for a range's source bounds when the rendering is out of the source's order. */
const RANGE_SCAN = 4096;

function sourceRange(r: Rendering, start: number, end: number): { start: number; end: number } {
  const n = r.text.length;
  if (n === 0) return { start: 0, end: 0 };
  let s = start < n ? r.sourceStart[start] : r.sourceEnd[n - 1];
  let e = end > start ? r.sourceEnd[Math.min(end, n) - 1] : s;
  // a range over a merged header or a repeated cell: the bounds of its characters' sources
  if (!r.ordered && end - start <= RANGE_SCAN)
    for (let k = start; k < Math.min(end, n); k++) [s, e] = [Math.min(s, r.sourceStart[k]), Math.max(e, r.sourceEnd[k])];
  return { start: s, end: Math.max(s, e) };
}

/** A plain copy of a finding (its message and fixes resolved) at its source place; no fixes: see fixes.ts. */
function inSource(f: Finding, toSource: HtmlFiling['toSource'], relabel: (message: string) => string): Finding {
  const at = toSource(f.start, f.end);
  const related: RelatedLocation[] | undefined = f.related?.map((r) => ({
    ...r,
    ...toSource(r.start, r.end),
    message: relabel(r.message),
  }));
  return {
    rule: f.rule,
    severity: f.severity,
    message: relabel(f.message),
    ...at,
    ...(related ? { related } : {}),
    ...(f.count !== undefined ? { count: f.count } : {}),
  };
}

/** Words of a conflict minerals filing: an HTML file without them, found in a folder, is not one. */
const FILING_WORDS = /conflict minerals?|form sd\b|specialized disclosure|\b3TG\b/i;

export function isFilingText(text: string): boolean {
  return FILING_WORDS.test(text);
}

/**
 * Where a filing says it lists smelters: a named annex or appendix of smelters, a list or table of smelters,
 * smelters "listed below" or "set forth in". A filing that says so but of whose tables none could be read as
 * a smelter table gets a finding: its list was not checked. A report that only speaks of smelters in general
 * (many list none) does not.
 */
const LIST_SAYS = [
  /\b(?:annex|appendix|schedule|attachment|exhibit)\s+(?:[A-H]|[IVX]{1,4}|\d{1,2})\b[^\n]{0,160}\b(?:smelters?|refiner(?:s|ies)?|processing facilit(?:y|ies)|SORs?)\b/gi,
  /\b(?:smelters?|refiner(?:s|ies)?|processing facilit(?:y|ies)|SORs?)\b[^\n]{0,160}\b(?:annex|appendix|schedule|attachment)\s+(?:[A-H]|[IVX]{1,4}|\d{1,2})\b/gi,
  /\b(?:list|table)s? of (?:the |all )?(?:[\w-]+ ){0,3}(?:smelters?|refiner(?:s|ies)?|processing facilities|SORs)\b/gi,
  /\b(?:smelters?|refiner(?:s|ies)?|processing facilities|SORs)\b[^\n.]{0,120}\b(?:listed|identified|set forth|shown|included)\s+(?:below|in the (?:following|table|list))/gi,
];

/** Words that deny what follows in their sentence: "we were not able to provide a list of smelters". */
const DENIAL = /\b(?:not|no|unable|cannot|never|neither|nor|without)\b|n[’']t\b/i;
/** Characters looked back from a mention for its sentence's start. */
const SENTENCE_BACK = 300;

/** Whether the sentence a mention at `at` is in denies it before it (a list the filer says it could not give). */
function denied(text: string, at: number): boolean {
  const from = Math.max(0, at - SENTENCE_BACK);
  const before = text.slice(from, at);
  const end = Math.max(before.lastIndexOf('. '), before.lastIndexOf('.\n'), before.lastIndexOf('\n\n'), before.lastIndexOf(';'));
  return DENIAL.test(before.slice(end + 1));
}

/** The first place a text says it lists smelters, where its sentence does not deny it: its offset and the words. */
export function saysItListsSmelters(text: string): { offset: number; words: string } | undefined {
  let first: RegExpExecArray | undefined;
  for (const re of LIST_SAYS) {
    re.lastIndex = 0; // global: each mention in turn, until one not denied
    for (let m = re.exec(text); m && (!first || m.index < first.index); m = re.exec(text)) {
      if (denied(text, m.index)) continue;
      first = m;
      break;
    }
  }
  if (!first) return undefined;
  return { offset: first.index, words: first[0].length > 90 ? `${first[0].slice(0, 87)}…` : first[0] };
}

/**
 * The problems of an HTML filing found in reading it: not read (too large); it says it lists smelters while none
 * of its tables reads as a smelter table (file-format, at the start of the file, naming the words and their
 * line:col); a table whose cells hold smelters (a metal, a name and a country or ID column) but none of whose rows
 * were read, its header missing, typeset as images without text, or not naming its columns (table-unread, at the
 * table's first row).
 */
export function unreadTable(filing: HtmlFiling): DecodeProblem[] {
  if (filing.problems.length > 0) return filing.problems;
  const model = parseFiling(filing.text, 'text');
  const lines = new LineIndex(filing.text);
  const unread = tablesNotRead(filing.tables, model.tables, lines).map((t): DecodeProblem => ({
    kind: 'unread-table',
    start: lines.lineStarts[t.firstLine],
    end: lines.lineEnd(t.firstLine),
    message: `This table (lines ${t.firstLine + 1}–${t.lastLine + 1}) holds ${t.rows} rows of smelters (metals, names, countries or smelter IDs), but has no header naming its columns (Metal, Smelter Name, Country, Smelter ID): its rows were not read, so these smelters were not checked.`,
  }));
  if (model.tables.length > 0) return unread;
  const says = saysItListsSmelters(filing.text);
  if (!says) return unread;
  // a line of the rendered text, as the rules' messages give them: inSource shows it as the source's line:col
  const line = lines.positionAt(says.offset).line + 1;
  return [
    {
      kind: 'unread-html',
      message: `This filing speaks of a smelter list ("${says.words}", line ${line}), but no smelter table could be read from its HTML: no table has a header naming the smelter column and a Metal, Country or Smelter ID column, so its smelters were not checked.`,
    },
    ...unread,
  ];
}

/** The rendered tables that read as smelter lists and of whose lines no smelter table read a row (one pass over both, in line order). */
function tablesNotRead(rendered: readonly RenderedTable[], read: readonly Table[], lines: LineIndex): RenderedTable[] {
  const rowLines = read.flatMap((t) => t.rows.map((r) => r.line));
  let k = 0;
  return rendered.filter((t) => {
    if (!t.listsSmelters) return false;
    while (k < rowLines.length && rowLines[k] < t.firstLine) k++;
    return !(k < rowLines.length && rowLines[k] <= t.lastLine) && lines.lineCount > t.lastLine;
  });
}
