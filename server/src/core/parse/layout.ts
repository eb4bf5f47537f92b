/**
 * How real filings lay out a smelter table beyond its header and rows: the metal or the RMAP status given in
 * a section heading above the rows ("Gold", "Tin Smelters", "Metal: Tungsten", "RMAP Conformant"), footnote
 * marks on names ("Name*", "Name (1)", "Name¹") and footnote rows ("* Smelter is RMAP conformant"), rows of
 * invisible characters, and tables that follow or sit inside a smelter table without being one (a list of
 * countries, a table of counts per metal). Written by hand: no library reads the layout of a typeset table.
 */
import { resolveMetal } from '../data/metals';
import { countryTable } from '../data/countries';
import { cellCount, valueAt, type Cell, type CellRow } from './cells';

/** What a section heading says about the rows below it: the metal or the status, and where it says it. */
export interface Heading {
  metal?: HeadingPart;
  status?: HeadingPart;
}

export interface HeadingPart {
  /** The words as written ("Tin", "RMAP Conformant"). */
  value: string;
  /** Offsets of the words in the text. */
  start: number;
  end: number;
}

/** The longest line read as a section heading. */
const HEADING_MAX = 80;

/** A status a heading can name, longest phrases first (an RMAP status, as RMI's lists and filings write them). */
const STATUS =
  /^(?:(?:rmap|rmi)\s+)?(?:not\s+yet\s+participating|non[- ]?participating|not\s+participating|not\s+enrolled|non[- ]?conformant|not\s+conformant|in\s+communication|outreach\s+required|communication\s+suspended|conformant|compliant|participating|active)\b/i;

