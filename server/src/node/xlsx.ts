/**
 * Reading Excel workbooks (.xlsx) at the edge, safely and only as far as needed: the zip directory is read
 * first, and only the parts asked for are inflated (the workbook, its relationships, the shared strings and
 * the sheets a caller names), each under a cap on its inflated size and on its compression ratio, so a
 * zip bomb is refused before anything large is allocated. Cell values are the cached values Excel stored
 * (formula results included); formulas are not evaluated.
 *
 * Zip: the validated directory and bounded inflate of ./zip (why by hand: see there). The SpreadsheetML
 * scanner below is written for this subset (cells, rows, shared strings): measured on a real 5 MB CMRT Smelter List sheet it takes ~10 ms where a general SAX parser
 * (sax) takes ~135 ms, and it scans forward only, so malformed XML costs linear time.
 */
import { inflateEntry, readZipDirectory, ZipEntry, ZipError } from './zip';
import { cellAddress } from '../core/workbook';

export class XlsxError extends Error {}

export interface XlsxLimits {
  /** Largest inflated size of one part. */
  maxPartBytes: number;
  /** Largest inflated size of all parts read from one workbook. */
  maxTotalBytes: number;
  /** Largest compression ratio of a part over 1 MB inflated (real CMRT parts: 3 to 16). */
  maxRatio: number;
}

export const DEFAULT_LIMITS: XlsxLimits = { maxPartBytes: 64 * 1024 * 1024, maxTotalBytes: 160 * 1024 * 1024, maxRatio: 200 };

export interface XlsxCell {
  /** 1-based row and column, as in the sheet. */
  row: number;
  col: number;
  /** The cell's cached value as text ('' when the cell has none). */
  value: string;
  /** The value is an Excel error (#N/A, #VALUE!, #REF!). */
  error?: boolean;
  /** The cell holds a formula (its value is the last computed result). */
  formula?: boolean;
}

export interface XlsxSheetInfo {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The part's path in the package (xl/worksheets/sheet5.xml). */
  path: string;
}

/**
 * One sheet row's cells that hold a value or a formula, left to right: values[i] is in column cols[i]. Two
 * arrays, not a cell object each: a 200k-row look-up's cells take 16 bytes apiece, not 70.
 */
export interface XlsxRow {
  row: number;
  cols: number[];
  values: string[];
}

/** A row's value in a column, if it has a cell there. */
export function valueAt(r: XlsxRow, col: number): string | undefined {
  const i = r.cols.indexOf(col);
  return i < 0 ? undefined : r.values[i];
}

export { cellAddress };

