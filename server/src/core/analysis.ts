/**
 * Facts about every data row, computed once per lint and shared by the rules: the resolved metal and
 * country, name keys, placeholder and shape status, and the document's country style.
 */
import { FORMULA_ERROR } from './parse/columns';
import { Cell, cellCount, cellEnd, cellStart, isHugged, StoredRow, valueAt, type CellRow, type CellStore } from './parse/cells';
import { cellAt, FilingModel, Row, Table } from './parse/document';
import { CountryMatch, CountryStyle, CountryTable } from './data/countries';
import { MetalMatch, resolveMetal } from './data/metals';
import { looseValueHash, nameKeys } from './normalize';
import { quote } from './messages';
import { CellTests, mayBeShifted, Shift, shiftOf } from './shift';
import { FirstByHash, sharedHashes } from './first-by-hash';
import { sharing } from './sharing';

export interface RowFacts {
  readonly row: Row;
  /**
   * Rows of one kind are in one table and alike in every cell the facts below read (metal, name, country, ID,
   * look-up, standard name, CFSI ID), in their number of cells and in whether they line up with the header:
   * every fact below but the cells' places, the shape problem's place and the row hashes is the same for them,
   * and the engine judges them once (numbers below Analysis.kindCount). Their other cells (a supplier, an
   * address, a date) may differ.
   */
  readonly kind: number;
  /** Rows of one line kind are in one table and have the same line text (numbers below Analysis.lineKindCount). */
  readonly lineKind: number;
  readonly metalCell?: Cell;
  readonly nameCell?: Cell;
  readonly countryCell?: Cell;
  readonly idCell?: Cell;
  /** The CFSI V2 ID beside the CID, when the table has both columns. */
  readonly legacyIdCell?: Cell;
  /** A CMRT list's Smelter Look-up choice, and RMI's standard name beside it, when the table has them. */
  readonly lookupCell?: Cell;
  readonly standardCell?: Cell;
  /** Where the name cell is among the row's cells (-1: nowhere). */
  readonly nameAt: number;
  /** The name that identifies the smelter: RMI's standard name beside a look-up choice, else the name cell's. */
  readonly identityName: string;
  readonly metal?: MetalMatch;
  readonly country?: CountryMatch;
  /** Why the name is not a smelter ("Smelter not listed"), when it is not. */
  readonly placeholder?: string;
  /** Set when the row's cells are missing or shifted: cell-level rules skip such rows. */
  readonly shape?: ShapeProblem;
  /** A cell too long to be a table value: name comparisons skip the row. */
  readonly oversized?: boolean;
  readonly looseName: string;
  readonly entityName: string;
  /** The resolved metal, or the metal cell in lower case when it is not a metal: a grouping key. */
  readonly metalKey: string;
  /** Hash of the row's cell values (see sameRow): exact duplicates share it (confirm with sameRow). 0 for an empty row. */
  readonly rowHash: number;
  /** Hash of the row's used cells but for their whitespace (normalize.ts's looseEqual): rows alike but for spacing share it. */
  readonly looseRowHash: number;
  /**
   * Where one of the row's cells starts and ends (the cell must be there), without making the cells of a row
   * that repeats an earlier line (see RepeatedRow): rules report rows of a kind at their cells this way.
   */
  startOf(cell: CellRole): number;
  endOf(cell: CellRole): number;
  /** The value of one of the row's cells (undefined: the row has none), without making the row's cells (as startOf). */
  valueIn(cell: CellRole): string | undefined;
}

/** The cells a row's facts name. */
export type CellRole = 'metal' | 'name' | 'country' | 'id';

/** Longest cell compared as a name; longer ones are reported by file-format. */
export const MAX_CELL_LENGTH = 1000;

export interface ShapeProblem {
  message: string;
  start: number;
  end: number;
  /** The row's cells sit one column left or right of their own (core/shift.ts): a block of such rows is one finding. */
  shift?: Pick<Shift, 'by' | 'where'>;
}

/**
 * Per row (by its place in Analysis.rows), what passes over every row read, in typed arrays: such a pass reads
 * no row's facts (in a list of 100k distinct lines, touching each row's facts again costs more than the pass).
 */
export interface ByRow {
  kind: Int32Array;
  lineKind: Int32Array;
  rowHash: Int32Array;
  /** 1: the row has a shape problem. */
  shaped: Uint8Array;
  /** The number of its table (rows come table by table). */
  table: Int32Array;
}

function emptyByRow(n: number): ByRow {
  return {
    kind: new Int32Array(n),
    lineKind: new Int32Array(n),
    rowHash: new Int32Array(n),
    shaped: new Uint8Array(n),
    table: new Int32Array(n),
  };
}

function record(byRow: ByRow, i: number, f: RowFacts, table: number): void {
  byRow.kind[i] = f.kind;
  byRow.lineKind[i] = f.lineKind;
  byRow.rowHash[i] = f.rowHash;
  byRow.shaped[i] = f.shape ? 1 : 0;
  byRow.table[i] = table;
}

/** The typed arrays of these rows, made by a walk over them (an incremental re-lint). */
function byRowOf(rows: readonly RowFacts[]): ByRow {
  const byRow = emptyByRow(rows.length);
  let table: unknown;
  let tableNo = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].row.table !== table) {
      table = rows[i].row.table;
      tableNo++;
    }
    record(byRow, i, rows[i], tableNo);
  }
  return byRow;
}

