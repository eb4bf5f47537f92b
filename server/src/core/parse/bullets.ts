/**
 * Smelters listed as bullet points rather than in a table, as many small filers' reports and their text
 * conversions have them: "• Asahi Pretec Corp. (Japan)", "- Minsur, Peru (CID001182)", "· Gold: Metalor
 * Technologies SA – Switzerland", usually under a heading naming the metal ("Gold", "Tin Smelters"). Each item
 * is read as a row of cells at their places in the text: the metal when the item names it, the name, the
 * country, the smelter ID. A list of countries alone ("• Bolivia") names no smelter and is no such list.
 * Written by hand: the items are the filer's prose, which no list parser reads into cells.
 */
import { resolveMetal } from '../data/metals';
import { countryTable } from '../data/countries';
import type { LineIndex } from '../text';
import { makeCell, newKind, type Cell, type RawRow } from './cells';
import type { ColumnMap, ColumnRole } from './header';
import { headingOf, isPageNumber } from './layout';

/** A list of smelters read from bullet points: its rows (the first's line is the list's) and its columns. */
export interface BulletList {
  rows: RawRow[];
  roles: ColumnRole[];
  columns: ColumnMap;
}

/** Items in a list read as smelters: at least this many. */
const MIN_ITEMS = 2;
/** The longest item read. */
const MAX_ITEM = 200;
/** A bullet and the spaces after it: •, ·, ▪, ◦, ‣, ●, -, –, *, or Word's "o" and "§" bullets. */
const BULLET = /^[ \t]{0,12}(?:[•·▪◦‣●■\-–*§]|o(?=[ \t]))[ \t]+/;
/** A metal named first: "Gold: ", "Tin – ". */
const METAL_FIRST = /^(gold|tin|tantalum|tungsten)[ \t]*[:–—-][ \t]+/i;
/** A smelter ID in an item: "CID001182", "CID 001182", in parentheses or after a separator. */
const CID = /\(?\b(CID[ \t]?\d{6})\b\)?/i;

/** Offsets [start, end) of an item's part in the text. */
type Span = [number, number];

/** An item's parts: where the metal, the name, the country and the ID are written (absent: not written). */
interface Item {
  metal?: Span;
  name: Span;
  country?: Span;
  id?: Span;
  /** It names a country cmrlint knows or a smelter ID: an item of a smelter list for sure, not a name in parentheses. */
  known: boolean;
}

/**
 * The smelters a text lists as bullet points: runs of items that read as a smelter (a name and a country or
 * smelter ID), at least two of them naming a country cmrlint knows or an ID (the others may misspell theirs),
 * blank lines, headings and page numbers between them. One pass over the lines.
 */
export function bulletLists(text: string, lines: LineIndex): BulletList[] {
  const out: BulletList[] = [];
  let run: Array<{ line: number; item: Item }> = [];
  const end = () => {
    if (run.filter((r) => r.item.known).length >= MIN_ITEMS) out.push(listOf(text, lines, run));
    run = [];
  };
  for (let l = 0; l < lines.lineCount; l++) {
    const s = lines.lineStarts[l];
    const line = text.slice(s, lines.lineEnd(l));
    const t = line.trim();
    if (t === '' || (run.length > 0 && (isPageNumber(t) || headingOf(t, 0)))) continue;
    const item = line.length <= MAX_ITEM ? itemOf(line, s) : undefined;
    if (item) run.push({ line: l, item });
    else end();
  }
  end();
  return out;
}

