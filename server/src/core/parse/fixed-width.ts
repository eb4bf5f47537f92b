/**
 * Smelter tables laid out with spaces: the fixed-width columns of EDGAR's plain-text exhibits (2013–2016),
 * of `pdftotext -layout` output and of text conversions. A table is found by its header, which may be wrapped
 * over two or three lines ("Smelter" / "Identification" / "Number"); its columns are the stretches of the
 * lines that the header and the rows share, the gaps between them where no line writes anything (not the
 * places of one spelling of the header); a row whose long name (or country) wraps onto the lines below gives
 * those lines' words to its cells. Works on line texts only, so the plain-text reader (document.ts) and the
 * HTML reader (a <pre> block, an ASCII document of an EDGAR submission) read such tables alike.
 *
 * Written by hand: no maintained library reads a text table's columns from its whitespace (the PDF tools
 * that do, camelot, tabula, work on a PDF's glyph positions, not on text).
 */
import { resolveMetal } from '../data/metals';
import { countryTable } from '../data/countries';
import { readHeader, type HeaderInfo } from './header';
import { looksLikeId } from './columns';
import { makeCell, newKind, type Cell, type RawRow } from './cells';
import type { LineIndex } from '../text';
import { headingOf, isFootnoteText, isPageNumber } from './layout';

/** A stretch [a, b) of characters of one line. */
export interface Piece {
  line: number;
  a: number;
  b: number;
}

/** One record of a table: its header, a repeat of it after a page break, or a row; each cell the pieces it is written in. */
export interface LaidRecord {
  kind: 'header' | 'repeat' | 'row';
  /** First and last line the record covers (a wrapped header or row covers several). */
  first: number;
  last: number;
  /** Per column, the pieces of text of the cell, top to bottom (none: the cell is empty). */
  cells: Piece[][];
}

/** The longest line looked at: longer ones are prose (or a table no reader could line up). */
const MAX_LINE = 400;
/** Header lines: a header wraps over at most this many lines. */
const MAX_HEADER_LINES = 3;
/**
 * A line of one stretch of more words, or of more characters, than this is a sentence: the table has ended (a
 * row's cell may be longer: "Inner Mongolia Qiankun Gold and Silver Refinery Share Co., Ltd." beside its country).
 */
const MAX_CELL_WORDS = 9;
const MAX_CELL_LENGTH = 70;
/** A cell of a row of two cells or more longer than this is no smelter's: the line is prose set with two spaces. */
const MAX_ROW_CELL_WORDS = 16;
const MAX_ROW_CELL_LENGTH = 110;
/** Words a smelter table's header holds (a line without any is never tried as one). */
const HEADER_WORD = /smelter|refiner|facilit|metal|mineral|countr|location|\bcid\b|identif|\bname/i;
/** A rule under a header: dashes, equals signs or underscores, possibly in groups. */
const RULE = /^[\s=_-]+$/;
/** A line of EDGAR's ASCII markup only: a page break, a table's tags, its column marks (`<S>  <C>`). */
const ASCII_MARKUP = /^\s*(?:<\/?(?:PAGE|TABLE|CAPTION|S|C|FN)>\s*)+$/i;

/**
 * The stretches of a line's text apart by two spaces or more (or a tab): the cells it writes, as far as the
 * line alone says. One pass.
 */
export function segmentsOf(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let a = -1; // where the stretch being read began
  let last = -1; // its last character that is no space
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hard = c === 9 || c === 12;
    if (c === 32 || c === 0xa0 || c === 13 || hard) {
      if (hard && a >= 0) [a, last] = (out.push([a, last + 1]), [-1, -1]);
      continue;
    }
    if (a >= 0 && i - last > 2) out.push([a, last + 1]);
    if (a < 0 || i - last > 2) a = i;
    last = i;
  }
  if (a >= 0) out.push([a, last + 1]);
  return out;
}

/** A line's text as the reader is given it: undefined for a line it must not read (a tab or pipe row). */
export type LineText = (line: number) => string | undefined;

/**
 * The fixed-width smelter tables of a text's lines, as records in line order. One pass over the lines: each
 * line is tried as the first of a header once (a few readHeader calls of short cells), a table's lines are
 * read once.
 */