export interface Analysis {
  rows: RowFacts[];
  /** The rows' kinds, line kinds, hashes, shapes and tables, by row. */
  byRow: ByRow;
  style: CountryStyle;
  /** How the style was chosen, for messages. */
  styleReason: string;
  /** The style was chosen by the user (setting, flag, .cmrlint.json), not read from the document. */
  styleChosen: boolean;
  /** The rows' kinds are the numbers below this (see RowFacts.kind). */
  kindCount: number;
  /** The rows' line kinds are the numbers below this (see RowFacts.lineKind). */
  lineKindCount: number;
  /**
   * Whether a row has a cell with something between its value and its delimiters (spaces, quotes); undefined
   * when not known (an incremental re-lint). cell-spacing reads the rows' lines only when one may.
   */
  spacedCells?: boolean;
}

const PLACEHOLDERS: Array<[RegExp, string]> = [
  [
    /^smelter not (?:yet )?(?:identified|listed|known|disclosed|available|provided)\b/i,
    'the CMRT placeholder for a smelter not identified',
  ],
  [
    /^(?:unknown|n\/?a|na|none|nil|tbd|tba|to be (?:determined|confirmed|advised)|not (?:applicable|available|known|identified|disclosed)|unidentified|various|other|others|see (?:comments?|notes?|below|above)|enter smelter details|-+|\?+|x+|\.+)$/i,
    'not a smelter name',
  ],
  [
    /\b(?:all |100\s*% )?(?:sourced|sourcing|sources?d?) (?:through|from) recycl|\brecycl(?:ed|ing) (?:sources?|materials?|scrap)\b|\bscrap only\b/i,
    'a statement about recycled sources, not a smelter',
  ],
  [/^(?:unknown|unidentified) (?:smelter|refiner)/i, 'not a smelter name'],
];

export function placeholderReason(name: string): string | undefined {
  const t = name.trim();
  for (const [re, why] of PLACEHOLDERS) if (re.test(t)) return why;
  return undefined;
}

/**
 * What suppliers write in a cell they did not fill: "N/A", "NA", "Not Listed", "Not Supplied", "Unknown",
 * "TBD", "-", "/", "0". In an ID cell it means "no ID"; in a country cell "no country" ("NA" there is not
 * Namibia's code).
 */
const NOT_FILLED =
  /^(?:n\/?a|n\.a\.?|na|none|nil|null|unknown|unk|tbd|tba|-+|\/+|\?+|\.+|x|0|no id|no cid|pending|not (?:available|applicable|listed|supplied|provided|known|disclosed|given|found|identified|assigned|yet assigned))$/i;

/** A cell that says it was not filled ("N/A", "Not Supplied", "-", "0"). */
export function isNotFilled(value: string): boolean {
  return NOT_FILLED.test(value.trim());
}

/**
 * An identification cell that says "no ID" ("N/A", "-", "Unknown", "Not Listed", empty), or a spreadsheet's
 * formula error ("#N/A", "#REF!": the template's look-up of the ID failed, as 2.x CMRT exports hold it).
 */
export function isNullId(value: string): boolean {
  const v = value.trim();
  return v === '' || NOT_FILLED.test(v) || FORMULA_ERROR.test(v);
}

/** The data row whose line range contains the offset (binary search: rows are in document order). */
export function rowAt(analysis: Analysis, offset: number): RowFacts | undefined {
  const rows = analysis.rows;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid].row;
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return rows[mid];
  }
  return undefined;
}

/**
 * How many of a row's cells count for comparing rows: trailing empty cells (a row's trailing delimiters) do
 * not. Counted without making the row's cells (see valueAt).
 */
export function usedCount(row: CellRow): number {
  let n = cellCount(row);
  while (n > 0 && valueAt(row, n - 1) === '') n--;
  return n;
}

/** The FNV-1a hash of a cell value's characters. */
function valueHash(v: string): number {
  let c = 0x811c9dc5;
  for (let j = 0; j < v.length; j++) c = Math.imul(c ^ v.charCodeAt(j), 0x01000193);
  return c;
}

/**
 * A 31-bit hash of a row's used cells' values, every character counted (0: no used cell), and a hash of them
 * but for whitespace, left in memo.rowHash and memo.looseRowHash. Each value's hashes are memoised (see Memo.hashesOf): a read shares one string per
 * distinct value, whose hash the map has already, so a row of values seen before is hashed without reading
 * its characters again.
 */
