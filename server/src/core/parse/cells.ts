/**
 * Offset-preserving tokenizers: tab-separated lines, Markdown pipe rows and RFC 4180 CSV records.
 * Every cell keeps the offsets of its value in the original text, so findings and fixes point at the exact
 * characters the user sees.
 */
import { unguardFormula } from '../formula-guard';
import { sharing } from '../sharing';

export interface Cell {
  /** The cell's value: trimmed, markup (<u>, **) removed, CSV quotes undone. */
  value: string;
  /** Offsets of the value's characters in the text (inside quotes and markup). */
  start: number;
  end: number;
  /** Offsets of the whole cell between its delimiters. */
  rawStart: number;
  rawEnd: number;
  /** The CSV cell was quoted: an edit must keep it a valid quoted cell. */
  quoted?: boolean;
  /** The delimiter of the row the cell is in, when it matters for writing a new value (CSV, pipe, fixed-width columns). */
  delimiter?: 'comma' | 'semicolon' | 'pipe' | 'space';
}

/**
 * How cells are separated: tabs, pipes, CSV commas or semicolons, one cell per line (a table flattened by an
 * HTML-to-text export), or fixed-width columns of spaces (parse/fixed-width.ts).
 */
export type Delimiter = 'tab' | 'pipe' | 'comma' | 'semicolon' | 'line' | 'space';

export interface RawRow {
  delimiter: Delimiter;
  cells: Cell[];
  /** 0-based line of the row's first character. */
  line: number;
  /** Offset of the row's first character (start of its line). */
  start: number;
  /** Offset after the row's last character, before the line break. */
  end: number;
  /**
   * The row's kind: rows of one kind have the same line text, so the same cells at the same places relative to
   * their start (a merged list repeats one smelter's row from many suppliers). Caches of what a row's values
   * mean are kept per kind. Rows of different kinds may still be alike.
   */
  kind: number;
}

/** JavaScript's \s (which includes U+00A0 and U+FEFF), by character code: no one-character strings per test. */
function isWsCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Characters that can start or end edge markup: < > * _ */
function mayBeMarkup(c: number): boolean {
  return c === 60 || c === 62 || c === 42 || c === 95;
}

/**
 * Markup that filings converted from HTML leave in cell text: a tag whose name starts with u, b, i, strong, em
 * or span (`<u>`, `</span>`, `<span style="…">`), and `**`. Found by a forward scan, not by a regular
 * expression: `<span[^>]*>` tried at every `<span ` of a value without a `>` reads the rest of the value each
 * time (quadratic: a 480 KB cell took seconds).
 */
const TAG_NAMES = ['u', 'b', 'i', 'strong', 'em', 'span'];

/** Whether text[i] starts a markup tag's name: `<`, an optional `/`, then one of TAG_NAMES, in any case. */
function isTagStart(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 60 /* < */) return false;
  const at = text.charCodeAt(i + 1) === 47 /* / */ ? i + 2 : i + 1;
  return TAG_NAMES.some((name) => text.slice(at, at + name.length).toLowerCase() === name);
}

/** The end (after its `>`) of the markup tag starting at `i` before `limit`, or -1; `gt` is the first `>` at or after i. */
function tagEnd(text: string, i: number, gt: number, limit: number): number {
  return gt >= 0 && gt < limit && isTagStart(text, i) ? gt + 1 : -1;
}

/** The length of the markup that starts the cell [s, e) (a tag within 40 characters, `**`, `__`), or 0. */
function markupAtStart(text: string, s: number, e: number): number {
  const limit = Math.min(e, s + 40);
  if (s + 2 <= limit && (text.startsWith('**', s) || text.startsWith('__', s))) return 2;
  let gt = s;
  while (gt < limit && text.charCodeAt(gt) !== 62 /* > */) gt++;
  const end = tagEnd(text, s, gt, limit);
  return end < 0 ? 0 : end - s;
}

/**
 * The length of the markup that ends the cell [s, e), within its last 40 characters: `**`, `__`, or the
 * earliest tag start after the `>` before the last one (a tag holds no `>`), as the end-anchored search found it.
 */
function markupAtEnd(text: string, s: number, e: number): number {
  const from = Math.max(s, e - 40);
  if (e - 2 >= from && (text.startsWith('**', e - 2) || text.startsWith('__', e - 2))) return 2;
  if (e - 1 < from || text.charCodeAt(e - 1) !== 62 /* > */) return 0;
  let after = e - 1;
  while (after > from && text.charCodeAt(after - 1) !== 62 /* > */) after--;
  for (let i = after; i < e - 1; i++) if (isTagStart(text, i)) return e - i;
  return 0;
}

/** Longest value shared (see ValueTable): a longer one seldom repeats, and is not worth a pass to hash. */
const SHARED_MAX = 200;

/** Slots looked at for one value before it is left unshared (a half-full table rarely needs more than a few). */
const MAX_PROBES = 32;

/**
 * One string per distinct cell value while a text is read (see readingValues): a merged list repeats a few
 * hundred metals, countries, names and IDs over its rows, which then share one string each (less memory, and
 * the rules' maps hash each value once). Looked up by the value's characters in the text, before any string is
 * made of them (a Map would need the slice first: one string per cell, mostly thrown away): open addressing
 * over a power-of-two table, kept at most half full, so a look-up is one pass to hash the characters and one
 * comparison per probe whose hash is the same.
 */
