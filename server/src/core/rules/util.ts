/** Small helpers shared by the rules. */
import type { RowFacts } from '../analysis';
import { Cell, cellCount, valueAt } from '../parse/cells';
import type { Row, Table } from '../parse/document';
import type { RuleContext } from '../rule';
import { LEGACY_ID } from '../cid';
import { alignedEdits } from '../parse/fixed-width';
import type { Fix, TextEdit } from '../types';

export { plural, quote } from '../messages';

/** 1-based line number of a row, for messages. */
export function lineOf(row: Row): number {
  return row.line + 1;
}

/** The edit that deletes a row's line with its line break (a fix of a row listed twice). */
export function deleteRowEdit(ctx: Pick<RuleContext, 'model'>, f: RowFacts): TextEdit {
  const lines = ctx.model.lines;
  return { start: f.row.start, end: lines.lineEndWithBreak(lines.positionAt(f.row.end).line), newText: '' };
}

/** Rows whose cells line up with the header and are of sane size: the ones cell rules look at. */
export function isCheckable(f: RowFacts): boolean {
  return !f.shape && !f.oversized;
}

/** Rows that name a real smelter. */
export function isSmelterRow(f: RowFacts): boolean {
  return isCheckable(f) && !f.placeholder && (f.valueIn('name') ?? '') !== '';
}

/**
 * The country a row's smelter is in, as rows are compared for one smelter: the country's ISO code when the
 * cell names one, else the cell's text in lower case ('' when empty).
 */
export function countryKey(f: RowFacts): string {
  return f.country ? f.country.country.alpha2 : (f.valueIn('country')?.toLowerCase() ?? '');
}

/** An edit that writes a new value into a cell, keeping the file valid: CSV quoting, escaped pipes. */
export function replaceCell(cell: Cell, newText: string, title: string, preferred = false): Fix {
  if (cell.quoted) return { title, edits: [{ start: cell.start, end: cell.end, newText: newText.replace(/"/g, '""') }], preferred };
  if (cell.delimiter === 'pipe')
    return { title, edits: [{ start: cell.start, end: cell.end, newText: newText.replace(/\|/g, '\\|') }], preferred };
  if (cell.delimiter === 'comma' || cell.delimiter === 'semicolon') {
    const sep = cell.delimiter === 'comma' ? ',' : ';';
    if (newText.includes(sep) || newText.includes('"') || /[\r\n]/.test(newText)) {
      return { title, edits: [{ start: cell.rawStart, end: cell.rawEnd, newText: `"${newText.replace(/"/g, '""')}"` }], preferred };
    }
  }
  if (cell.delimiter === 'space') return { title, edits: alignedEdits(cell, newText), preferred };
  return { title, edits: [{ start: cell.start, end: cell.end, newText }], preferred };
}

/** Groups items by two keys (no string concatenation per item), keeping first-seen order. */
export function groupBy2<T>(items: Iterable<T>, key1: (t: T) => string, key2: (t: T) => string): T[][] {
  const outer = new Map<string, Map<string, T[]>>();
  const groups: T[][] = [];
  for (const it of items) {
    const k1 = key1(it);
    let inner = outer.get(k1);
    if (!inner) outer.set(k1, (inner = new Map<string, T[]>()));
    const k2 = key2(it);
    const list = inner.get(k2);
    if (list) list.push(it);
    else {
      const g = [it];
      inner.set(k2, g);
      groups.push(g);
    }
  }
  return groups;
}

/** Groups items by key, keeping first-seen order. */
export function groupBy<T>(items: Iterable<T>, key: (t: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(it);
    else map.set(k, [it]);
  }
  return map;
}

/** An e-mail address: a local part, @, and a domain of dot-separated labels (no empty label, no , or ;). */
export const EMAIL_ADDRESS = /^[^@\s,;]+@[^@\s.,;]+(?:\.[^@\s.,;]+)+$/;

/**
 * Country names of the CMRT 2.x/3.x drop-down (2012–2015): short English names in upper case. ISO short
 * names arrived with revision 4.20 (2016). Right in files of that era, not aliases there.
 */
export const EARLY_CMRT_COUNTRY_NAMES: ReadonlySet<string> = new Set([
  'UNITED STATES',
  'UNITED KINGDOM',
  'TAIWAN',
  'BOLIVIA',
  'VIET NAM',
  'KOREA, REPUBLIC OF',
  'SWAZILAND',
]);

const earlyTables = new WeakMap<Table, boolean>();

/**
 * Whether a table is CMRT data of the 2.x/3.x era (2012–2015): the reporting year is before 2016, its header
 * has 2.x's "Smelter Reference List", or CFSI V2 IDs (1USA025) are at least as many as CIDs in any column.
 */
export function isEarlyCmrtTable(ctx: Pick<RuleContext, 'year'>, table: Table): boolean {
  let early = earlyTables.get(table);
  if (early === undefined) {
    early = (ctx.year !== undefined && ctx.year < 2016) || table.header.cells.some((c) => /reference list/i.test(c.value));
    if (!early) {
      let legacy = 0;
      let cids = 0;
      // every cell of every row, read without making the rows' cells (see valueAt)
      for (const row of table.rows) {
        for (let i = 0, n = cellCount(row); i < n; i++) {
          const v = valueAt(row, i)!;
          if (v.length < 7 || v.length > 12) continue;
          if (LEGACY_ID.test(v.trim())) legacy++;
          else if (/^CID\d{6}$/i.test(v.trim())) cids++;
        }
      }
      early = legacy > 0 && legacy >= cids;
    }
    earlyTables.set(table, early);
  }
  return early;
}

/**
 * A map keyed by four strings, without joining them into one: a cell value's hash is computed once for the
 * string and kept, while a joined key is a new string to hash on every row.
 */
export class KeyMap4<V> {
  private readonly root = new Map<string, Map<string, Map<string, Map<string, V>>>>();

  get(a: string, b: string, c: string, d: string): V | undefined {
    return this.root.get(a)?.get(b)?.get(c)?.get(d);
  }

  set(a: string, b: string, c: string, d: string, value: V): void {
    let m1 = this.root.get(a);
    if (!m1) this.root.set(a, (m1 = new Map<string, Map<string, Map<string, V>>>()));
    let m2 = m1.get(b);
    if (!m2) m1.set(b, (m2 = new Map<string, Map<string, V>>()));
    let m3 = m2.get(c);
    if (!m3) m2.set(c, (m3 = new Map<string, V>()));
    m3.set(d, value);
  }
}