function rowHashesOf(row: Row, memo: Memo): void {
  const n = usedCount(row);
  memo.used = n;
  if (memo.numbers.length < n) memo.numbers = new Int32Array(n * 2);
  let h1 = 0x811c9dc5;
  let h2 = 0x01234567;
  let loose = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  // a stored row's cells are read from its store (see CellStore), their values by the numbers the parse gave
  // them, not by string: no call per cell through the row, no look-up of a string
  const stored = row instanceof StoredRow && !row.cellsMade() && memo.numbering(row.store) ? row : undefined;
  for (let i = 0; i < n; i++) {
    let at: number;
    if (stored) {
      const cell = stored.first + i;
      if (!stored.store.hugged(cell)) memo.spacedCells = true;
      const k = stored.store.number(cell);
      at = k >= 0 ? memo.hashesOfNumber(k, stored.store.value(cell)) : memo.hashesOf(stored.store.value(cell));
    } else {
      // the row is at hand: whether its cells' delimiters hug their values costs little here, a walk over the cells later
      if (!memo.spacedCells && !isHugged(row, i)) memo.spacedCells = true;
      at = memo.hashesOf(valueAt(row, i)!);
    }
    memo.numbers[i] = at;
    const c = memo.exact[at];
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    loose = Math.imul(loose ^ memo.loose[at], 0x01000193);
  }
  // left in the memo, not in an object per row kind; 30 bits, small integers V8 keeps in the row's facts unboxed
  memo.rowHash = n === 0 ? 0 : ((h1 ^ (h2 >>> 7)) >>> 2) | 1;
  memo.looseRowHash = loose >> 2;
}

/**
 * Whether two rows are exact duplicates: the same cell values, character for character, but for whitespace
 * around a cell's value (a cell's value is what lies between its delimiters without it: a trailing space is
 * cell-spacing's to report) and trailing empty cells. Rows that differ inside a value, even only in its inner
 * spacing or case (F & X, F&X), are not: they are row-near-duplicate's, never deleted by fix-all.
 */
export function sameRow(a: RowFacts, b: RowFacts): boolean {
  if (a.rowHash !== b.rowHash) return false;
  const n = usedCount(a.row);
  if (n !== usedCount(b.row)) return false;
  for (let i = 0; i < n; i++) if (valueAt(a.row, i) !== valueAt(b.row, i)) return false;
  return true;
}

/** Exact duplicates: the earlier row each later copy repeats. */
export interface Duplicates {
  of(f: RowFacts): RowFacts | undefined;
  /** The earlier row the row at this place of Analysis.rows repeats (a walk over the rows reads no row for it). */
  at(i: number): RowFacts | undefined;
  has(f: RowFacts): boolean;
}

const duplicateCache = new WeakMap<Analysis, Duplicates>();

/**
 * Whether a row can be an exact duplicate: a row of the table (cells lined up with the header: no shape
 * problem, no empty row) that names a smelter or a placeholder under a real metal. A repeated page footer or
 * stray note inside a table is not a smelter row: table-shape or metal-unknown report it, and fix-all never
 * deletes it. This is the part that rows of a kind share, looked at once per kind: 1 yes, 2 no (0: not yet).
 */
function duplicableKind(f: RowFacts, kind: number, kinds: Uint8Array): boolean {
  let ok = kinds[kind];
  if (ok === 0) kinds[kind] = ok = kindDuplicable(f) ? 1 : 2;
  return ok === 1;
}

/** The part of duplicable that rows of a kind share: no oversized cell, a name, a real metal. */
function kindDuplicable(f: RowFacts): boolean {
  if (f.oversized || !f.valueIn('name')) return false;
  return f.row.table.columns.metal === undefined || !!f.metal;
}

/**
 * Exact duplicate rows (see sameRow) within one table: each later copy mapped to the first row of
 * the same table with its content. Rows of different tables (Annex A and Annex B of one filing) are never
 * duplicates of each other. Computed once per lint, shared by row-duplicate and row-near-duplicate.
 */
export function exactDuplicates(analysis: Analysis): Duplicates {
  let dups = duplicateCache.get(analysis);
  if (!dups) {
    const rows = analysis.rows;
    // walked over the typed arrays of the rows (ByRow): a row's facts are read only when its line is new
    // and it can be a duplicate, and again only when another row has its hash
    const { kind, lineKind, rowHash, shaped, table } = analysis.byRow;
    // by the row's place in the rows: the earlier row it repeats
    const earlier = new Array<RowFacts | undefined>(rows.length);
    // the place of each table's first row: a row's place is its table's first row's plus its index in the table
    const tableStart = new Map<Table, number>();
    // the first row of each line kind (+1): a later row of the line repeats what it repeats, or it
    const firstOfKind = new Int32Array(analysis.lineKindCount);
    // 1: the first row of its line, which can be a duplicate (see duplicable)
    const candidate = new Uint8Array(rows.length);
    const kinds = new Uint8Array(analysis.kindCount);
    for (let i = 0; i < rows.length; i++) {
      if (firstOfKind[lineKind[i]] !== 0) continue;
      firstOfKind[lineKind[i]] = i + 1;
      if (rowHash[i] !== 0 && shaped[i] === 0 && duplicableKind(rows[i], kind[i], kinds)) candidate[i] = 1;
    }
    const shared = sharedHashes(rowHash, candidate);
    const same = (a: number, b: number) => sameRow(rows[a], rows[b]);
    let first = new FirstByHash<number>(0, same);
    for (let i = 0; i < rows.length; i++) {
      // rows come table by table: a new table starts a new comparison
      if (i === 0 || table[i] !== table[i - 1]) {
        const t = rows[i].row.table;
        tableStart.set(t, i);
        first = new FirstByHash<number>(0, same);
      }
      const like = firstOfKind[lineKind[i]] - 1;
      if (like !== i) {
        if (candidate[like] === 1) earlier[i] = earlier[like] ?? rows[like];
        continue;
      }
      // the first row of each content, by its hash, among the rows whose hash another may share
      if (shared[i] === 0) continue;
      const alike = first.firstAlike(i, rowHash[i]);
      if (alike !== undefined) earlier[i] = rows[alike];
    }
    // rows are asked for table by table: the last table's first row kept at hand
    let lastTable: Table | undefined;
    let start = 0;
    const of = (f: RowFacts) => {
      if (f.row.table !== lastTable) start = tableStart.get((lastTable = f.row.table)) ?? -1;
      return start < 0 ? undefined : earlier[start + f.row.index];
    };
    dups = { of, at: (i) => earlier[i], has: (f) => of(f) !== undefined };
    duplicateCache.set(analysis, dups);
  }
  return dups;
}