/** Excel's grid (A1:XFD1048576) and the most characters an Excel cell holds. */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;
export const MAX_CELL_CHARS = 32_767;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export class XlsxWorkbook {
  readonly sheets: XlsxSheetInfo[];
  private readonly entries: Map<string, ZipEntry>;
  private sharedStrings?: string[];
  private readBytes = 0;
  private readonly cellsOf = new Map<string, readonly XlsxCell[]>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly source: string,
    private readonly limits: XlsxLimits = DEFAULT_LIMITS,
  ) {
    if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
      throw new XlsxError(
        `${source} is an Excel 97–2003 workbook (.xls, as CMRT revisions before 5.10 are) or a password-protected one: open it in Excel and save it as .xlsx without a password`,
      );
    }
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
      throw new XlsxError(`${source} is not an Excel workbook (.xlsx): it is not a zip package`);
    try {
      this.entries = readZipDirectory(bytes);
    } catch (e) {
      if (!(e instanceof ZipError)) throw e;
      throw new XlsxError(`${source} is corrupt or truncated: its zip directory cannot be read (${e.message})`);
    }
    const workbook = this.part('xl/workbook.xml');
    if (workbook === undefined) throw new XlsxError(`${source} is a zip file but not an Excel workbook (no xl/workbook.xml)`);
    const rels = relationships(this.part('xl/_rels/workbook.xml.rels') ?? '');
    this.sheets = [];
    forEachTag(workbook, 'sheet', (attrs) => {
      const name = decodeXml(attr(attrs, 'name') ?? '');
      const target = rels.get(attr(attrs, 'r:id') ?? '') ?? '';
      const state = attr(attrs, 'state');
      this.sheets.push({ name, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', path: resolveTarget(target) });
    });
    this.sharedStringsPath = [...rels.values()].map(resolveTarget).find((p) => /sharedStrings\d*\.xml$/i.test(p)) ?? 'xl/sharedStrings.xml';
  }

  private readonly sharedStringsPath: string;

  /** Whether the package holds a part (without reading it). */
  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** A part's text, inflated under the caps; undefined when the package has no such part. */
  part(path: string): string | undefined {
    const info = this.entries.get(path);
    if (!info) return undefined;
    const { maxPartBytes, maxTotalBytes, maxRatio } = this.limits;
    // the caps hold against the declared size, since inflating stops at it: a part that lies about its size
    // is refused as corrupt after at most its declared size, and the ratio is the declared one's
    if (info.size > maxPartBytes)
      throw new XlsxError(`${this.source}: part ${path} would inflate to ${mb(info.size)}, over the ${mb(maxPartBytes)} limit`);
    if (info.size > 1024 * 1024 && info.size > maxRatio * Math.max(1, info.compressedSize)) {
      throw new XlsxError(
        `${this.source}: part ${path} is compressed ${Math.round(info.size / Math.max(1, info.compressedSize))}:1, which no real workbook is (a zip bomb?)`,
      );
    }
    if (this.readBytes + info.size > maxTotalBytes)
      throw new XlsxError(`${this.source}: the parts needed inflate to more than ${mb(maxTotalBytes)}`);
    this.readBytes += info.size;
    try {
      return text(inflateEntry(this.bytes, info));
    } catch (e) {
      if (!(e instanceof ZipError)) throw e;
      throw new XlsxError(`${this.source}: part ${path} is corrupt: ${e.message}`);
    }
  }

  /** The sheet of this name (case-insensitive), if there is one. */
  sheet(name: string | RegExp): XlsxSheetInfo | undefined {
    return this.sheets.find((s) => (typeof name === 'string' ? s.name.trim().toLowerCase() === name.toLowerCase() : name.test(s.name)));
  }

  /**
   * The cells of a sheet that hold a value or a formula, in document order (row by row). A row or cell
   * reference outside Excel's grid (r="0", "-3", "1.5", "A0", "XFE1") or a value longer than an Excel cell
   * holds is an XlsxError naming the sheet and the cell: Excel never writes one, and every cell after it
   * would be placed (and reported) at a guessed address.
   */
  cells(sheet: XlsxSheetInfo): XlsxCell[] {
    // read once per workbook (a CMRT's Declaration and Revision sheets are asked for by several readers); each
    // caller gets its own array
    const known = this.cellsOf.get(sheet.path);
    if (known) return known.slice();
    const out: XlsxCell[] = [];
    this.scan(sheet, (row, col, value, error, formula) => {
      // flags set only when true, without spreading two objects per cell (a 60k-cell Smelter List)
      const cell: XlsxCell = { row, col, value };
      if (error) cell.error = true;
      if (formula) cell.formula = true;
      out.push(cell);
    });
    this.cellsOf.set(sheet.path, out);
    return out.slice();
  }

  /**
   * The rows of a sheet that hold cells, top to bottom, each with its cells left to right (of two cells at
   * one address, the later one): memory in proportion to the cells, wherever they are.
   */
  rows(sheet: XlsxSheetInfo): XlsxRow[] {
    const byRow = new Map<number, XlsxRow>();
    this.scan(sheet, (row, col, value) => {
      const r = byRow.get(row);
      if (!r) byRow.set(row, { row, cols: [col], values: [value] });
      else {
        r.cols.push(col);
        r.values.push(value);
      }
    });
    const rows = [...byRow.values()].sort((a, b) => a.row - b.row);
    for (const r of rows) leftToRight(r);
    return rows;
  }

  /** Calls `visit` with each cell of a sheet that holds a value or a formula, in document order; see cells(). */
  private scan(sheet: XlsxSheetInfo, visit: (row: number, col: number, value: string, error: boolean, formula: boolean) => void): void {
    const xml = this.part(sheet.path);
    if (xml === undefined) throw new XlsxError(`${this.source}: sheet "${sheet.name}" is missing from the package (${sheet.path})`);
    const strings = this.strings();
    const bad = (what: string) => new XlsxError(`${this.source}: sheet "${sheet.name}" ${what}`);
    let row = 0;
    let col = 0;
    let at = 0;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt < 0) break;
      const gt = xml.indexOf('>', lt);
      if (gt < 0) break;
      at = gt + 1;
      // the tag's head: its name and attributes, cut at 399 characters; only the heads of <row> and <c> are cut out
      const headEnd = Math.min(gt, lt + 400);
      const kind = tagKind(xml, lt + 1, headEnd);
      if (kind === 0) continue;
      const head = xml.slice(lt + 1, headEnd);
      if (kind === ROW) {
        const r = attr(head, 'r');
        row = r === undefined ? row + 1 : rowNumber(r);
        if (!(row <= MAX_ROW)) throw bad(`has a row numbered ${r === undefined ? row : shown(r)}: rows run from 1 to ${MAX_ROW}`);
        col = 0;
        continue;
      }
      const ref = attr(head, 'r');
      if (ref === undefined) col++;
      else [row, col] = cellPosition(ref);
      if (!(row >= 1 && row <= MAX_ROW && col <= MAX_COL))
        throw bad(
          `has a cell at ${ref === undefined ? `column ${col} of row ${row}` : shown(ref)}, outside Excel's grid (A1 to XFD${MAX_ROW})`,
        );
      if (xml[gt - 1] === '/') continue; // <c r="A1" s="3"/>: formatting only
      const close = xml.indexOf('</c>', gt);
      if (close < 0) break;
      const body = xml.slice(gt + 1, close);
      at = close + 4;
      const type = attr(head, 't');
      const formula = body.includes('<f');
      let value = '';
      if (type === 'inlineStr') value = textRuns(body);
      else {
        const v = valueText(body);
        if (v !== undefined)
          value = type === 's' ? (strings[Number(v)] ?? '') : type === 'b' ? (v === '1' ? 'TRUE' : 'FALSE') : decodeXml(v);
      }
      if (value === '' && !formula) continue;
      if (value.length > MAX_CELL_CHARS)
        throw bad(`cell ${cellAddress(row, col)} holds ${value.length} characters, more than an Excel cell can (${MAX_CELL_CHARS})`);
      visit(row, col, value.length < 13 ? value : detached(value), type === 'e', formula);
    }
  }

  /**
   * The sheet as a grid of text: rows[r - 1][c - 1], trailing empties trimmed. For sheets whose cells fill
   * their extent (cmrlint's own output): one whose grid would be far larger than its cells (a lone cell at
   * XFD1048576) is an XlsxError, read it by rows() instead.
   */
  grid(sheet: XlsxSheetInfo): string[][] {
    const rows = this.rows(sheet);
    let size = rows.length === 0 ? 0 : rows[rows.length - 1].row;
    let cells = 0;
    for (const r of rows) [size, cells] = [size + r.cols[r.cols.length - 1], cells + r.cols.length];
    // a grid of 8 places a cell is already mostly padding; the 4096 lets a small sheet have its gaps
    if (size > 8 * cells + 4096)
      throw new XlsxError(`${this.source}: sheet "${sheet.name}" is too sparse to read as a grid (${cells} cells over ${size} places)`);
    const grid: string[][] = [];
    for (const { row, cols, values } of rows) {
      while (grid.length < row) grid.push([]);
      const r = grid[row - 1];
      cols.forEach((col, i) => {
        while (r.length < col - 1) r.push('');
        r[col - 1] = values[i];
      });
    }
    return grid;
  }

  private strings(): string[] {
    if (!this.sharedStrings) {
      const xml = this.part(this.sharedStringsPath) ?? '';
      const out: string[] = [];
      let at = 0;
      for (;;) {
        const open = xml.indexOf('<si', at);
        if (open < 0) break;
        const gt = xml.indexOf('>', open);
        if (gt < 0) break;
        if (xml[gt - 1] === '/') {
          out.push('');
          at = gt + 1;
          continue;
        }
        const close = xml.indexOf('</si>', gt);
        if (close < 0) break;
        const text = textRuns(xml.slice(gt + 1, close));
        if (text.length > MAX_CELL_CHARS)
          throw new XlsxError(
            `${this.source}: shared string ${out.length} holds ${text.length} characters, more than an Excel cell can (${MAX_CELL_CHARS})`,
          );
        out.push(text);
        at = close + 5;
      }
      this.sharedStrings = out;
    }
    return this.sharedStrings;
  }
}