export class ValueTable {
  private keys: string[] = new Array<string>(1024).fill('');
  private hashes = new Int32Array(1024);
  /**
   * Where each key's characters were first found in `source` (-1: not in it), compared there: two reads of one
   * flat string, where the key itself is a slice of it (each of its characters read through its parent).
   */
  private origins = new Int32Array(1024);
  /** The number of each slot's key: its place in `list`. */
  private numbers = new Int32Array(1024);
  private size = 0;
  /** The values shared, numbered in the order first met. */
  readonly list: string[] = [];
  /** The number of the value `at` gave last (-1: left unshared). */
  last = -1;
  /** The source's code units, read two at a time (see codeUnits); undefined where the runtime cannot make them fast. */
  private readonly units: DataView | undefined;
  constructor(
    private readonly source: string,
    /** The hash's seed: random per read, so no file can choose values that fall into one run of slots. */
    private readonly seed = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0,
  ) {
    this.units = codeUnits(source);
  }

  /** The shared string of the characters [s, e) of `text` (e - s <= SHARED_MAX), made when first seen. */
  at(text: string, s: number, e: number): string {
    // FNV-1a over pairs of UTF-16 code units, from a seed of this read's own; never 0, which marks a free slot
    const units = text === this.source ? this.units : undefined;
    const h = finish(units ? unitsHash(units, this.seed, s, e) : pairsHash(text, this.seed, s, e)) | 1;
    const mask = this.hashes.length - 1;
    for (let i = h & mask, probes = 0; ; i = (i + 1) & mask) {
      // values crafted to collide (a supplier's file is untrusted) are left unshared, not searched for ever longer
      if (++probes > MAX_PROBES) {
        this.last = -1;
        return text.slice(s, e);
      }
      const known = this.hashes[i];
      if (known === 0) return this.add(i, h, text.slice(s, e), text === this.source ? s : -1);
      if (known === h && this.holds(i, text, s, e)) {
        this.last = this.numbers[i];
        return this.keys[i];
      }
    }
  }

  /** Whether the key in `slot` is the characters [s, e) of `text`. */
  private holds(slot: number, text: string, s: number, e: number): boolean {
    const key = this.keys[slot];
    if (key.length !== e - s) return false;
    const origin = this.origins[slot];
    if (origin >= 0 && text === this.source)
      return this.units ? sameUnits(this.units, origin, s, e - s) : sameCharacters(text, origin, text, s, e - s);
    return sameCharacters(key, 0, text, s, e - s);
  }

  private add(slot: number, h: number, v: string, origin: number): string {
    this.hashes[slot] = h;
    this.keys[slot] = v;
    this.origins[slot] = origin;
    this.numbers[slot] = this.last = this.list.length;
    this.list.push(v);
    if (++this.size * 2 > this.hashes.length) this.grow();
    return v;
  }

  private grow(): void {
    const { keys, hashes, origins, numbers } = this;
    this.keys = new Array<string>(hashes.length * 2).fill('');
    this.hashes = new Int32Array(hashes.length * 2);
    this.origins = new Int32Array(hashes.length * 2);
    this.numbers = new Int32Array(hashes.length * 2);
    const mask = this.hashes.length - 1;
    for (let j = 0; j < hashes.length; j++) {
      if (hashes[j] === 0) continue;
      let i = hashes[j] & mask;
      while (this.hashes[i] !== 0) i = (i + 1) & mask;
      this.hashes[i] = hashes[j];
      this.keys[i] = keys[j];
      this.origins[i] = origins[j];
      this.numbers[i] = numbers[j];
    }
  }
}

/**
 * A text's UTF-16 code units as little-endian bytes, read 32 bits (two units) at a time: hashing and comparing
 * the values of a large list two characters per step took half the time of one per step (charCodeAt). Made by
 * the runtime's encoder (Node's Buffer, native), not by a loop here, which cost more than it saved; undefined
 * where there is none (the values are then read one unit at a time, to the same hash).
 */
function codeUnits(text: string): DataView | undefined {
  const encoder = (globalThis as { Buffer?: { from(s: string, encoding: 'utf16le'): Uint8Array } }).Buffer;
  if (!encoder) return undefined;
  const bytes = encoder.from(text, 'utf16le');
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const FNV_PRIME = 0x01000193;

/** FNV-1a from `seed` over the code units [s, e) of a text, two at a time (the second in the high 16 bits). */
function unitsHash(units: DataView, seed: number, s: number, e: number): number {
  let h = seed;
  let i = 2 * s;
  const end = 2 * e;
  for (; i + 4 <= end; i += 4) h = Math.imul(h ^ units.getUint32(i, true), FNV_PRIME);
  if (i < end) h = Math.imul(h ^ units.getUint16(i, true), FNV_PRIME);
  return h;
}

/** The same hash as unitsHash, read from the string one code unit at a time. */
function pairsHash(text: string, seed: number, s: number, e: number): number {
  let h = seed;
  let i = s;
  for (; i + 2 <= e; i += 2) h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), FNV_PRIME);
  if (i < e) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * A hash's bits mixed down: a pair's second unit enters in the high 16 bits, and a multiplication carries bits
 * only upward, so values that differ in the last character of a pair ("Supplier 476", "Supplier 477") would
 * differ only in high bits, which a table's mask drops. Mixed, they fall into different slots.
 */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Whether the `n` code units at `i` and at `j` are the same, compared two at a time. */