/** Per-lint memo of the per-cell work: tables repeat metals, countries and smelter names many times. */
class Memo {
  /** Per value, its match or null (none): one look-up per row. */
  private readonly metals = new Map<string, MetalMatch | null>();
  private readonly countryMatches = new Map<string, CountryMatch | null>();
  private readonly names = new Map<string, { loose: string; entity: string; placeholder?: string }>();

  constructor(private readonly countries: CountryTable) {}

  /** The cell tests of a shift (core/shift.ts), through this memo: one object for all rows. */
  readonly tests: CellTests = { metal: (v) => !!this.metal(v), country: (v) => !!this.country(v) };

  metal(v: string): MetalMatch | undefined {
    let m = this.metals.get(v);
    if (m === undefined) this.metals.set(v, (m = resolveMetal(v) ?? null));
    return m ?? undefined;
  }

  country(v: string): CountryMatch | undefined {
    let m = this.countryMatches.get(v);
    if (m === undefined) this.countryMatches.set(v, (m = (isNotFilled(v) ? undefined : this.countries.resolve(v)) ?? null));
    return m ?? undefined;
  }

  private readonly hashes = new Map<string, number>();
  /** The hashes of the row last hashed (rowHashesOf), its used cells, and the number of each used cell's value (see hashesOf). */
  /** Whether a cell hashed so far has something between its value and its delimiters (see Analysis.spacedCells). */
  spacedCells = false;
  rowHash = 0;
  looseRowHash = 0;
  used = 0;
  numbers = new Int32Array(16);
  /** Per value numbered by hashesOf: its hash, every character counted, and its hash but for whitespace. */
  readonly exact: number[] = [0];
  readonly loose: number[] = [0];
  /**
   * Where a value's hashes are in `exact` and `loose`: one look-up for both, memoised but for long values
   * (which seldom repeat: see intern in parse/cells.ts; their hashes are kept at 0, made again each time).
   */
  hashesOf(v: string): number {
    if (v.length > 200) {
      this.exact[0] = valueHash(v);
      this.loose[0] = looseValueHash(v);
      return 0;
    }
    let at = this.hashes.get(v);
    if (at === undefined) {
      this.hashes.set(v, (at = this.exact.length));
      this.exact.push(valueHash(v));
      this.loose.push(looseValueHash(v));
    }
    return at;
  }

  /** The store whose value numbers this memo knows (the first met: a lint reads one), and hashesOf's number of each (0: not yet). */
  private store: CellStore | undefined;
  private byNumber = new Int32Array(1024);

  /** Whether the values of a row of this store are looked up by number (hashesOfNumber). */
  numbering(store: CellStore | undefined): boolean {
    if (store === undefined) return false;
    this.store ??= store;
    return store === this.store;
  }

  /** hashesOf a value whose number in the store is `k` (see numbering). */
  hashesOfNumber(k: number, value: string): number {
    if (k >= this.byNumber.length) {
      const grown = new Int32Array(Math.max(k + 1, this.byNumber.length * 2));
      grown.set(this.byNumber);
      this.byNumber = grown;
    }
    let at = this.byNumber[k];
    if (at === 0) at = this.byNumber[k] = this.hashesOf(value);
    return at;
  }

  private readonly lowered = new Map<string, string>();
  lower(v: string): string {
    let l = this.lowered.get(v);
    if (l === undefined) this.lowered.set(v, (l = v.toLowerCase()));
    return l;
  }

  name(v: string): { loose: string; entity: string; placeholder?: string } {
    let n = this.names.get(v);
    if (!n) {
      n = nameKeys(v);
      if (v) n.placeholder = placeholderReason(v);
      this.names.set(v, n);
    }
    return n;
  }
}