/** The parts of a bullet item at offset `at`, or undefined when the line is no item naming a smelter. */
function itemOf(line: string, at: number): Item | undefined {
  const bullet = BULLET.exec(line);
  if (!bullet || line.includes('\t')) return undefined;
  let a = bullet[0].length;
  let b = line.trimEnd().length;
  const item: Partial<Item> = {};
  const metal = METAL_FIRST.exec(line.slice(a));
  if (metal) {
    item.metal = [at + a, at + a + metal[1].length];
    a += metal[0].length;
  }
  const id = CID.exec(line.slice(a, b));
  if (id) {
    const s = a + id.index + id[0].indexOf(id[1]);
    item.id = [at + s, at + s + id[1].length];
    // the ID at the end: the rest before it; else the ID sits between the name and the country
    if (a + id.index + id[0].length >= b) b = trimSeparators(line, a, a + id.index);
  }
  const country = countryAtEnd(line, a, b, item.id ? item.id[0] - at : -1);
  if (country) {
    item.country = [at + country.start, at + country.end];
    b = country.before;
  }
  if (item.id && item.id[0] - at < b && item.id[0] - at > a)
    b = trimSeparators(line, a, item.id[0] - at - (line[item.id[0] - at - 1] === '(' ? 1 : 0));
  b = trimSeparators(line, a, b);
  const name = line.slice(a, b);
  if (!/\p{L}{2}/u.test(name) || countryTable().resolve(name) || resolveMetal(name)) return undefined;
  if (!item.country && !item.id) return undefined;
  return { ...item, name: [at + a, at + b], known: !!item.id || !!country?.known };
}

/** A place's name as a filer writes it, maybe misspelt ("Japna"): one to four capitalised words of letters. */
const PLACE = /^\p{Lu}[\p{L}.'’]*(?: \p{Lu}[\p{L}.'’]*){0,3}$/u;

/**
 * The country written at the end of [a, b): in parentheses ("(Japan)"), or after a comma or a dash ("…, Peru",
 * "… – Peru"); its place, and where the text before it ends. Undefined when the end names no country.
 */
function countryAtEnd(
  line: string,
  a: number,
  b: number,
  idAt: number,
): { start: number; end: number; before: number; known: boolean } | undefined {
  const part = line.slice(a, b);
  const paren = /\(([^()]{2,60})\)\s*$/.exec(part);
  const sep = /(?:,|\s[–—-])\s*([^,–—()-]{2,60})$/.exec(part);
  for (const m of [paren, sep]) {
    if (!m) continue;
    const start = a + m.index + m[0].indexOf(m[1]);
    const value = m[1].trim();
    if (start === idAt || !(countryTable().resolve(value) || PLACE.test(value))) continue;
    return { start, end: start + value.length, before: a + m.index, known: !!countryTable().resolve(value) };
  }
  return undefined;
}

/** The end of [a, b) without the spaces, commas, dashes and opening parentheses that end it. */
function trimSeparators(line: string, a: number, b: number): number {
  while (b > a && /[\s,;:(–—-]/.test(line[b - 1])) b--;
  return b;
}

const LABELS: Record<'metal' | 'name' | 'country' | 'id', string> = {
  metal: 'Metal',
  name: 'Smelter Name',
  country: 'Country',
  id: 'Smelter ID',
};

/** A run of items as a list's rows: one cell per part any item writes, empty where an item does not. */
function listOf(text: string, lines: LineIndex, run: ReadonlyArray<{ line: number; item: Item }>): BulletList {
  const parts = (['metal', 'name', 'country', 'id'] as const).filter((p) => run.some((r) => r.item[p]));
  const rows = run.map(({ line, item }): RawRow => {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    let at = item.name[0];
    const cells: Cell[] = parts.map((p) => {
      const span = item[p];
      const cell = span ? makeCell(text, span[0], span[1]) : makeCell(text, at, at);
      at = cell.end;
      return cell;
    });
    const row = { delimiter: 'line', cells, line, start, end, kind: newKind(), table: undefined, index: 0 };
    return row as RawRow;
  });
  const columns: ColumnMap = { basis: {} };
  parts.forEach((p, k) => {
    columns[p] = k;
    columns.basis![p] = 'content';
  });
  return { rows, roles: [...parts], columns };
}

/** The header cells a list of bullet points is given: its columns' names, empty, at its first item. */
export function bulletHeader(list: BulletList): Cell[] {
  const at = list.rows[0].start;
  return list.roles.map((r) => ({ value: LABELS[r as keyof typeof LABELS] ?? '', start: at, end: at, rawStart: at, rawEnd: at }));
}