function sameUnits(units: DataView, i: number, j: number, n: number): boolean {
  let a = 2 * i;
  let b = 2 * j;
  const end = a + 2 * n;
  for (; a + 4 <= end; a += 4, b += 4) if (units.getUint32(a, true) !== units.getUint32(b, true)) return false;
  return a === end || units.getUint16(a, true) === units.getUint16(b, true);
}

/**
 * Whether `a` at `i` and `b` at `j` hold the same `n` characters: compared here, inlined, not by startsWith (a
 * call into the runtime per cell cost more than the comparison of a short value).
 */
function sameCharacters(a: string, i: number, b: string, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

let values: ValueTable | undefined;

/** The number of the value intern or sliceValue gave last (see ValueTable.list; -1: not shared). */
let lastNumber = -1;

/** The value as shared (see ValueTable), or itself when no text is being read or it is long. */
function intern(v: string): string {
  return sliceValue(v, 0, v.length);
}

/** The characters [s, e) of `text` as a value: shared while a text is read (see ValueTable). */
function sliceValue(text: string, s: number, e: number): string {
  if (values && e - s <= SHARED_MAX) {
    const v = values.at(text, s, e);
    lastNumber = values.last;
    return v;
  }
  lastNumber = -1;
  return s === 0 && e === text.length ? text : text.slice(s, e);
}

/** A store for the tab rows of the text being read, its values numbered as the read shares them (see CellStore). */
export function newCellStore(): CellStore {
  return new CellStore(values?.list ?? []);
}

/** The text being read when it holds no inline markup at all (no '<', no '**'): its cells need no search for it. */
let markupFree: string | undefined;

/** Kinds given out so far in the current read (see RawRow.kind). */
let kinds = 0;

/** The kinds given out so far in the current read. */
export function kindsSoFar(): number {
  return kinds;
}

/** A kind of its own, for a row no other row is known to share. */
export function newKind(): number {
  return kinds++;
}

/** Runs a read of a text with value sharing (parseFiling), and forgets the values afterwards; with the number of row kinds given. */
export function readingValues<T>(text: string, read: () => T): { read: T; kinds: number } {
  const outer = values;
  const outerFree = markupFree;
  const outerKinds = kinds;
  values = new ValueTable(text);
  markupFree = !text.includes('<') && !text.includes('**') ? text : undefined;
  kinds = 0;
  try {
    const out = read();
    return { read: out, kinds };
  } finally {
    values = outer;
    markupFree = outerFree;
    kinds = outerKinds;
  }
}

/**
 * A cell with all its fields in one object literal (a field added later moves the object's fields to a
 * second allocation: 40 bytes more per cell of a large list).
 */
function cellOf(
  value: string,
  start: number,
  end: number,
  rawStart: number,
  rawEnd: number,
  delimiter?: Cell['delimiter'],
  quoted = false,
): Cell {
  if (quoted) return { value, start, end, rawStart, rawEnd, quoted, delimiter };
  if (delimiter !== undefined) return { value, start, end, rawStart, rawEnd, delimiter };
  return { value, start, end, rawStart, rawEnd };
}

/** Builds a cell from a raw slice [rawStart, rawEnd) of text: trims whitespace and edge markup. */
export function makeCell(text: string, rawStart: number, rawEnd: number, delimiter?: Cell['delimiter']): Cell {
  const value = readCell(text, rawStart, rawEnd);
  return cellOf(value, readStart, readEnd, rawStart, rawEnd, delimiter);
}

/** Where the value of the cell read last (readCell) starts and ends: set there, not returned in an object per cell. */
let readStart = 0;
let readEnd = 0;

/** The value of the cell [rawStart, rawEnd) of text, whitespace and edge markup trimmed; its offsets in readStart and readEnd. */
function readCell(text: string, rawStart: number, rawEnd: number): string {
  let s = rawStart;
  let e = rawEnd;
  while (s < e && isWsCode(text.charCodeAt(s))) s++;
  while (e > s && isWsCode(text.charCodeAt(e - 1))) e--;
  readStart = s;
  readEnd = e;
  // the common cell, plain text between its delimiters: no markup to look for
  if (s === e || (!mayBeMarkup(text.charCodeAt(s)) && !mayBeMarkup(text.charCodeAt(e - 1)))) {
    // the common value, the cell's characters as they are: shared without a slice made first
    if (text === markupFree && text.charCodeAt(s) !== 39 /* ' (see unguardFormula) */) return sliceValue(text, s, e);
    const plain = text.slice(s, e);
    return intern(unguardFormula(text === markupFree ? plain : unmarked(plain)));
  }
  for (let guard = 0; guard < 8; guard++) {
    while (s < e && isWsCode(text.charCodeAt(s))) s++;
    while (e > s && isWsCode(text.charCodeAt(e - 1))) e--;
    if (s === e || (!mayBeMarkup(text.charCodeAt(s)) && !mayBeMarkup(text.charCodeAt(e - 1)))) break;
    const m = markupAtStart(text, s, e);
    const n = markupAtEnd(text, s, e);
    if (!m && !n) break;
    s += m;
    if (n && e - n >= s) e -= n;
  }
  readStart = s;
  readEnd = e;
  return intern(unguardFormula(unmarked(text.slice(s, e))));
}

/** A value without the inline markup (<u>, **) that filings converted from HTML leave inside it: one forward scan. */
function unmarked(value: string): string {
  if (!((value.includes('<') && value.includes('>')) || value.includes('**'))) return value;
  let out = '';
  let kept = 0;
  let gt = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let end = -1;
    if (c === 60 /* < */) {
      // each stretch is searched once: the next '>' only moves forward (none left: the value's length)
      if (gt < i) {
        gt = value.indexOf('>', i);
        if (gt < 0) gt = value.length;
      }
      end = tagEnd(value, i, gt, value.length);
    } else if (c === 42 /* * */ && value.charCodeAt(i + 1) === 42) end = i + 2;
    if (end < 0) continue;
    out += value.slice(kept, i);
    kept = end;
    i = end - 1;
  }
  return kept === 0 ? value : out + value.slice(kept);
}