/** Words a heading may hold besides a metal and a status. */
const FILLER =
  /^(?:smelters?|refiners?|refinery|refineries|facility|facilities|processors?|sors?|and|or|&|\/|-|–|—|list|lists|of|the|metal|metals|mineral|minerals|table|in|rmap|rmi|status|continued|cont'd|cont\.|\(continued\))$/i;

/** An annex's name: "Annex", "Appendix" and its number or letter ("Annex I", "Appendix A", "Schedule 2"). */
const ANNEX = /^(?:annex|appendix|schedule|attachment|exhibit)$/i;
const ANNEX_ID = /^(?:[a-h]|[ivx]{1,4}|\d{1,2})[.:]?$/i;

/** Leading list numbering and Markdown heading marks: "## ", "A. ", "1) ", "iv. ". */
const LEADER = /^(?:#{1,6}\s+|(?:[A-Z]|\d{1,2}|[ivxIVX]{1,4})[.)]\s+)/;

/**
 * The section heading a line's text is, with offsets from `at` (where the text starts): undefined for any
 * other line. A heading is short and says only a metal and/or a status, in heading words; "Gold" in a
 * sentence is not one.
 */
export function headingOf(text: string, at: number): Heading | undefined {
  if (text.length > HEADING_MAX) return undefined;
  text = text.slice(0, text.length - footnoteMarkLength(text)); // "Tin (1)", "Gold*": the mark is no word of it
  // the words with their offsets: emphasis marks, colons and dashes around them are not words
  const words: Array<{ w: string; s: number }> = [];
  const lead = LEADER.exec(text);
  const re = /[^\s:*_,;()[\]"“”]+/g;
  re.lastIndex = lead ? lead[0].length : 0;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push({ w: m[0], s: m.index });
  if (words.length === 0) return undefined;
  const out: Heading = {};
  for (let i = 0; i < words.length; i++) {
    const { w, s } = words[i];
    const metal = resolveMetal(w);
    if (metal && metal.kind === 'name') {
      if (out.metal) return undefined; // two metals: a sentence or a combined list, not a section
      out.metal = { value: w, start: at + s, end: at + s + w.length };
      continue;
    }
    const status = STATUS.exec(text.slice(s));
    if (status && !out.status && isWordEnd(text, s + status[0].length)) {
      out.status = { value: status[0], start: at + s, end: at + s + status[0].length };
      while (i + 1 < words.length && words[i + 1].s < s + status[0].length) i++;
      continue;
    }
    if (FILLER.test(w)) continue;
    if (ANNEX.test(w) && i + 1 < words.length && ANNEX_ID.test(words[i + 1].w)) {
      i++;
      continue;
    }
    if (/^\(?(?:au|sn|ta|w)\)?$/i.test(w) && out.metal) continue; // "Gold (Au)"
    return undefined;
  }
  return out.metal || out.status ? out : undefined;
}

const isWordEnd = (text: string, i: number) => i >= text.length || !/[\p{L}\p{N}]/u.test(text[i]);

/**
 * The place of a row's one non-empty cell, when it has exactly one (else -1): a heading row, a footnote row or a
 * caption typed into a table's first cell (`Gold\t\t`, `| **Tin** | | |`, `"* Conformant",,`). Read without
 * making the row's cells (every row of a list is asked).
 */
export function soleCell(row: CellRow): number {
  let sole = -1;
  const n = cellCount(row);
  for (let i = 0; i < n; i++) {
    if (isBlankValue(valueAt(row, i)!)) continue;
    if (sole >= 0) return -1;
    sole = i;
  }
  return sole;
}

/**
 * Characters nobody sees, and the entity a converter left for one: a cell of nothing else is empty. (NBSP and
 * BOM are whitespace to the tokenizers and trimmed already.)
 */
const INVISIBLE = /^(?:[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]|&nbsp;?|&#160;|&#xa0;|&zwsp;|&shy;)+$/i;

/** A value that shows nothing: empty, or only invisible characters or their entities. */
export function isBlankValue(v: string): boolean {
  return v === '' || (v.length <= 200 && mayBeInvisible(v.charCodeAt(0)) && INVISIBLE.test(v));
}

/**
 * Whether a value starting with this character code may match INVISIBLE: any character outside ASCII, or
 * whitespace or `&` (an entity). Every cell of a list is asked whether it is blank: most start with a letter
 * or a digit, and are answered without running the expression.
 */
function mayBeInvisible(c: number): boolean {
  return c >= 0x80 || c === 38 /* & */ || c === 32 || (c >= 9 && c <= 13);
}

/**
 * A footnote's mark at the start of a line or cell: "*", "**", "†", "(1)", "[2]", "¹", "1 " before a
 * capitalised word, "Note:"/"Notes:"/"Source:".
 */
const FOOTNOTE_START =
  /^(?:\*{1,4}\s*\S|[†‡§¶]+\s*\S|\(\s*(?:\d{1,2}|[a-z]|\*{1,4})\s*\)\s*\S|\[\s*\d{1,2}\s*\]\s*\S|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S|\d{1,2}[.)]?\s+\p{Lu}\p{Ll}+\s+\p{Ll}|(?:notes?|source)\s*:)/iu;

/** A footnote row's text: a mark, then a phrase with a lower-case word (a sentence), not a marked name. */
export function isFootnoteText(v: string): boolean {
  if (v.length > 2000 || !FOOTNOTE_START.test(v)) return false;
  const words = v.match(/\p{L}{2,}/gu) ?? [];
  return words.length >= 2 && words.some((w) => w === w.toLowerCase());
}

/**
 * The length of a footnote mark that ends a name: "*"…"****", "†", "‡", "(1)", "[2]", "(a)", "¹²", with the
 * space before it. 0 when the value ends otherwise (or would be nothing without it).
 */
export function footnoteMarkLength(v: string): number {
  if (!mayEndMark(v.charCodeAt(v.length - 1))) return 0; // the common value, told without the expression
  const m = END_MARK.exec(v.slice(-8));
  if (!m) return 0;
  let at = v.length - m[0].length;
  while (at > 0 && (v[at - 1] === ' ' || v[at - 1] === '\t')) at--;
  return at === 0 ? 0 : v.length - at;
}

/**
 * What spreadsheet template rows hold when they have no data: formula leftovers (#N/A, #VALUE!…) and zeros.
 * A row of nothing else is not a row of the table (exports of CMRTs end with hundreds of them).
 */
const PADDING = /^(?:0|#N\/A|#VALUE!|#REF!|#NAME\?|#DIV\/0!|#NULL!|#NUM!)$/i;

/** Whether a value is PADDING, which starts with 0 or # (every first cell of a list is asked: told without the expression). */
export function isPadding(v: string): boolean {
  const c = v.charCodeAt(0);
  return (c === 48 /* 0 */ || c === 35) /* # */ && PADDING.test(v);
}

/** Whether a value starting with this character code may be a number of a count table: a digit or a dash (COUNT_VALUE). */
export function mayStartCount(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 0x2013 || c === 0x2014;
}

/**
 * Whether a value ending with this character code may end with END_MARK: `*`, `)`, `]`, or a character outside
 * ASCII (†, ¹...). Names, metals and IDs of every row are asked: most end with a letter, a digit or a dot, and
 * are answered without a slice and an expression.
 */
export function mayEndMark(c: number): boolean {
  return c === 42 /* * */ || c === 41 /* ) */ || c === 93 /* ] */ || c >= 0x80;
}

/** A footnote mark at the end of a value (looked for in its last characters only). */
const END_MARK = /(?:\*{1,4}|[†‡§¶]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\( ?(?:\d{1,2}|[a-e]|\*{1,4}) ?\)|\[ ?\d{1,2} ?\])$/u;

/**
 * A name cell without the footnote mark that ends it, the mark left in the text and outside the value (a
 * fix that renames the smelter keeps it); the cell itself when it has none.
 */
export function withoutMark(text: string, cell: Cell): Cell {
  const n = footnoteMarkLength(cell.value);
  if (n === 0 || text.slice(cell.end - n, cell.end) !== cell.value.slice(-n)) return cell;
  const value = cell.value.slice(0, -n);
  return { ...cell, value, end: cell.end - n };
}

/** A number as a count table writes it: "15", "1,204", "65%", "—". */
const COUNT_VALUE = /^(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?\s*%?$|^[-–—]$/;

/** What a cell value is to a count row: 0 blank, 1 a number, 2 a metal or "Total", 3 anything else. */
export function countCell(v: string): 0 | 1 | 2 | 3 {
  if (isBlankValue(v)) return 0;
  if (COUNT_VALUE.test(v)) return 1;
  return resolveMetal(v) || /^(?:total|totals|sum|all metals|3tg)$/i.test(v) ? 2 : 3;
}

/**
 * A row of a count table: a metal (or "Total") and numbers. A smelter row has a name. (`kindOf`: countCell, or
 * the same memoised per value.)
 */
export function isCountRow(row: CellRow, kindOf: (v: string) => number = countCell): boolean {
  let label = false;
  let numbers = 0;
  const n = cellCount(row);
  for (let i = 0; i < n; i++) {
    const k = kindOf(valueAt(row, i)!);
    if (k === 0) continue;
    if (k === 1) {
      numbers++;
      continue;
    }
    if (label || k === 3) return false;
    label = true;
  }
  return numbers > 0;
}

/** What a cell value is to a list of countries: 0 blank, 1 a country, 2 anything else. */
export function countryCell(v: string): 0 | 1 | 2 {
  if (isBlankValue(v)) return 0;
  const clean = v.slice(0, v.length - footnoteMarkLength(v));
  return clean.length > 60 || !countryTable().resolve(clean) ? 2 : 1;
}

/**
 * A row of a list of countries: every non-empty cell a country (a smelter row has a name that is not one).
 * (`kindOf`: countryCell, or the same memoised per value.)
 */
export function isCountryRow(row: CellRow, kindOf: (v: string) => number = countryCell): boolean {
  let countries = 0;
  const n = cellCount(row);
  for (let i = 0; i < n; i++) {
    const k = kindOf(valueAt(row, i)!);
    if (k === 0) continue;
    if (k === 2) return false;
    countries++;
  }
  return countries > 0;
}

/**
 * A function of a cell value memoised per value, for the length of one read (a list repeats its values over its
 * rows). The last value asked is answered first, without a look-up: a column often repeats a value over
 * consecutive rows (the metal of a list sorted by metal), and shared values (parse/cells.ts) compare by identity.
 */
export function perValue<T>(f: (v: string) => T): (v: string) => T {
  const known = new Map<string, T>();
  let last: string | undefined;
  let lastResult: T;
  return (v) => {
    if (v === last) return lastResult;
    let r = known.get(v);
    if (r === undefined && !known.has(v)) known.set(v, (r = f(v)));
    last = v;
    lastResult = r as T;
    return r as T;
  };
}

/** Page furniture between the rows of a table split over pages: "12", "Page 3", "- 4 -", "5 of 20". */
export function isPageNumber(v: string): boolean {
  if (v.length > 24) return false;
  const t = v.replace(SPACES, ' ');
  return PAGE_NUMBER.test(t) || ROMAN.test(t);
}
// made once: a literal in a function is a new object at each call (a page number is asked of many cells)
const SPACES = /\s+/g;
const PAGE_NUMBER = /^(?:page )?[-–—]? ?\d{1,4} ?[-–—]?(?: ?(?:of|\/) ?\d{1,4})?$/i;
const ROMAN = /^[ivxlc]{1,6}$/i;

/** Lines looked at above a table's header for the heading of its first rows. */
const LOOK_BACK = 3;

/**
 * The section each row is in: the metal and status of the last headings above it (on their own lines, between
 * the rows or just above the header), each kept until a heading of its kind changes it. Undefined when no
 * heading is found. One walk over the table's lines.
 */
export function sectionsOf(
  text: string,
  lines: { lineCount: number; lineStarts: ArrayLike<number>; lineEnd(l: number): number },
  headerLine: number,
  rows: ReadonlyArray<{ line: number; end: number }>,
  rowEndLine: (i: number) => number,
): Heading[] | undefined {
  const headingAt = (l: number): Heading | undefined => {
    const s = lines.lineStarts[l];
    const e = lines.lineEnd(l);
    if (e - s > HEADING_MAX * 2) return undefined;
    const cell = lineCell(text, s, e);
    if (!cell) return undefined;
    const v = text.slice(cell.start, cell.end);
    // a legend ("* RMAP conformant") is a footnote, not a section; "*Tin smelters*" (emphasis) is a heading
    if (isFootnoteText(v) && !/[*_]\s*$/.test(v)) return undefined;
    return headingOf(v, cell.start);
  };
  let current: Heading = {};
  let found = false;
  const take = (h: Heading | undefined) => {
    if (!h) return;
    current = { metal: h.metal ?? current.metal, status: h.status ?? current.status };
    found = true;
  };
  // above the header: blank lines and headings, nearest last
  const above: Heading[] = [];
  for (let l = headerLine - 1, seen = 0; l >= 0 && seen < LOOK_BACK; l--) {
    if (lines.lineEnd(l) === lines.lineStarts[l] || text.slice(lines.lineStarts[l], lines.lineEnd(l)).trim() === '') continue;
    const h = headingAt(l);
    if (!h) break;
    above.push(h);
    seen++;
  }
  for (let i = above.length - 1; i >= 0; i--) take(above[i]);
  // the rows' sections are written down from the first heading on (most tables have none: no array per row)
  let out: Heading[] | undefined;
  let after = headerLine;
  for (let i = 0; i < rows.length; i++) {
    for (let l = after + 1; l < rows[i].line; l++) take(headingAt(l));
    if (found) (out ??= new Array<Heading>(i).fill({})).push(current);
    after = Math.max(after, rowEndLine(i));
  }
  return out;
}

/**
 * The one cell of a line holding one value: the line's trimmed text, or its one non-empty cell when it is a
 * row of tabs, pipes or commas with the other cells empty (a heading typed into a table's first column).
 */
function lineCell(text: string, s: number, e: number): { start: number; end: number } | undefined {
  const line = text.slice(s, e);
  const cellular = line.includes('\t') || line.includes('|');
  const split = cellular ? /[\t|]/ : /[,;]/;
  let found: { start: number; end: number } | undefined;
  let from = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i < line.length && !split.test(line[i])) continue;
    let a = from;
    let b = i;
    from = i + 1;
    while (a < b && /[\s"]/.test(line[a])) a++;
    while (b > a && /[\s"]/.test(line[b - 1])) b--;
    if (a === b) continue;
    // two values: a row of cells, or (without tabs and pipes) a heading with a comma in it
    if (found) return cellular ? undefined : trimmed(line, s);
    found = { start: s + a, end: s + b };
  }
  return found;
}

function trimmed(line: string, s: number): { start: number; end: number } {
  const a = line.length - line.trimStart().length;
  return { start: s + a, end: s + line.trimEnd().length };
}