/**
 * A string that no longer holds on to the one it was cut from: V8 keeps a slice of 13 characters or more as
 * a view of its parent, so one header cell kept a 41 MB sheet's text alive. Joining makes a flat copy.
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * A part's bytes as text (UTF-8, a leading byte order mark dropped). Node's decoder, not fflate's strFromU8
 * (TextDecoder): on a 41 MB sheet that made a two-byte external string, 251 MB at its peak against 129 MB.
 */
function text(bytes: Uint8Array): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** A row's cells put in column order, in place (stable: of two at one column, the later one in the sheet is kept). */
function leftToRight(r: XlsxRow): void {
  if (r.cols.every((c, i) => i === 0 || r.cols[i - 1] < c)) {
    [r.cols, r.values] = [r.cols.slice(), r.values.slice()]; // pushed arrays keep room for 17: 70 MB on a 200k-row look-up
    return;
  }
  const order = r.cols.map((_, i) => i).sort((a, b) => r.cols[a] - r.cols[b] || a - b);
  const kept = order.filter((i, k) => k + 1 === order.length || r.cols[order[k + 1]] !== r.cols[i]);
  [r.cols, r.values] = [kept.map((i) => r.cols[i]), kept.map((i) => r.values[i])];
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(n >= 10 * 1048576 ? 0 : 1)} MB`;
}

/** A row attribute's number: NaN unless it is a whole number from 1 (r="0", "-3", "1.5" are not). */
function rowNumber(r: string): number {
  return digitsAt(r, 0);
}

/** The number written from `from` to the end of `s`: 1 to 7 digits, the first not 0; else NaN. By hand: once per cell. */
function digitsAt(s: string, from: number): number {
  const length = s.length - from;
  if (length < 1 || length > 7) return NaN;
  let n = 0;
  for (let i = from; i < s.length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9 || (d === 0 && i === from)) return NaN;
    n = n * 10 + d;
  }
  return n;
}

const ROW = 1;
const CELL = 2;

/** Whether the tag whose head runs from `from` to `end` is a <row> (ROW), a <c> (CELL) or another (0). */
function tagKind(xml: string, from: number, end: number): number {
  const c = xml.charCodeAt(from);
  // a name ends at a space or a slash (the head never holds the '>'); <row> and <c> without attributes are not read
  const endsAt = (i: number) => i < end && (xml.charCodeAt(i) === 0x20 || xml.charCodeAt(i) === 0x2f);
  if (c === 0x63 /* c */) return endsAt(from + 1) ? CELL : 0;
  if (c === 0x72 /* r */ && xml.charCodeAt(from + 1) === 0x6f && xml.charCodeAt(from + 2) === 0x77) return endsAt(from + 3) ? ROW : 0;
  return 0;
}

/** A cell reference's row and column (B7 → [7, 2]); NaN when it is not one ("A0", "7", "A1.5"). */
function cellPosition(ref: string): [number, number] {
  let col = 0;
  let i = 0;
  for (; i < 4 && i < ref.length; i++) {
    const letter = ref.charCodeAt(i) | 0x20; // a-z, A-Z
    if (letter < 0x61 || letter > 0x7a) break;
    col = col * 26 + letter - 0x60;
  }
  return i === 0 || i > 3 ? [NaN, NaN] : [digitsAt(ref, i), col];
}

/** An attribute value quoted for a one-line message: at most 20 characters, anything unprintable escaped. */
function shown(value: string): string {
  const cut = value.length > 20 ? `${value.slice(0, 20)}…` : value;
  return `r="${cut.replace(/[^\x20-\x7e…]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** An attribute's raw value in a tag's head (`c r="A1" t="s"`). */