/** Cell bounds of the line being split (reused: a row's cells are then allocated at their exact count). */
let bounds = new Int32Array(64);

/** Lines read before deciding whether a text's lines repeat enough (one in eight) to look each up. */
const LOOK_AT = 4096;

/**
 * The first row of each line text read so far, while enough lines repeat (see RawRow.kind): when fewer than
 * one in eight of the first 4,096 lines repeat an earlier one, the rest is read line by line (no slice and
 * lookup per line).
 */
export class SeenLines {
  private readonly rows = new Map<string, RawRow>();
  private looking = sharing.kindLines > 0;
  private lines = 0;
  private repeats = 0;
  private last = '';

  /** The first row of the line [start, end) when the same text was read before. */
  find(text: string, start: number, end: number): RawRow | undefined {
    if (!this.looking) return undefined;
    this.last = text.slice(start, end);
    const first = this.rows.get(this.last);
    if (first) this.repeats++;
    if (++this.lines === LOOK_AT && this.repeats * 8 < this.lines) this.looking = false;
    return first;
  }

  /** The row just read for the line last looked for, which was not read before. */
  remember(row: RawRow): void {
    if (this.looking && this.rows.size < sharing.kindLines) this.rows.set(this.last, row);
  }
}

/**
 * A row whose cells are made only when asked for (`cells`): until then its values and their places are read
 * from where they are kept (cellCount, valueAt, cellStart, cellEnd), and no Cell object exists. A list of 100k
 * rows has 500k cells: as objects they were most of what a lint allocated, and every scavenge copied them.
 */
abstract class LazyRow implements RawRow {
  protected made: Cell[] | undefined = undefined;
  // filled in when the row joins a table (document.ts): declared here, one object shape throughout
  table: unknown = undefined;
  index = 0;
  abstract readonly delimiter: Delimiter;
  abstract readonly kind: number;

  constructor(
    public line: number,
    public start: number,
    public end: number,
  ) {}

  get cells(): Cell[] {
    return (this.made ??= this.make());
  }

  /** The row's cells, made. */
  protected abstract make(): Cell[];
  /** How many cells the row has, a cell's value, and where it starts or ends relative to the row's start, read where they are kept. */
  protected abstract keptCount(): number;
  protected abstract keptValue(column: number): string | undefined;
  protected abstract keptOffset(column: number, end: boolean): number | undefined;
  protected abstract keptHugged(column: number): boolean;
  /** The store the row's values are numbered in (see CellStore.number), and a kept value's number there. */
  abstract readonly store: CellStore | undefined;
  protected abstract keptNumber(column: number): number;

  /** The number of a cell's value in the row's store (-1: none, or the cells were made: a pass may have changed them). */
  valueNumber(column: number): number {
    return this.made ? -1 : this.keptNumber(column);
  }

  /** Whether the row's cells were made (a pass may have changed them since: what is kept is then not read). */
  cellsMade(): boolean {
    return this.made !== undefined;
  }

  /** Moves the row by `delta` characters (an edit before it): its cells too, when they were made. */
  shift(delta: number): void {
    this.start += delta;
    this.end += delta;
    if (this.made) for (const c of this.made) shiftCell(c, delta);
  }

  cellCount(): number {
    return this.made ? this.made.length : this.keptCount();
  }

  /** A cell's value: the made cell's (a pass may have changed it), or the kept one. */
  valueAt(column: number): string | undefined {
    return this.made ? this.made[column]?.value : this.keptValue(column);
  }

  /** Whether a cell's delimiters hug its value (nothing between them: no space, no quote, no markup). */
  hugged(column: number): boolean {
    if (this.made) return huggedCell(this.made[column]);
    return this.keptHugged(column);
  }

