/**
 * Reading Excel workbooks (.xlsx) at the edge, safely and only as far as needed: the zip directory is read
 * first, and only the parts asked for are inflated (the workbook, its relationships, the shared strings and
 * the sheets a caller names), each under a cap on its inflated size and on its compression ratio, so a
 * zip bomb is refused before anything large is allocated. Cell values are the cached values Excel stored
 * (formula results included); formulas are not evaluated.
 *
 * Zip and inflate: fflate. The SpreadsheetML scanner below is written for this subset (cells, rows, shared
 * strings): measured on a real 5 MB CMRT Smelter List sheet it takes ~10 ms where a general SAX parser
 * (sax) takes ~135 ms, and it scans forward only, so malformed XML costs linear time.
 */
import { strFromU8, unzipSync, UnzipFileInfo } from 'fflate';

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

export { cellAddress } from '../core/workbook';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export class XlsxWorkbook {
  readonly sheets: XlsxSheetInfo[];
  private readonly entries = new Map<string, UnzipFileInfo>();
  private sharedStrings?: string[];
  private readBytes = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly source: string,
    private readonly limits: XlsxLimits = DEFAULT_LIMITS,
  ) {
    if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
      throw new XlsxError(`${source} is an Excel 97–2003 workbook (.xls, as CMRT revisions before 5.10 are) or a password-protected one: open it in Excel and save it as .xlsx without a password`);
    }
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new XlsxError(`${source} is not an Excel workbook (.xlsx): it is not a zip package`);
    try {
      unzipSync(bytes, {
        filter: (f) => {
          this.entries.set(f.name, f);
          return false;
        },
      });
    } catch (e) {
      throw new XlsxError(`${source} is corrupt or truncated: its zip directory cannot be read (${(e as Error).message})`);
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
    if (info.originalSize > maxPartBytes) throw new XlsxError(`${this.source}: part ${path} would inflate to ${mb(info.originalSize)}, over the ${mb(maxPartBytes)} limit`);
    if (info.originalSize > 1024 * 1024 && info.originalSize > maxRatio * Math.max(1, info.size)) {
      throw new XlsxError(`${this.source}: part ${path} is compressed ${Math.round(info.originalSize / Math.max(1, info.size))}:1, which no real workbook is (a zip bomb?)`);
    }
    if (this.readBytes + info.originalSize > maxTotalBytes) throw new XlsxError(`${this.source}: the parts needed inflate to more than ${mb(maxTotalBytes)}`);
    this.readBytes += info.originalSize;
    let data: Uint8Array | undefined;
    try {
      // only this part is inflated, into a buffer of its declared size: a part that claims less than it
      // holds is cut off there (and then fails to parse), never grown
      data = unzipSync(this.bytes, { filter: (f) => f.name === path })[path];
    } catch (e) {
      throw new XlsxError(`${this.source}: part ${path} is corrupt (${(e as Error).message})`);
    }
    return data ? strFromU8(data) : undefined;
  }

  /** The sheet of this name (case-insensitive), if there is one. */
  sheet(name: string | RegExp): XlsxSheetInfo | undefined {
    return this.sheets.find((s) => (typeof name === 'string' ? s.name.trim().toLowerCase() === name.toLowerCase() : name.test(s.name)));
  }

  /** The cells of a sheet that hold a value or a formula, in document order (row by row). */
  cells(sheet: XlsxSheetInfo): XlsxCell[] {
    const xml = this.part(sheet.path);
    if (xml === undefined) throw new XlsxError(`${this.source}: sheet "${sheet.name}" is missing from the package (${sheet.path})`);
    const strings = this.strings();
    const out: XlsxCell[] = [];
    let row = 0;
    let col = 0;
    let at = 0;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt < 0) break;
      const gt = xml.indexOf('>', lt);
      if (gt < 0) break;
      const head = xml.slice(lt + 1, Math.min(gt, lt + 400));
      at = gt + 1;
      if (head.startsWith('row') && (head[3] === ' ' || head[3] === '>' || head[3] === '/')) {
        const r = attr(head, 'r');
        row = r ? Number(r) : row + 1;
        col = 0;
        continue;
      }
      if (!(head.startsWith('c') && (head[1] === ' ' || head[1] === '>' || head[1] === '/'))) continue;
      const ref = attr(head, 'r');
      if (ref) {
        const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
        if (m) {
          col = columnNumber(m[1]);
          row = Number(m[2]);
        } else col++;
      } else col++;
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
        const v = elementText(body, 'v');
        if (v !== undefined) value = type === 's' ? (strings[Number(v)] ?? '') : type === 'b' ? (v === '1' ? 'TRUE' : 'FALSE') : decodeXml(v);
      }
      if (value === '' && !formula) continue;
      out.push({ row, col, value, ...(type === 'e' ? { error: true } : {}), ...(formula ? { formula: true } : {}) });
    }
    return out;
  }

  /** The sheet as a grid of text: rows[r - 1][c - 1], trailing empties trimmed. */
  grid(sheet: XlsxSheetInfo): string[][] {
    const rows: string[][] = [];
    for (const c of this.cells(sheet)) {
      if (c.row > 1_048_576 || c.col > 16_384) continue;
      while (rows.length < c.row) rows.push([]);
      const r = rows[c.row - 1];
      while (r.length < c.col - 1) r.push('');
      r[c.col - 1] = c.value;
    }
    return rows;
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
        out.push(textRuns(xml.slice(gt + 1, close)));
        at = close + 5;
      }
      this.sharedStrings = out;
    }
    return this.sharedStrings;
  }
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(n >= 10 * 1048576 ? 0 : 1)} MB`;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** An attribute's raw value in a tag's head (`c r="A1" t="s"`). */
const attrPatterns = new Map<string, RegExp>();

function attr(head: string, name: string): string | undefined {
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

/** The text of the first `<name>` element in a fragment, decoded. */
function elementText(body: string, name: string): string | undefined {
  const open = body.indexOf(`<${name}`);
  if (open < 0) return undefined;
  const gt = body.indexOf('>', open);
  if (gt < 0 || body[gt - 1] === '/') return '';
  const close = body.indexOf(`</${name}>`, gt);
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