export function analyze(model: FilingModel, countries: CountryTable, styleOption: 'auto' | CountryStyle): Analysis {
  const memo = new Memo(countries);
  let rowCount = 0;
  for (const table of model.tables) rowCount += table.rows.length;
  // made at its length, not grown by push: a list's 100k rows are not copied at each growth
  const rows = new Array<RowFacts>(rowCount);
  let at = 0;
  const kinds = new Kinds(rowCount);
  const byRow = emptyByRow(rowCount);
  // a line kind of the text becomes a line kind of the analysis in each table it is in (tables come one after
  // another: a line met again in a later table is given a new number there); its first row's facts
  const lineIn = new Array<Table | undefined>(model.kindCount);
  const lineFirst = new Array<Facts>(model.kindCount);
  let lineKinds = 0;
  let tableNo = 0;
  for (const table of model.tables) {
    tableNo++;
    // index loops: these run once per lint over every row, mostly before V8 optimises them (no iterator objects)
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r];
      const first = lineIn[row.kind] === table ? lineFirst[row.kind] : undefined;
      if (first) {
        // the same line: the same facts, and a shape problem at the row's own place
        const facts = new Facts(row, first.shared, first.kind, first.lineKind, first.rowHash, first.looseRowHash);
        if (first.shape) facts.shape = shapeOf(table, facts, memo);
        record(byRow, at, facts, tableNo);
        rows[at++] = facts;
        continue;
      }
      const facts = factsOf(table, tableNo, row, memo, kinds, lineKinds++);
      lineIn[row.kind] = table;
      lineFirst[row.kind] = facts;
      record(byRow, at, facts, tableNo);
      rows[at++] = facts;
    }
  }
  return analysisOf(rows, styleOption, kinds.count, lineKinds, memo.spacedCells, byRow);
}

/**
 * The facts of a row whose line is new in its table: those of an earlier row alike in every cell they read (see
 * RowFacts.kind), or its own.
 */
function factsOf(table: Table, tableNo: number, row: Row, memo: Memo, kinds: Kinds, lineKind: number): Facts {
  rowHashesOf(row, memo);
  const oversized = hasOversizedCell(row);
  const shareable = sharing.alikeRows && kinds.keyOf(table, tableNo, row, memo, oversized);
  const known = shareable ? kinds.find() : undefined;
  let facts: Facts;
  if (known) {
    facts = new Facts(row, known, -1, lineKind, memo.rowHash, memo.looseRowHash);
    if (known.shaped || known.ownShapes) facts.shape = shapeOf(table, facts, memo);
  } else {
    facts = ownFacts(table, row, memo, oversized, -1, lineKind);
    if (shareable) kinds.add(facts.shared);
  }
  // rows whose shape problems read cells the kind does not (extra cells, a shift) are apart when one has a problem and another not
  const shared = facts.shared;
  if (facts.shape && shared.ownShapes) {
    if (shared.shapedKind < 0) shared.shapedKind = kinds.count++;
    facts.kind = shared.shapedKind;
  } else {
    if (shared.kind < 0) shared.kind = kinds.count++;
    facts.kind = shared.kind;
  }
  return facts;
}

/** The facts of the row just hashed (rowHashesOf), of a kind of its own: what the kind shares read from it, and its shape problem. */
function ownFacts(table: Table, row: Row, memo: Memo, oversized: boolean, kind: number, lineKind: number): Facts {
  const shared = kindFacts(table, row, memo, oversized);
  const facts = new Facts(row, shared, kind, lineKind, memo.rowHash, memo.looseRowHash);
  facts.shape = shapeOf(table, facts, memo);
  shared.shaped = !!facts.shape;
  shared.ownShapes = memo.used > headerWidth(table) || oddKind(facts);
  return facts;
}

/** Whether a cell of the row is longer than a value can be (such a cell spans the line: a short line has none). */
function hasOversizedCell(row: Row): boolean {
  if (row.end - row.start <= MAX_CELL_LENGTH) return false;
  const n = cellCount(row);
  for (let i = 0; i < n; i++) if (valueAt(row, i)!.length > MAX_CELL_LENGTH) return true;
  return false;
}

/** The columns of a row whose values its facts read (see RowFacts.kind). */
const READ_COLUMNS = ['metal', 'name', 'country', 'id', 'legacyId', 'lookup', 'standard'] as const;
/** A kind's key: the table, the row's cells and used cells, whether one is oversized, and the read columns' values. */
const KEY_WIDTH = 4 + READ_COLUMNS.length;

/**
 * The kinds of the rows, found by what their facts read: flat numeric keys, one per kind, in a first-by-hash
 * table of their numbers (no string or object is made per row: in a list whose lines all differ, every row is
 * looked up).
 */
class Kinds {
  count = 0;
  /** Each kind's key at its entry, and the key made last at the entry after them. */
  private keys = new Int32Array(64 * KEY_WIDTH);
  private readonly facts: KindFacts[] = [];
  private readonly firsts: FirstByHash<number>;
  private hash = 0;
  /** The table whose read columns are at hand, and its read columns' places (-1: the table has none). */
  private table: Table | undefined;
  private readonly columns = new Int32Array(READ_COLUMNS.length);

  constructor(rows: number) {
    // a list has far fewer kinds than rows (a couple of thousand for 100k distinct lines): the table starts
    // small and grows, and stays in the processor's caches
    this.firsts = new FirstByHash<number>(Math.min(rows, 1024), (a, b) => this.sameKeys(a, b));
  }