  /** Where a cell's value starts or ends: the made cell's offset, or the kept one. */
  cellOffset(column: number, end: boolean): number | undefined {
    if (this.made) {
      const c = this.made[column];
      return c === undefined ? undefined : end ? c.end : c.start;
    }
    const at = this.keptOffset(column, end);
    return at === undefined ? undefined : this.start + at;
  }
}

/**
 * The cells of a read's tab-separated rows, one row's after another's, in one flat array: each cell's value as
 * its number among the values the read shared (see ValueTable), and four offsets relative to its row's start
 * (value start and end, raw start and end). Kept relative, so a row moved by an edit moves its cells with it.
 * The analysis reads the numbers: a row's values are hashed and compared without a look-up of their strings.
 */
export class CellStore {
  /** Values the read did not share (longer than SHARED_MAX, or crafted to collide): cell value -1 - n is unshared[n]. */
  private readonly unshared: string[] = [];
  /** Five numbers per cell: its value, then its offsets. */
  private cells = new Int32Array(5 * 1024);
  size = 0;

  constructor(
    /** The values the read shared, by number (ValueTable.list): the list grows as the read goes on. */
    private readonly shared: readonly string[],
  ) {}

  /** Keeps a cell of the row starting at `rowStart`, its value numbered `number` (-1: not shared); its number is `size` before. */
  add(value: string, number: number, start: number, end: number, rawStart: number, rawEnd: number, rowStart: number): void {
    const at = this.size * 5;
    if (at + 5 > this.cells.length) {
      const grown = new Int32Array(this.cells.length * 2);
      grown.set(this.cells);
      this.cells = grown;
    }
    const c = this.cells;
    if (number < 0) {
      number = -1 - this.unshared.length;
      this.unshared.push(value);
    }
    c[at] = number;
    c[at + 1] = start - rowStart;
    c[at + 2] = end - rowStart;
    c[at + 3] = rawStart - rowStart;
    c[at + 4] = rawEnd - rowStart;
    this.size++;
  }

  /** Cell `n`'s value. */
  value(n: number): string {
    const k = this.cells[n * 5];
    return k >= 0 ? this.shared[k] : this.unshared[-1 - k];
  }

  /** The number of cell `n`'s value among the values shared (-1: not shared). */
  number(n: number): number {
    const k = this.cells[n * 5];
    return k >= 0 ? k : -1;
  }

  /** Whether cell `n`'s delimiters hug its value. */
  hugged(n: number): boolean {
    const c = this.cells;
    return c[n * 5 + 1] === c[n * 5 + 3] && c[n * 5 + 2] === c[n * 5 + 4];
  }

  /** Where cell `n` starts or ends relative to its row's start. */
  offset(n: number, end: boolean): number {
    return this.cells[n * 5 + (end ? 2 : 1)];
  }

  /** The `count` cells from cell `first`, made as cells of a row starting at `rowStart`. */
  cellsOf(first: number, count: number, rowStart: number): Cell[] {
    const out = new Array<Cell>(count);
    const c = this.cells;
    for (let j = 0; j < count; j++) {
      const at = (first + j) * 5;
      out[j] = cellOf(this.value(first + j), rowStart + c[at + 1], rowStart + c[at + 2], rowStart + c[at + 3], rowStart + c[at + 4]);
    }
    return out;
  }
}

/** A tab-separated row whose cells are in a CellStore: cells `first` to `first + count - 1` of it. */
export class StoredRow extends LazyRow {
  // a getter, not a field: one word less in each of a list's 100k rows
  get delimiter(): Delimiter {
    return 'tab';
  }

  constructor(
    readonly store: CellStore,
    readonly first: number,
    readonly count: number,
    line: number,
    start: number,
    end: number,
    readonly kind: number,
  ) {
    super(line, start, end);
  }

  /** The row's cells as if the row started at `at` (a row of the same line text elsewhere: see RepeatedRow). */
  cellsAt(at: number): Cell[] {
    return this.made ? cellsAgain(this.made, this.start, at) : this.store.cellsOf(this.first, this.count, at);
  }

  protected make(): Cell[] {
    return this.store.cellsOf(this.first, this.count, this.start);
  }

  protected keptCount(): number {
    return this.count;
  }

  /** The store's number of the row's cell in `column` (-1: the row has no such cell). */
  private cell(column: number): number {
    return column >= 0 && column < this.count ? this.first + column : -1;
  }

  protected keptValue(column: number): string | undefined {
    const n = this.cell(column);
    return n < 0 ? undefined : this.store.value(n);
  }

  protected keptOffset(column: number, end: boolean): number | undefined {
    const n = this.cell(column);
    return n < 0 ? undefined : this.store.offset(n, end);
  }

  protected keptHugged(column: number): boolean {
    const n = this.cell(column);
    return n < 0 || this.store.hugged(n);
  }

  protected keptNumber(column: number): number {
    const n = this.cell(column);
    return n < 0 ? -1 : this.store.number(n);
  }
}

/**
 * A row whose line repeats an earlier row's: its cells are made from that row's when first asked for (a
 * merged list of 100k rows holds a few thousand distinct lines; most of its rows' cells are never looked at).
 */