const attrPatterns = new Map<string, RegExp>();
/** ` name="` per attribute name: made once, not once per cell. */
const attrNeedles = new Map<string, string>();

function attr(head: string, name: string): string | undefined {
  // the form every writer uses, without a regular expression: a third of a large sheet's reading time
  let needle = attrNeedles.get(name);
  if (needle === undefined) attrNeedles.set(name, (needle = ` ${name}="`));
  const quick = head.indexOf(needle);
  const end = quick < 0 ? -1 : head.indexOf('"', quick + name.length + 3);
  if (end >= 0) return head.slice(quick + name.length + 3, end);
  if (!head.includes(name)) return undefined;
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(head);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Calls f with the attributes of every `<name ...>` tag. */
function forEachTag(xml: string, name: string, f: (attrs: string) => void): void {
  const re = new RegExp(`<${name}\\s([^<>]*)>`, 'g'); // [^<>]: a tag's head holds no '<', so an unclosed one is not read to the end
  for (const m of xml.matchAll(re)) f(m[1]);
}

function relationships(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  forEachTag(xml, 'Relationship', (a) => {
    const id = attr(a, 'Id');
    const target = attr(a, 'Target');
    if (id && target) out.set(id, decodeXml(target));
  });
  return out;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The text of the first `<v>` element (a cell's value) in a cell's body, not yet decoded. */
function valueText(body: string): string | undefined {
  const open = body.indexOf('<v');
  if (open < 0) return undefined;
  const gt = body.indexOf('>', open);
  if (gt < 0 || body.charCodeAt(gt - 1) === 0x2f /* / */) return '';
  const close = body.indexOf('</v>', gt);
  return close < 0 ? undefined : body.slice(gt + 1, close);
}

/** The concatenated `<t>` runs of a rich or plain string, without phonetic (`<rPh>`) runs. Forward scan only. */
function textRuns(body: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lt = body.indexOf('<', at);
    if (lt < 0) break;
    if (body.startsWith('<rPh', lt)) {
      const end = body.indexOf('</rPh>', lt);
      if (end < 0) break;
      at = end + 6;
      continue;
    }
    if (body.startsWith('<t', lt) && (body[lt + 2] === '>' || body[lt + 2] === ' ')) {
      const gt = body.indexOf('>', lt);
      if (gt < 0) break;
      if (body[gt - 1] === '/') {
        at = gt + 1;
        continue;
      }
      const close = body.indexOf('</t>', gt);
      if (close < 0) break;
      out += body.slice(gt + 1, close);
      at = close + 4;
      continue;
    }
    at = lt + 1;
  }
  return decodeXml(out);
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));|_x([0-9a-fA-F]{4})_/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities and OOXML's _xHHHH_ escapes decoded. */
export function decodeXml(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s.replace(ENTITY, (m, named: string | undefined, dec: string | undefined, hex: string | undefined, ooxml: string | undefined) => {
    if (named) return NAMED[named];
    const code = dec ? Number(dec) : parseInt((hex ?? ooxml)!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}