  /** Makes the key of the row just hashed (rowHashesOf); false when a value is too long to be numbered. */
  keyOf(table: Table, tableNo: number, row: Row, memo: Memo, oversized: boolean): boolean {
    const base = this.facts.length * KEY_WIDTH;
    if (base + KEY_WIDTH > this.keys.length) {
      const grown = new Int32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    const key = this.keys;
    key[base] = tableNo;
    const cells = cellCount(row);
    key[base + 1] = cells;
    key[base + 2] = memo.used;
    key[base + 3] = oversized ? 1 : 0;
    let h = Math.imul(0x811c9dc5 ^ tableNo, 0x01000193);
    h = Math.imul(h ^ cells, 0x01000193);
    h = Math.imul(h ^ memo.used, 0x01000193);
    if (table !== this.table) this.columnsOf(table);
    for (let i = 0; i < READ_COLUMNS.length; i++) {
      const c = this.columns[i];
      const n = c < 0 ? -1 : c < memo.used ? memo.numbers[c] : -2;
      if (n === 0) return false; // a long value: hashed, not numbered (see Memo.hashesOf)
      key[base + 4 + i] = n;
      h = Math.imul(h ^ n, 0x01000193);
    }
    this.hash = h;
    return true;
  }

  /** The table's read columns, looked up once per table rather than by name on every row. */
  private columnsOf(table: Table): void {
    this.table = table;
    for (let i = 0; i < READ_COLUMNS.length; i++) this.columns[i] = table.columns[READ_COLUMNS[i]] ?? -1;
  }

  /** The kind of the key made last; when there is none, the key is kept and `add` must give its kind next. */
  find(): KindFacts | undefined {
    const first = this.firsts.firstAlike(this.facts.length, this.hash);
    return first === undefined ? undefined : this.facts[first];
  }

  /** The kind of the key made last, which `find` did not know. */
  add(facts: KindFacts): void {
    this.facts.push(facts);
  }

  private sameKeys(a: number, b: number): boolean {
    for (let i = 0; i < KEY_WIDTH; i++) if (this.keys[a * KEY_WIDTH + i] !== this.keys[b * KEY_WIDTH + i]) return false;
    return true;
  }
}

/** The cells of the table's header but for its trailing empty ones. */
function headerWidth(table: Table): number {
  let n = table.header.cells.length;
  while (n > 0 && table.header.cells[n - 1].value === '') n--;
  return n;
}

/** The facts of one row (a row read again after an edit: see incremental.ts), of its own kind and line kind. */
export function rowFactsOf(table: Table, row: Row, countries: CountryTable, kind: number, lineKind: number): RowFacts {
  const memo = new Memo(countries);
  rowHashesOf(row, memo);
  return ownFacts(table, row, memo, hasOversizedCell(row), kind, lineKind);
}

/** The analysis of these rows: they and the document's country style. */
export function analysisOf(
  rows: RowFacts[],
  styleOption: 'auto' | CountryStyle,
  kindCount: number,
  lineKindCount: number,
  spacedCells?: boolean,
  byRow: ByRow = byRowOf(rows),
): Analysis {
  let upper = 0;
  let other = 0;
  // the case of each kind's country cell, looked at once per kind: 1 none, 2 lower case letters, 3 upper case only
  const cases = new Uint8Array(kindCount);
  for (let i = 0; i < rows.length; i++) {
    const k = byRow.kind[i];
    let c = cases[k];
    if (c === 0) {
      const f = rows[i];
      const v = f.country ? f.countryCell?.value : undefined;
      cases[k] = c = v === undefined ? 1 : /[a-z]/.test(v) ? 2 : /[A-Z]/.test(v) ? 3 : 1;
    }
    if (c === 2) other++;
    else if (c === 3) upper++;
  }
  let style: CountryStyle;
  let styleReason: string;
  if (styleOption === 'auto') {
    style = upper >= other ? 'cmrt' : 'iso';
    styleReason =
      style === 'cmrt'
        ? `CMRT upper case, which ${upper} of ${upper + other} country cells use`
        : `ISO title case, which ${other} of ${upper + other} country cells use`;
  } else {
    style = styleOption;
    styleReason = style === 'cmrt' ? 'CMRT upper case (setting)' : 'ISO title case (setting)';
  }
  return { rows, byRow, style, styleReason, styleChosen: styleOption !== 'auto', kindCount, lineKindCount, spacedCells };
}

/**
 * The CMRT look-up's choices that are not a smelter: "Smelter not listed" sends the reader to the typed
 * name; "Smelter not yet identified" is a placeholder of its own.
 */
export const NOT_LISTED = /^smelter not listed$/i;

/**
 * The cell naming the row's smelter. In a CMRT Smelter List (and its exports) the smelter is the one picked
 * in the look-up column (RMI's name or alias); the typed name column counts only when the look-up says
 * "Smelter not listed" or is empty.
 */
function smelterNameCell(table: Table, row: Row): Cell | undefined {
  const typed = cellAt(row, table.columns.name);
  const lookup = cellAt(row, table.columns.lookup);
  if (!lookup || lookup.value === '' || NOT_LISTED.test(lookup.value.trim())) return typed ?? lookup;
  return lookup;
}

/**
 * The name that identifies the row's smelter: RMI's standard name of a look-up choice when the table shows it
 * (the aliases of one smelter are one smelter), else the name cell's.
 */
function identityName(table: Table, row: Row, nameCell: Cell | undefined): string {
  const lookup = cellAt(row, table.columns.lookup);
  const standard = cellAt(row, table.columns.standard);
  if (lookup && nameCell === lookup && standard && standard.value !== '' && !NOT_LISTED.test(standard.value.trim())) return standard.value;
  return nameCell?.value ?? '';
}

/** What the rows alike in the cells their facts read share (see RowFacts.kind): every fact but places, shapes and row hashes. */
interface KindFacts {
  /** Where the smelter's name is among the row's cells (-1: nowhere). */
  readonly nameAt: number;
  readonly identityName: string;
  readonly metal?: MetalMatch;
  readonly country?: CountryMatch;
  readonly placeholder?: string;
  readonly oversized: boolean;
  readonly looseName: string;
  readonly entityName: string;
  readonly metalKey: string;
  /** The rows have a shape problem, each at its own place (the first row's, when each row's is its own). */
  shaped: boolean;
  /** Each row's shape problem reads cells the kind does not (extra cells, cells shifted): judged row by row. */
  ownShapes: boolean;
  /**
   * What the shape checks read of the kind's own cells, once for its rows: whether they look odd (see
   * suspicious) and whether they may be shifted (see mayBeShifted); 0 not known yet, 1 no, 2 yes.
   */
  odd: number;
  shiftable: number;
  /** The kind number of the rows, and of those with a shape problem when each row's is its own (-1: none yet). */
  kind: number;
  shapedKind: number;
}

/** A row's facts: its row, kinds, hashes and shape problem, and what its kind's rows share (its cells read from its row). */
class Facts implements RowFacts {
  shape: ShapeProblem | undefined = undefined;