export class RepeatedRow extends LazyRow {
  constructor(
    /** The first row of the line, whose cells are copied. */
    readonly first: RawRow,
    line: number,
    start: number,
    end: number,
  ) {
    super(line, start, end);
  }

  get delimiter(): Delimiter {
    return this.first.delimiter;
  }

  get kind(): number {
    return this.first.kind;
  }

  protected make(): Cell[] {
    const first = this.first;
    return first instanceof StoredRow ? first.cellsAt(this.start) : cellsAgain(first.cells, first.start, this.start);
  }

  protected keptCount(): number {
    return cellCount(this.first);
  }

  protected keptValue(column: number): string | undefined {
    return valueAt(this.first, column);
  }

  protected keptOffset(column: number, end: boolean): number | undefined {
    const at = end ? cellEnd(this.first, column) : cellStart(this.first, column);
    return at === undefined ? undefined : at - this.first.start;
  }

  protected keptHugged(column: number): boolean {
    return isHugged(this.first, column);
  }

  get store(): CellStore | undefined {
    return storeOf(this.first);
  }

  protected keptNumber(column: number): number {
    return valueNumber(this.first, column);
  }
}

/**
 * Whether a row's values are still those its line was read into: a tab row (or a repeat of one) whose cells were
 * not made, so no pass can have changed them since.
 */
export function cellsAsRead(row: CellRow): boolean {
  if (row instanceof StoredRow) return !row.cellsMade();
  return row instanceof RepeatedRow && !row.cellsMade() && cellsAsRead(row.first);
}

/** Anything with cells: a row (RawRow, Row), or cells made apart ({ cells }). */
export type CellRow = { readonly cells: readonly Cell[] };

/**
 * How many cells a row has, without making its cells (see LazyRow). Hot passes over every row read cells
 * through cellCount and valueAt, not through `row.cells`: a row whose cells are made only when asked for then
 * never has them made.
 */
export function cellCount(row: CellRow): number {
  return row instanceof LazyRow ? row.cellCount() : row.cells.length;
}

/** The value of a row's cell (undefined: the row has no such cell), without making its cells (see cellCount). */
export function valueAt(row: CellRow, column: number): string | undefined {
  return row instanceof LazyRow ? row.valueAt(column) : row.cells[column]?.value;
}

/** The store a row's values are numbered in (see CellStore), when it was read into one. */
export function storeOf(row: CellRow): CellStore | undefined {
  return row instanceof LazyRow ? row.store : undefined;
}

/**
 * The number of a row's cell value in its store (storeOf; -1: not known): cells of one store with one number
 * hold one value, so a pass over every row can keep what it found per value in an array by number.
 */
export function valueNumber(row: CellRow, column: number): number {
  return row instanceof LazyRow ? row.valueNumber(column) : -1;
}

/** Whether a row's cell has nothing between its value and its delimiters (true when there is no such cell), without making its cells. */
export function isHugged(row: CellRow, column: number): boolean {
  return row instanceof LazyRow ? row.hugged(column) : huggedCell(row.cells[column]);
}

function huggedCell(c: Cell | undefined): boolean {
  return c === undefined || (c.start === c.rawStart && c.end === c.rawEnd);
}

/** Where a row's cell starts (undefined: the row has no such cell), without making its cells (see cellCount). */
export function cellStart(row: CellRow, column: number): number | undefined {
  return row instanceof LazyRow ? row.cellOffset(column, false) : row.cells[column]?.start;
}

/** Where a row's cell ends, as cellStart. */
export function cellEnd(row: CellRow, column: number): number | undefined {
  return row instanceof LazyRow ? row.cellOffset(column, true) : row.cells[column]?.end;
}

export function shiftCell(c: Cell, delta: number): void {
  c.start += delta;
  c.end += delta;
  c.rawStart += delta;
  c.rawEnd += delta;
}

/** Moves a row by `delta` characters, with its cells (see LazyRow.shift). */
export function shiftRow(r: { start: number; end: number; readonly cells: Cell[] }, delta: number): void {
  if (r instanceof LazyRow) {
    r.shift(delta);
    return;
  }
  r.start += delta;
  r.end += delta;
  for (const c of r.cells) shiftCell(c, delta);
}

/** A row's cells read at `start` from those of a row of the same line text read at `from`. */
export function cellsAgain(cells: readonly Cell[], from: number, start: number): Cell[] {
  const delta = start - from;
  const out = new Array<Cell>(cells.length);
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j];
    out[j] = cellOf(c.value, c.start + delta, c.end + delta, c.rawStart + delta, c.rawEnd + delta, c.delimiter, c.quoted);
  }
  return out;
}

/**
 * The first tab after the line split last (tabBounds), which the search for its last cell's end ran on to
 * (Infinity: none in the rest of the text): the caller's search for the next tab line starts from it.
 */
let tabAfter = Infinity;

/** The first tab after the line the last storeTabs split (Infinity: none): see tabAfter. */
export function nextTab(): number {
  return tabAfter;
}

/**
 * Cells bounds of the line [start, end) split on tabs, in `bounds`; their number twice. `firstTab`: the first
 * tab at or after `start`, when the caller found it already (-1: not known).
 */