export function fixedWidthTables(count: number, lineAt: LineText): LaidRecord[][] {
  const tables: LaidRecord[][] = [];
  const segs = new Map<number, Array<[number, number]>>();
  const segments = (l: number) => {
    let s = segs.get(l);
    if (!s) {
      const t = lineAt(l);
      segs.set(l, (s = t === undefined || t.length > MAX_LINE ? [] : segmentsOf(t)));
    }
    return s;
  };
  for (let l = 0; l < count; l++) {
    if (segs.size > 64) segs.clear(); // only the lines near l are looked at again
    const header = headerAt(l, count, lineAt, segments);
    if (!header) continue;
    const table = readTable(header, count, lineAt, segments);
    if (table.filter((r) => r.kind === 'row').length > 0) tables.push(table);
    l = table[table.length - 1].last;
  }
  return tables;
}

/** A header found: its lines, its columns (character stretches) and what they mean. */
interface Header {
  first: number;
  last: number;
  columns: Array<[number, number]>;
  info: HeaderInfo;
  /** The header's cells' words, normalised: a repeat of the header after a page break says the same. */
  key: string;
}

/** Whether a line is empty or only spaces. */
const isBlank = (t: string | undefined) => t === undefined || t.trim() === '';

/**
 * The header whose first line is l: one to three lines (no blank between) whose stretches, laid over each other,
 * give two columns or more that read as a smelter table's header. The longest block that reads wins (a header's
 * upper line "Smelter" over "Identification" belongs to it); a line that holds data (a metal, a country, a CID)
 * or that is a heading ("Annex I", "Gold") is never a header line.
 */
function headerAt(l: number, count: number, lineAt: LineText, segments: (l: number) => Array<[number, number]>): Header | undefined {
  const top = lineAt(l);
  if (isBlank(top) || !HEADER_WORD.test(top!) || top!.length > MAX_LINE) return undefined;
  let best: Header | undefined;
  for (let k = 1; k <= MAX_HEADER_LINES && l + k - 1 < count; k++) {
    const last = l + k - 1;
    const t = lineAt(last);
    if (isBlank(t) || RULE.test(t!) || segments(last).length === 0 || !headerLine(t!, segments(last))) break;
    const h = headerOf(l, last, lineAt, segments);
    if (h && (!best || rolesOf(h) >= rolesOf(best))) best = h;
  }
  return best;
}

const rolesOf = (h: Header) => h.info.roles.filter((r) => r !== 'other').length;

/** A smelter ID as a row writes it ("CID002158", "CID 002158"); "CID" alone is a header's word. */
const CID_VALUE = /^CID\s?\d/i;

/** A line that can be part of a header: no cell of it is a metal, a country or an ID, nor the line a heading. */
function headerLine(text: string, segs: ReadonlyArray<[number, number]>): boolean {
  if (segs.length === 1 && headingOf(text.trim(), 0)) return false;
  return segs.every(([a, b]) => {
    const v = text.slice(a, b);
    return !resolveMetal(v) && !countryTable().resolve(v) && !CID_VALUE.test(v) && v.split(' ').length <= 6;
  });
}

/** The header of lines first..last, read from their stretches laid over each other; undefined when it reads as none. */
function headerOf(first: number, last: number, lineAt: LineText, segments: (l: number) => Array<[number, number]>): Header | undefined {
  const pieces: Piece[] = [];
  for (let l = first; l <= last; l++) for (const [a, b] of segments(l)) pieces.push({ line: l, a, b });
  // a title over the header ("Annex A — Smelters and Refiners") runs over two of its columns: no header line
  const across = (p: Piece, l: number) => segments(l).filter(([a, b]) => a < p.b && b > p.a).length >= 2;
  for (const p of pieces) for (let l = first; l <= last; l++) if (l !== p.line && across(p, l)) return undefined;
  const columns = mergedStretches(pieces.map((p) => [p.a, p.b]));
  if (columns.length < 2) return undefined;
  const words = columns.map(([a, b]) =>
    pieces
      .filter((p) => p.a < b && p.b > a)
      .map((p) => lineAt(p.line)!.slice(p.a, p.b))
      .join(' '),
  );
  const info = readHeader(words.map((w) => makeCell(w, 0, w.length)));
  if (!info) return undefined;
  return { first, last, columns, info, key: words.map((w) => w.toLowerCase().replace(/\s+/g, ' ')).join('\u0001') };
}