  constructor(
    readonly row: Row,
    readonly shared: KindFacts,
    public kind: number,
    readonly lineKind: number,
    readonly rowHash: number,
    readonly looseRowHash: number,
  ) {}

  get metalCell(): Cell | undefined {
    return cellAt(this.row, this.row.table.columns.metal);
  }
  get nameCell(): Cell | undefined {
    const at = this.shared.nameAt;
    return at < 0 ? undefined : this.row.cells[at];
  }
  get countryCell(): Cell | undefined {
    return cellAt(this.row, this.row.table.columns.country);
  }
  get idCell(): Cell | undefined {
    return cellAt(this.row, this.row.table.columns.id);
  }
  get legacyIdCell(): Cell | undefined {
    return cellAt(this.row, this.row.table.columns.legacyId);
  }
  get lookupCell(): Cell | undefined {
    return cellAt(this.row, this.row.table.columns.lookup);
  }
  get standardCell(): Cell | undefined {
    return cellAt(this.row, this.row.table.columns.standard);
  }
  get nameAt(): number {
    return this.shared.nameAt;
  }
  get identityName(): string {
    return this.shared.identityName;
  }
  get metal(): MetalMatch | undefined {
    return this.shared.metal;
  }
  get country(): CountryMatch | undefined {
    return this.shared.country;
  }
  get placeholder(): string | undefined {
    return this.shared.placeholder;
  }
  get oversized(): boolean {
    return this.shared.oversized;
  }
  get looseName(): string {
    return this.shared.looseName;
  }
  get entityName(): string {
    return this.shared.entityName;
  }
  get metalKey(): string {
    return this.shared.metalKey;
  }
  startOf(cell: CellRole): number {
    return cellStart(this.row, this.columnOf(cell))!;
  }
  endOf(cell: CellRole): number {
    return cellEnd(this.row, this.columnOf(cell))!;
  }
  valueIn(cell: CellRole): string | undefined {
    return valueAt(this.row, this.columnOf(cell));
  }
  private columnOf(cell: CellRole): number {
    return cell === 'name' ? this.shared.nameAt : (this.row.table.columns[cell] ?? -1);
  }
}

/** What the rows alike in the cells read share, read from the first of them. */
function kindFacts(table: Table, row: Row, memo: Memo, oversized: boolean): KindFacts {
  const c = table.columns;
  const metalCell = cellAt(row, c.metal);
  const nameCell = smelterNameCell(table, row);
  const countryCell = cellAt(row, c.country);
  const identity = identityName(table, row, nameCell);
  const name = oversized ? { loose: '', entity: '' } : memo.name(identity);
  const metal = metalCell && !oversized ? memo.metal(metalCell.value) : undefined;
  return {
    nameAt: nameCell ? row.cells.indexOf(nameCell) : -1,
    identityName: identity,
    metal,
    country: countryCell && !oversized ? memo.country(countryCell.value) : undefined,
    placeholder: name.placeholder,
    oversized,
    looseName: name.loose,
    entityName: name.entity,
    metalKey: metal ? metal.info.metal : metalCell ? memo.lower(metalCell.value) : '',
    shaped: false,
    ownShapes: false,
    odd: 0,
    shiftable: 0,
    kind: -1,
    shapedKind: -1,
  };
}

const ROLE_LABEL: Record<string, string> = { metal: 'Metal', name: 'Smelter Name', country: 'Country', id: 'Smelter ID' };
const CID_LIKE = /^cid\s*\d+$/i;

/** Cheap test for the shifted-cell checks below: most rows are fine and skip them. */
function suspicious(f: RowFacts): boolean {
  if (f.valueIn('metal') && !f.metal) return true;
  const name = f.valueIn('name');
  if (name !== undefined && name.length <= 9) return true;
  const country = f.valueIn('country');
  if (country !== undefined && !f.country && /^cid/i.test(country)) return true;
  const id = f.valueIn('id');
  return !!id && !/\d/.test(id);
}

/** Whether the cells of the row's kind look odd (see suspicious), found once for the kind. */
function oddKind(f: Facts): boolean {
  const kind = f.shared;
  if (kind.odd === 0) kind.odd = suspicious(f) ? 2 : 1;
  return kind.odd === 2;
}

/** Whether the cells of the row's kind may be shifted (see mayBeShifted: it reads the kind's own cells), found once for the kind. */
function shiftableKind(table: Table, f: Facts, memo: Memo): boolean {
  const kind = f.shared;
  if (kind.shiftable === 0) kind.shiftable = mayBeShifted(table, f.row, memo.tests) ? 2 : 1;
  return kind.shiftable === 2;
}

/** A cell of the row, outside the metal column, that names a metal. */
function metalElsewhere(row: Row, metalColumn: number | undefined, memo: Memo): number {
  const n = cellCount(row);
  for (let i = 0; i < n; i++) {
    const v = valueAt(row, i)!;
    if (i !== metalColumn && v && memo.metal(v)?.kind === 'name') return i;
  }
  return -1;
}

/** A row whose cell (at its place `at`) holds what another column should, and what it looks like. */
function shifted(table: Table, row: Row, at: number, looksLike: string): ShapeProblem {
  const c = table.columns;
  const label = ROLE_LABEL[Object.keys(c).find((k) => (c as Record<string, number>)[k] === at) ?? ''] ?? `column ${at + 1}`;
  return {
    message: `Cells appear shifted: ${quote(valueAt(row, at)!, 60)} looks like ${looksLike} but is in the ${label} column.`,
    start: row.start,
    end: row.end,
  };
}

/** Rows whose cells do not line up with the header: missing, extra, or shifted into other columns. */
function shapeOf(table: Table, f: Facts, memo: Memo): ShapeProblem | undefined {
  const row = f.row;
  const headerCount = headerWidth(table);
  // read without making the row's cells (see cellCount): rows of a kind whose shapes are their own are each
  // asked; what reads only the kind's own cells is found once for the kind
  const used = usedCount(row);
  const odd = oddKind(f);
  const shift = (used > headerCount || odd) && shiftableKind(table, f, memo) ? shiftOf(table, row, memo.tests) : undefined;
  if (shift) return { message: shift.message, start: row.start, end: row.end, shift: { by: shift.by, where: shift.where } };
  if (used > headerCount) {
    const extra = row.cells.slice(headerCount, used).filter((c) => c.value !== '');
    return {
      message: `Row has ${used} cells; the header has ${headerCount}. Extra: ${extra.map((c) => quote(c.value, 60)).join(', ')}. A delimiter inside a value, or cells shifted right?`,
      start: row.cells[headerCount].rawStart,
      end: row.end,
    };
  }
  const widest = Math.max(table.columns.metal ?? -1, table.columns.name ?? -1, table.columns.country ?? -1, table.columns.id ?? -1);
  const count = cellCount(row);
  const missing =
    widest < count
      ? undefined
      : (['metal', 'name', 'country', 'id'] as const).filter((r) => table.columns[r] !== undefined && table.columns[r] >= count);
  if (missing && missing.length > 0) {
    return {
      message: `Row has ${count} cell${count === 1 ? '' : 's'}; the header has ${headerCount}: no ${missing.map((r) => ROLE_LABEL[r]).join(', ')} cell.`,
      start: row.start,
      end: row.end,
    };
  }
  if (!odd) return undefined;
  const c = table.columns;
  const name = f.valueIn('name');
  const country = f.valueIn('country');
  const id = f.valueIn('id');
  if (f.valueIn('metal') && !f.metal) {
    const elsewhere = metalElsewhere(row, c.metal, memo);
    if (elsewhere >= 0) return shifted(table, row, elsewhere, 'a metal');
  }
  if (name !== undefined && name.length <= 8 && memo.metal(name)?.kind === 'name') return shifted(table, row, f.nameAt, 'a metal');
  if (country !== undefined && CID_LIKE.test(country)) return shifted(table, row, c.country!, 'a smelter ID');
  if (name !== undefined && CID_LIKE.test(name)) return shifted(table, row, f.nameAt, 'a smelter ID');
  if (id && !/\d/.test(id)) {
    const m = memo.country(id);
    if (m && m.kind !== 'alias') return shifted(table, row, c.id!, 'a country');
  }
  if (name === '' && usedCount(row) > 0) {
    // a CMRT list: the smelter is chosen in the look-up, or typed after choosing "Smelter not listed"
    const lookup = cellAt(row, table.columns.lookup);
    if (lookup && NOT_LISTED.test(lookup.value.trim())) {
      return {
        message: '"Smelter not listed" is chosen, but no Smelter Name is typed: the template requires the name (and the country).',
        start: f.startOf('name'),
        end: f.endOf('name'),
      };
    }
    if (lookup && lookup.value === '') {
      return {
        message:
          'No smelter: choose one in the Smelter Look-up, or "Smelter not listed" and type its name, or "Smelter not yet identified".',
        start: lookup.start,
        end: lookup.end,
      };
    }
    return { message: 'Row has no smelter name.', start: row.start, end: row.end };
  }
  return undefined;
}