function tabBounds(text: string, start: number, end: number, firstTab = -1): number {
  let k = 0;
  let cellStart = start;
  for (;;) {
    // the last cell's search runs on to the next tab line: over a document, each stretch is searched once
    let i = k === 0 && firstTab >= start ? firstTab : text.indexOf('\t', cellStart);
    if (i < 0 || i > end) {
      tabAfter = i < 0 ? Infinity : i;
      i = end;
    }
    if (k + 2 > bounds.length) {
      const grown = new Int32Array(bounds.length * 2);
      grown.set(bounds);
      bounds = grown;
    }
    bounds[k++] = cellStart;
    bounds[k++] = i;
    if (i === end) return k;
    cellStart = i + 1;
  }
}

/** Splits the line [start, end) on tabs. */
export function splitTabs(text: string, start: number, end: number): Cell[] {
  const k = tabBounds(text, start, end);
  const cells = new Array<Cell>(k >> 1);
  for (let j = 0; j < k; j += 2) cells[j >> 1] = makeCell(text, bounds[j], bounds[j + 1]);
  return cells;
}

/**
 * Splits the line [start, end) on tabs into a store (see StoredRow); the number of cells. `firstTab`: the first
 * tab at or after `start`, when known; the first tab after the line is nextTab() afterwards.
 */
export function storeTabs(store: CellStore, text: string, start: number, end: number, firstTab = -1): number {
  const k = tabBounds(text, start, end, firstTab);
  for (let j = 0; j < k; j += 2) {
    const value = readCell(text, bounds[j], bounds[j + 1]);
    store.add(value, lastNumber, readStart, readEnd, bounds[j], bounds[j + 1], start);
  }
  return k >> 1;
}

/**
 * Splits a Markdown pipe-table row. Leading and trailing pipes are optional; `\|` is a literal pipe.
 * Returns undefined when the line is not a pipe row.
 */
export function splitPipes(text: string, start: number, end: number): Cell[] | undefined {
  let s = start;
  let e = end;
  while (s < e && isWsCode(text.charCodeAt(s))) s++;
  while (e > s && isWsCode(text.charCodeAt(e - 1))) e--;
  if (s >= e) return undefined;
  const bounds: number[] = [];
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (c === 124 /* | */) bounds.push(i);
  }
  const leading = text.charCodeAt(s) === 124;
  const trailing = e - 1 > s && text.charCodeAt(e - 1) === 124 && text.charCodeAt(e - 2) !== 92;
  if (bounds.length === 0 || (!leading && bounds.length < 2)) return undefined;
  const cuts = [leading ? s : s - 1, ...bounds.filter((b) => b !== s && !(trailing && b === e - 1)), trailing ? e - 1 : e];
  const cells: Cell[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const cell = makeCell(text, cuts[k] + 1, cuts[k + 1], 'pipe');
    if (cell.value.includes('\\|')) cell.value = cell.value.replace(/\\\|/g, '|');
    cells.push(cell);
  }
  return cells;
}

/** A Markdown table's delimiter row: | --- | :---: | */
export function isPipeSeparator(cells: Cell[]): boolean {
  return (
    cells.length > 0 && cells.every((c) => /^:?-{1,}:?$/.test(c.value)) && cells.some((c) => c.value.length >= 3 || c.value.includes('-'))
  );
}

/**
 * The first `ch` at or after `from` (`none` when there is none), given `known`, the one a search before found:
 * it stands until passed. A reader that searched from each line would rescan every stretch without one once per
 * line (quadratic); a plain function, so no closure is made per line.
 */
export function nextIndexOf(text: string, ch: string, from: number, known: number, none: number): number {
  if (known >= from) return known;
  const i = text.indexOf(ch, from);
  return i < 0 ? none : i;
}

/** Guesses a CSV file's delimiter from its first lines: comma, or semicolon (European Excel). */
export function sniffCsvDelimiter(text: string): 'comma' | 'semicolon' | 'tab' {
  const head = text.slice(0, 8192);
  let commas = 0;
  let semis = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === ',') commas++;
      else if (c === ';') semis++;
      else if (c === '\t') tabs++;
    }
  }
  if (tabs > commas && tabs > semis) return 'tab';
  return semis > commas ? 'semicolon' : 'comma';
}

export interface CsvProblem {
  offset: number;
  message: string;
}

/**
 * RFC 4180 records with offsets: quoted cells, doubled quotes, line breaks inside quotes, CRLF or LF.
 * Lenient like spreadsheet programs: a quote inside an unquoted cell is kept as text, an unterminated quote
 * runs to the end of the file (and is reported).
 */