/** Stretches laid over each other, merged where they overlap or are less than two characters apart, in order. */
function mergedStretches(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const prev = out[out.length - 1];
    if (prev && a < prev[1] + 2) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** What a line inside a table is. */
type LineKind = 'blank' | 'skip' | 'repeat' | 'cells' | 'end';

/**
 * A table's records from its header on: rows (a line of two cells or more; after a blank line only one that
 * shows a metal, a country or a smelter ID where the header has them), the lines of one cell just under a row
 * (its wrapped cells), repeats of the header after a page break; rules, page numbers, headings ("Tin") and
 * footnotes are passed over. The table ends at a line of prose (a cell of a sentence's length), at a line of
 * one cell after a blank line, or at a row that fits no column.
 */
function readTable(header: Header, count: number, lineAt: LineText, segments: (l: number) => Array<[number, number]>): LaidRecord[] {
  const lines: Array<{ line: number; kind: 'row' | 'more' | 'repeat'; upTo: number }> = [];
  let blanks = 1;
  let l = header.last + 1;
  while (l < count) {
    const text = lineAt(l);
    const kind = kindOf(text, l, header, lineAt, segments);
    if (kind === 'end') break;
    if (kind === 'blank') {
      blanks++;
      l++;
      continue;
    }
    if (kind === 'skip') {
      l++;
      continue;
    }
    if (kind === 'repeat') {
      const again = headerAt(l, count, lineAt, segments)!;
      lines.push({ line: l, kind: 'repeat', upTo: again.last });
      l = again.last + 1;
      blanks = 0; // its rows follow (the page may set them in other places)
      continue;
    }
    const segs = segments(l);
    const previous = lines[lines.length - 1];
    // a line of one cell under a row continues its wrapped cells; not in the metal column (a metal never wraps:
    // the words are the heading or prose after the table)
    if (segs.length === 1 && blanks === 0 && previous && previous.kind !== 'repeat') {
      if (nearestColumn(header.columns, segs[0][0], segs[0][1]) === header.info.columns.metal) break;
      lines.push({ line: l, kind: 'more', upTo: l });
    } else if (segs.length >= 2 && (blanks === 0 || showsData(text!, segs, header))) lines.push({ line: l, kind: 'row', upTo: l });
    else break;
    blanks = 0;
    l++;
  }
  // a line of one cell under the header, before any row, is the header's, not a row's (rare): dropped
  while (lines.length > 0 && lines[0].kind === 'more') lines.shift();
  const rowLines = lines.filter((x) => x.kind !== 'repeat');
  const columns =
    ruledColumns(lineAt(header.last + 1), header) ??
    tableColumns(
      header,
      rowLines.map((x) => x.line),
      lineAt,
      segments,
    );
  const records: LaidRecord[] = [record('header', header.first, header.last, columns, lineAt, segments)];
  for (const x of lines) {
    if (x.kind === 'repeat') records.push(record('repeat', x.line, x.upTo, columns, lineAt, segments));
    else if (x.kind === 'row') records.push(record('row', x.line, x.line, columns, lineAt, segments));
    else {
      const row = records[records.length - 1];
      addPieces(row, x.line, columns, lineAt, segments);
      row.last = x.line;
    }
  }
  const metal = header.info.columns.metal;
  if (metal !== undefined) metalOnce(records, metal, lineAt);
  return records;
}

/**
 * A metal written once above its rows ("Gold" on the first gold smelter's row, the cells below it empty), as a
 * typesetter groups a table sorted by metal: each row below gets the cell written above it (the same words, at
 * their place). Only when each metal is written once, in one group, and the first row writes one: a table that
 * writes the metal on every row and leaves one empty has a cell missing, which is said.
 */
function metalOnce(records: LaidRecord[], metal: number, lineAt: LineText): void {
  const rows = records.filter((r) => r.kind === 'row');
  const seen = new Set<string>();
  let blanks = 0;
  for (const r of rows) {
    const cell = r.cells[metal];
    if (cell.length === 0) {
      if (seen.size === 0) return;
      blanks++;
      continue;
    }
    const m = resolveMetal(pieceValue(cell, lineAt));
    if (!m || seen.has(m.info.metal)) return;
    seen.add(m.info.metal);
  }
  if (blanks === 0) return;
  let above: Piece[] = [];
  for (const r of rows) {
    if (r.cells[metal].length > 0) above = r.cells[metal];
    else r.cells[metal] = above;
  }
}

/** What a line after a table's header is (see readTable). */
function kindOf(
  text: string | undefined,
  l: number,
  header: Header,
  lineAt: LineText,
  segments: (l: number) => Array<[number, number]>,
): LineKind {
  if (text === undefined) return 'end';
  const t = text.trim();
  if (t === '') return 'blank';
  if (text.length > MAX_LINE) return 'end';
  if (RULE.test(t) || ASCII_MARKUP.test(t) || isPageNumber(t) || t === '\f') return 'skip';
  const segs = segments(l);
  const [words, length] = segs.length === 1 ? [MAX_CELL_WORDS, MAX_CELL_LENGTH] : [MAX_ROW_CELL_WORDS, MAX_ROW_CELL_LENGTH];
  if (segs.some(([a, b]) => b - a > length || text.slice(a, b).split(' ').length > words)) return 'end';
  if (segs.length === 1 && (headingOf(t, 0) || isFootnoteText(t))) return 'skip';
  if (HEADER_WORD.test(t)) {
    const again = headerAt(l, l + MAX_HEADER_LINES, lineAt, segments);
    if (again && again.key === header.key) return 'repeat';
    if (again) return 'end'; // another table's header
  }
  return 'cells';
}

/** After a blank line, whether a line shows a metal, a country or a smelter ID in a column the header has for it. */
function showsData(text: string, segs: ReadonlyArray<[number, number]>, header: Header): boolean {
  const c = header.info.columns;
  return segs.some(([a, b], i) => {
    const k = segs.length === header.columns.length ? i : nearestColumn(header.columns, a, b);
    const v = text.slice(a, b);
    return (k === c.metal && !!resolveMetal(v)) || (k === c.country && !!countryTable().resolve(v)) || (k === c.id && looksLikeId(v));
  });
}

/** The column a stretch lies in most (the nearest one when it lies in none). */
function nearestColumn(columns: ReadonlyArray<[number, number]>, a: number, b: number): number {
  let best = 0;
  let score = -Infinity;
  columns.forEach(([s, e], k) => {
    const overlap = Math.min(b, e) - Math.max(a, s);
    const v = overlap > 0 ? overlap : overlap - 1000; // no overlap: the nearest
    if (v > score) [best, score] = [k, v];
  });
  return best;
}

/**
 * The table's columns over its header and its rows: where the lines leave a gap that no line writes across,
 * one column per header column. A stretch the rows write outside any header column (a name longer than its
 * header, a country centred under a narrower header) widens the column it overlaps or is nearest; two header
 * columns the rows' text joins stay two, split at the place fewest lines write across.
 */
function tableColumns(
  header: Header,
  rows: readonly number[],
  lineAt: LineText,
  segments: (l: number) => Array<[number, number]>,
): Array<[number, number]> {
  const hc = header.columns;
  // how many stretches cover each character place, of the header's lines and the rows'
  let width = hc[hc.length - 1][1];
  for (const l of rows) width = Math.max(width, (lineAt(l) ?? '').length);
  width++;
  const cover = new Int32Array(width + 1);
  const add = ([a, b]: [number, number]) => {
    cover[a]++;
    cover[b]--;
  };
  for (let l = header.first; l <= header.last; l++) segments(l).forEach(add);
  for (const l of rows) segments(l).forEach(add);
  for (let x = 1; x <= width; x++) cover[x] += cover[x - 1];
  // each header column's bounds, widened to the run of written places it lies in, but never past the next one's middle
  const out: Array<[number, number]> = hc.map(([a, b]) => [a, b]);
  for (let k = 0; k < out.length; k++) {
    const floor = k === 0 ? 0 : Math.ceil((hc[k - 1][1] + hc[k][0]) / 2);
    const ceiling = k + 1 < hc.length ? splitPlace(cover, hc[k][1], hc[k + 1][0]) : width;
    let a = out[k][0];
    while (a > floor && cover[a - 1] > 0) a--;
    let b = out[k][1];
    while (b < ceiling && cover[b] > 0) b++;
    out[k] = [Math.max(a, k === 0 ? 0 : out[k - 1][1]), Math.max(b, a + 1)];
  }
  // the columns meet: a column reaches up to the next one's start, so no place belongs to none
  return out.map(([a], k) => [k === 0 ? 0 : a, k + 1 < out.length ? out[k + 1][0] : width + MAX_LINE]);
}

/**
 * The columns a rule under the header draws, one group of dashes per column ("-------- ------------", as
 * pandoc's tables and typed exhibits have it, a single space apart): authoritative when it draws one group per
 * header column, each over its header's words. Each column reaches up to the next one's start.
 */
function ruledColumns(rule: string | undefined, header: Header): Array<[number, number]> | undefined {
  if (rule === undefined || !RULE.test(rule) || rule.length > MAX_LINE) return undefined;
  const groups: Array<[number, number]> = [];
  for (const m of rule.matchAll(/[=_-]{2,}/g)) groups.push([m.index, m.index + m[0].length]);
  const hc = header.columns;
  if (groups.length !== hc.length || !groups.every(([a, b], k) => hc[k][0] < b && hc[k][1] > a)) return undefined;
  return groups.map(([a], k) => [k === 0 ? 0 : a, k + 1 < groups.length ? groups[k + 1][0] : Number.MAX_SAFE_INTEGER]);
}

/** Between two header columns (from the end of one to the start of the next), the place fewest lines write across. */
function splitPlace(cover: Int32Array, from: number, to: number): number {
  let best = to;
  for (let x = to; x >= from; x--) if (cover[x] < cover[best]) best = x;
  return best;
}

/** A record of one line (or a header's lines) cut into the table's columns. */
function record(
  kind: LaidRecord['kind'],
  first: number,
  last: number,
  columns: ReadonlyArray<[number, number]>,
  lineAt: LineText,
  segments: (l: number) => Array<[number, number]>,
): LaidRecord {
  const r: LaidRecord = { kind, first, last, cells: columns.map(() => []) };
  for (let l = first; l <= last; l++) addPieces(r, l, columns, lineAt, segments);
  return r;
}

/**
 * A line's stretches given to the columns they lie in: a stretch across a column's start (a name run up to the
 * next column, one space apart) is cut at the space nearest that start, else given to the column it covers most.
 */
function addPieces(
  r: LaidRecord,
  l: number,
  columns: ReadonlyArray<[number, number]>,
  lineAt: LineText,
  segments: (l: number) => Array<[number, number]>,
): void {
  const text = lineAt(l) ?? '';
  const segs = segments(l);
  // a row (or a repeated header) that writes every cell, two spaces or more apart: its stretches are its cells
  // in order, wherever a page's layout moved them (pdftotext sets each page's columns anew)
  if (segs.length === columns.length && r.kind !== 'header') {
    segs.forEach(([a, b], k) => put(r, k, l, a, b));
    return;
  }
  for (const [a, b] of segs) {
    let from = a;
    for (let k = 0; k + 1 < columns.length && from < b; k++) {
      const start = columns[k + 1][0];
      if (start <= from || start >= b) continue;
      const cut = spaceNear(text, from, b, start);
      if (cut < 0) continue;
      put(r, nearestColumn(columns, from, cut), l, from, cut);
      from = cut + 1;
    }
    if (from < b) put(r, nearestColumn(columns, from, b), l, from, b);
  }
}

/** A space within two characters of a column's start inside [a, b), nearest first; -1 when none. */
function spaceNear(text: string, a: number, b: number, start: number): number {
  for (const d of [0, -1, 1, -2, 2]) {
    const x = start - 1 + d;
    if (x > a && x < b - 1 && text[x] === ' ') return x;
  }
  return -1;
}

function put(r: LaidRecord, k: number, line: number, a: number, b: number): void {
  if (b > a) r.cells[k].push({ line, a, b });
}

/** A cell's value: its pieces' texts, a space between them (a wrapped name's lines joined). */
export function pieceValue(pieces: readonly Piece[], lineAt: LineText): string {
  return pieces.map((p) => (lineAt(p.line) ?? '').slice(p.a, p.b)).join(' ');
}

/**
 * The pieces of cells that run over several lines, by cell: a fix that writes a new value must write it on
 * the first line and blank the others (see wrappedPieces), never across the line breaks between them.
 */
const wrapped = new WeakMap<Cell, ReadonlyArray<{ start: number; end: number }>>();

/** A cell of a fixed-width table read from the text: its pieces' offsets; wrapped over lines, remembered as such. */
export function cellOfPieces(text: string, pieces: readonly Piece[], lineStarts: ArrayLike<number>, emptyAt: number): Cell {
  if (pieces.length === 0) return { value: '', start: emptyAt, end: emptyAt, rawStart: emptyAt, rawEnd: emptyAt, delimiter: 'space' };
  const at = pieces.map((p) => ({ start: lineStarts[p.line] + p.a, end: lineStarts[p.line] + p.b }));
  const first = at[0];
  const last = at[at.length - 1];
  if (pieces.length === 1 || pieces.every((p) => p.line === pieces[0].line)) {
    const c = makeCell(text, first.start, last.end);
    return { ...c, rawStart: c.start, rawEnd: c.end, delimiter: 'space' };
  }
  const value = at.map((p) => text.slice(p.start, p.end)).join(' ');
  const cell: Cell = { value, start: first.start, end: last.end, rawStart: first.start, rawEnd: last.end, delimiter: 'space' };
  wrapped.set(cell, at);
  return cell;
}

/** The pieces of a cell wrapped over several lines (undefined for any other cell). */
export function wrappedPieces(cell: Cell): ReadonlyArray<{ start: number; end: number }> | undefined {
  return wrapped.get(cell);
}

/** Lines read as fixed-width text: those without a tab or a pipe (the tab and pipe rows are read as such). */
function plainLine(text: string, lines: LineIndex): LineText {
  return (l) => {
    const s = text.slice(lines.lineStarts[l], lines.lineEnd(l));
    return s.includes('\t') || s.includes('|') ? undefined : s;
  };
}

/**
 * The rows of a text's fixed-width smelter tables (header, repeated headers, rows) as the parser's rows, merged
 * in line order into the tab and pipe rows already read (whose lines they never share).
 */
export function withFixedWidthRows(rows: RawRow[], text: string, lines: LineIndex): RawRow[] {
  // a text without a run of two spaces has no such table: not a line of it is looked at
  if (!text.includes('  ')) return rows;
  const lineAt = plainLine(text, lines);
  const found: RawRow[] = [];
  for (const table of fixedWidthTables(lines.lineCount, lineAt)) for (const r of table) found.push(rawRow(r, text, lines));
  if (found.length === 0) return rows;
  const out: RawRow[] = [];
  let k = 0;
  for (const r of rows) {
    while (k < found.length && found[k].start < r.start) out.push(found[k++]);
    out.push(r);
  }
  while (k < found.length) out.push(found[k++]);
  return out;
}

/** A record as a parser row: its cells at their places in the text, the row from its first line to its last. */
function rawRow(r: LaidRecord, text: string, lines: LineIndex): RawRow {
  const start = lines.lineStarts[r.first];
  // an empty cell sits just after the cell before it on the row's first line (at the line's start for the first)
  let at = start;
  const cells = r.cells.map((pieces) => {
    const cell = cellOfPieces(text, pieces, lines.lineStarts, at);
    const onFirst = pieces.filter((p) => p.line === r.first);
    if (onFirst.length > 0) at = start + onFirst[onFirst.length - 1].b;
    return cell;
  });
  const row = { delimiter: 'space', cells, line: r.first, start, end: lines.lineEnd(r.last), kind: newKind(), table: undefined, index: 0 };
  return row as RawRow;
}

/**
 * The edits that write a new value into a cell of a fixed-width table and keep the columns where they are: a
 * shorter value padded with spaces to the old one's width; a wrapped value written on its first line and its
 * other lines blanked, never across the line breaks (which hold the other cells' wrapped words).
 */
export function alignedEdits(cell: Cell, newText: string): Array<{ start: number; end: number; newText: string }> {
  const pieces = wrappedPieces(cell) ?? [{ start: cell.start, end: cell.end }];
  return pieces.map((p, i) => {
    const width = p.end - p.start;
    return { start: p.start, end: p.end, newText: i === 0 ? newText.padEnd(width) : ' '.repeat(width) };
  });
}