export function parseCsv(
  text: string,
  delimiter: 'comma' | 'semicolon',
  lineOf: (offset: number) => number,
): { rows: RawRow[]; problems: CsvProblem[] } {
  const rows: RawRow[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  const seen = new SeenLines();
  const reader = new CsvRecordReader(text, delimiter, problems);
  // the next line breaks at or after the record's start (n: none), found once and reused until passed
  let lf = -1;
  let cr = -1;
  let i = 0;
  while (i < n) {
    const rowStart = i;
    lf = nextIndexOf(text, '\n', i, lf, n);
    cr = nextIndexOf(text, '\r', i, cr, n);
    const lineEnd = Math.min(lf, cr);
    // a record that ended on its own line without a problem is read from that line's text alone: a record
    // starting with the same line is read alike (quotes closed on the line and all), and is not read again
    const first = seen.find(text, rowStart, lineEnd);
    if (first) {
      rows.push(new RepeatedRow(first, lineOf(rowStart), rowStart, lineEnd));
      i = afterLineBreak(text, lineEnd);
      continue;
    }
    const problemsBefore = problems.length;
    const cells = reader.record(rowStart);
    // with the fields a table row gets (document.ts), so that they need no second allocation per row
    const row = {
      delimiter,
      cells,
      line: lineOf(rowStart),
      start: rowStart,
      end: reader.rowEnd,
      kind: newKind(),
      table: undefined,
      index: 0,
    } as RawRow;
    rows.push(row);
    i = reader.next;
    if (reader.rowEnd === lineEnd && problems.length === problemsBefore) seen.remember(row);
  }
  return { rows, problems };
}

/** The offset after the line break at `at` (CRLF, LF or CR), or `at` at the end of the text. */
function afterLineBreak(text: string, at: number): number {
  if (at < text.length && text.charCodeAt(at) === 13) at++;
  if (at < text.length && text.charCodeAt(at) === 10) at++;
  return at;
}

/**
 * A quoted CSV cell's text with its doubled quotes undone. Joined in chunks: `replace(/""/g, '"')` on a long
 * cell full of them kept a piece per quote until the end (a 29 MB cell: 280 MB more), this about a third.
 */
function undoubled(raw: string): string {
  let q = raw.indexOf('""');
  if (q < 0) return raw;
  let out = '';
  let parts: string[] = [];
  let from = 0;
  for (; q >= 0; q = raw.indexOf('""', from)) {
    parts.push(raw.slice(from, q + 1));
    from = q + 2;
    if (parts.length === 4096) {
      out += parts.join('');
      parts = [];
    }
  }
  parts.push(raw.slice(from));
  return out + parts.join('');
}

/** Reads one CSV record at a time: its cells, where it ends, where the next starts. */
class CsvRecordReader {
  private readonly sep: number;
  /** Offset after the last record's last character, before its line break. */
  rowEnd = 0;
  /** Offset where the next record starts. */
  next = 0;
  /** Cells of the record being read (reused: each record's cells are copied out at their exact count). */
  private readonly cells: Cell[] = [];

  constructor(
    private readonly text: string,
    private readonly delimiter: 'comma' | 'semicolon',
    private readonly problems: CsvProblem[],
  ) {
    this.sep = delimiter === 'comma' ? 44 : 59;
  }

  record(start: number): Cell[] {
    const { text, sep, cells } = this;
    const n = text.length;
    cells.length = 0;
    let i = start;
    for (;;) {
      i = text.charCodeAt(i) === 34 /* " */ ? this.quoted(i) : this.plain(i);
      if (i < n && text.charCodeAt(i) === sep) {
        i++;
        if (i < n) continue;
        cells.push(makeCell(text, i, i, this.delimiter)); // a delimiter ends the text: one more, empty cell
        this.rowEnd = i;
        break;
      }
      this.rowEnd = i;
      i = afterLineBreak(text, i);
      break;
    }
    this.next = i;
    return cells.slice();
  }

  /** Reads an unquoted cell at `i`; returns the offset of its end (a delimiter, a line break, the end). */
  private plain(i: number): number {
    const end = this.cellEnd(i);
    this.cells.push(makeCell(this.text, i, end, this.delimiter));
    return end;
  }

  /**
   * Reads a quoted cell at `i` (its opening quote); returns the offset of its raw end. Its value is one slice
   * of the text with doubled quotes undone (not a string joined at every doubled quote: a long cell full of
   * them made millions of pieces).
   */
  private quoted(i: number): number {
    const { text } = this;
    const n = text.length;
    let j = text.indexOf('"', i + 1);
    while (j >= 0 && text.charCodeAt(j + 1) === 34) j = text.indexOf('"', j + 2);
    const closed = j >= 0;
    if (!closed)
      this.problems.push({ offset: i, message: 'A quoted CSV cell is never closed; the rest of the file was read as one cell.' });
    const innerStart = i + 1;
    const innerEnd = closed ? j : n;
    // anything between the closing quote and the delimiter is kept as part of the raw cell
    const rawEnd = this.cellEnd(closed ? j + 1 : n);
    const raw = text.slice(innerStart, innerEnd);
    const value = undoubled(raw).trim();
    let s = innerStart;
    let e = innerEnd;
    while (s < e && isWsCode(text.charCodeAt(s))) s++;
    while (e > s && isWsCode(text.charCodeAt(e - 1))) e--;
    this.cells.push(cellOf(intern(unguardFormula(value)), s, e, i, rawEnd, this.delimiter, true));
    return rawEnd;
  }

  /** The offset of the delimiter or line break that ends a cell's raw text at or after `i`, or the text's end. */
  private cellEnd(i: number): number {
    const { text, sep } = this;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === sep || c === 10 || c === 13) break;
      i++;
    }
    return i;
  }
}
