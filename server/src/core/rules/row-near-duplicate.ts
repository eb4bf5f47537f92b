import type { Rule, RuleContext } from '../rule';
import { cellCount, storeOf, valueAt, valueNumber, type CellStore } from '../parse/cells';
import type { Row } from '../parse/document';
import { Duplicates, exactDuplicates, NOT_LISTED, RowFacts, sameRow, usedCount } from '../analysis';
import { formsAgree, rowCid, sameSmelterNames } from '../identity/rows';
import { sharing } from '../sharing';
import { FirstByHash, sharedHashes } from '../first-by-hash';
import { differingChars, looseEqual, withinOneEdit } from '../normalize';
import { countryKey, deleteRowEdit, isSmelterRow, KeyMap4, lineOf, quote, replaceCell } from './util';
import { SupplierColumn, supplierColumn, supplierIn, supplierPrefix } from '../supplier';

/** Shortest name key that one-letter typo matching applies to; shorter names differ by design (MSC, RBT). */
const MIN_TYPO_LENGTH = 8;
/** Longest name key that typo matching applies to (its cost is linear in the length). */
const MAX_TYPO_LENGTH = 200;

export const rowNearDuplicate: Rule = {
  id: 'row-near-duplicate',
  description:
    'The same metal and smelter as an earlier row under another spelling (case, punctuation, accents, spacing, legal form, one-letter typo) or another of its RMI names.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['duplicates'],
  docs: `## What it catches
Two rows with the same metal and the same smelter written differently: case, punctuation, accents or spacing
(\`Mineração Taboca S.A.\` / \`Mineracao Taboca S.A.\`), legal form (\`Co. Ltd\` / \`Co., Ltd.\`, \`Dragon Silver
Holdings\` / \`Dragon Silver Holdings Limited\`), a trailing acronym (\`PT Sukses Inti Makmur (SIM)\`), or a
one-letter typo (\`GGC\` / \`GCC Gujrat Gold Centre\`).

A smelter is a CID and a metal: two rows of one CID and metal are one smelter listed twice whatever RMI name
each uses (\`H.C. Starck Co., Ltd.\` and \`TANIOBIS Co., Ltd.\`, the old and new names of CID002544), and a
row without a CID is the smelter its name or alias names in the reference.

Two CIDs are two smelters whatever their names, and so are the reference's smelters two names name. Distinct
legal entities of one brand are not duplicates: in different countries (H.C. Starck Co., Ltd. in Thailand,
H.C. Starck Inc. in the USA), or with legal forms of different legal systems (\`TANIOBIS GmbH\`, \`TANIOBIS Co.,
Ltd.\`); nor are names that differ in a number (\`Unit 1\` / \`Unit 2\`).

## Why it matters
The same smelter listed twice inflates the smelter count the report states, and the spellings disagree with
RMI's standard name in at least one place.

## Example
\`\`\`
Tin	Mineracao Taboca S.A.	BRAZIL
Tin	Mineração Taboca S.A.	BRAZIL
Tin	Mineracao Taboca SA	BRAZIL
\`\`\`

## Fix
Keep one row, with RMI's standard name; the quick fix aligns the later spelling with the first, or deletes
the row of a smelter listed twice under two of its names.`,
  check(ctx) {
    const search = searchOf(ctx, exactDuplicates(ctx.analysis));
    const reported = reportNearNames(search);
    // in a CMRT workbook one smelter on several rows is cmrt-repeated-smelter's
    if (!ctx.workbook) reportListedTwice(search, reported);
  },
};

/**
 * What the searches of one lint share: the rows compared, each row's group, names, smelter and spelling
 * numbered. Rows are numbered by their place among the rows compared (document order), and what the searches
 * keep per row, per group or per (group, name) is in typed arrays: a list whose lines differ has ~100k rows in
 * a few thousand groups, and a Map or Set per group or per row is most of the cost. Nor do the searches read a
 * row's facts again but for the rows they report: a pass over 100k rows' objects costs more than the search.
 */
interface Search {
  ctx: RuleContext;
  /** The rows compared: smelter rows with a name, but for exact duplicates (row-duplicate's), in document order. */
  rows: ComparedRows;
  /** How many groups (supplier and metal: see Groups) there are: a row's is ComparedRows.group. */
  groupCount: number;
  /** The rows group by group, in document order within each: group g's are byGroup[groupStarts[g]..groupStarts[g + 1]). */
  byGroup: Int32Array;
  groupStarts: Int32Array;
  /** The number of each row's (group, entity name): rows of one key are spellings of one name in one group. */
  rowKeys: Int32Array;
  /** The group and the name number of each key. */
  keys: Keys;
  /** The entity names, by number. */
  names: readonly string[];
  /** The CIDs of the rows' smelters, by number (see ComparedRows.cid). */
  cidValues: readonly string[];
}

/**
 * What the searches read of a row, numbered: the same for rows alike in metal, name, country and ID, so made
 * once per class of them (ctx.memo).
 */
interface RowNumbers {
  /** A smelter row with a name (see isSmelterRow): one the searches compare. */
  compared: boolean;
  /** The numbers of its metal key, entity name, name cell and loose name. */
  metal: number;
  name: number;
  cellName: number;
  loose: number;
  /** The CID of the smelter the row means (see rowCid), -1: none. */
  cid: number;
  /** The row's spelling: its country (see countryKey), name and ID. */
  spelling: number;
  /** The row's name is a look-up's choice beside RMI's standard name (see isLookupChoice). */
  lookupChoice: boolean;
}

const NOT_COMPARED: RowNumbers = {
  compared: false,
  metal: -1,
  name: -1,
  cellName: -1,
  loose: -1,
  cid: -1,
  spelling: -1,
  lookupChoice: false,
};

/**
 * The rows compared and their numbers, each in a typed array by the row's place among them (see Search): what
 * the searches read of a row, made in one pass over the rows.
 */
class ComparedRows {
  count = 0;
  /** How many spellings and classes of alike rows there are (their numbers are below). */
  spellingCount = 0;
  alikeCount = 0;
  /** The row's place in Analysis.rows. */
  readonly at: Int32Array;
  /** Its group (see Groups). */
  readonly group: Int32Array;
  /** See RowNumbers. */
  readonly name: Int32Array;
  readonly cellName: Int32Array;
  readonly loose: Int32Array;
  readonly cid: Int32Array;
  readonly spelling: Int32Array;
  readonly lookupChoice: Uint8Array;
  /** Rows alike in all the anchor search reads (metal, name, ID, country) have one number (see ctx.classOf). */
  readonly alike: Int32Array;
  /** The row's hash of its content but for spacing (RowFacts.looseRowHash). */
  readonly hash: Int32Array;

  constructor(
    /** Analysis.rows. */
    readonly all: readonly RowFacts[],
  ) {
    const n = all.length;
    this.at = new Int32Array(n);
    this.group = new Int32Array(n);
    this.name = new Int32Array(n);
    this.cellName = new Int32Array(n);
    this.loose = new Int32Array(n);
    this.cid = new Int32Array(n);
    this.spelling = new Int32Array(n);
    this.lookupChoice = new Uint8Array(n);
    this.alike = new Int32Array(n);
    this.hash = new Int32Array(n);
  }

  add(i: number, f: RowFacts, n: RowNumbers, group: number, alike: number): void {
    const at = this.count++;
    this.at[at] = i;
    this.group[at] = group;
    this.name[at] = n.name;
    this.cellName[at] = n.cellName;
    this.loose[at] = n.loose;
    this.cid[at] = n.cid;
    this.spelling[at] = n.spelling;
    this.lookupChoice[at] = n.lookupChoice ? 1 : 0;
    this.alike[at] = alike;
    this.hash[at] = f.looseRowHash;
    this.spellingCount = Math.max(this.spellingCount, n.spelling + 1);
    this.alikeCount = Math.max(this.alikeCount, alike + 1);
  }

  /** The facts of the row at this place (read for the rows compared with an earlier one, and reported). */
  facts(at: number): RowFacts {
    return this.all[this.at[at]];
  }
}

/** The rows compared, their groups and keys, and how their smelters are found; rows alike but for spacing are reported. */
function searchOf(ctx: RuleContext, duplicates: Duplicates): Search {
  const names = new ValueNumbers();
  const cids = new ValueNumbers();
  const groups = new Groups();
  const rows = comparedRows(ctx, duplicates, groups, rowNumbers(ctx, names, cids));
  reportAlikeRows(ctx, rows);
  const { byGroup, groupStarts } = rowsByGroup(rows.group, rows.count, groups.count);
  const firsts = firstsInGroups(byGroup, groupStarts, rows.name, names.values.length);
  const { rowKeys, keys } = keysOf(byGroup, groupStarts, firsts, rows.name);
  return {
    ctx,
    rows,
    groupCount: groups.count,
    byGroup,
    groupStarts,
    rowKeys,
    keys,
    names: names.values,
    cidValues: cids.values,
  };
}

/**
 * The numbers of a row (see RowNumbers), made once per class of rows alike in the cells they read: its smelter
 * (rowCid reads its ID, metal and names) is found once per class too.
 */
function rowNumbers(ctx: RuleContext, names: ValueNumbers, cids: ValueNumbers): (f: RowFacts) => RowNumbers {
  const metals = new ValueNumbers();
  const cellNames = new ValueNumbers();
  const looseNames = new ValueNumbers();
  const spellings = new Spellings();
  return ctx.memo(['metal', 'name', 'id', 'country'], (f): RowNumbers => {
    // the values numbered only for the rows compared: their numbers follow the order they are met in
    if (!isSmelterRow(f) || f.entityName === '') return NOT_COMPARED;
    const name = f.valueIn('name')!;
    const cid = rowCid(ctx.reference, f);
    return {
      compared: true,
      metal: metals.of(f.metalKey),
      name: names.of(f.entityName),
      cellName: cellNames.of(name),
      loose: looseNames.of(f.looseName),
      cid: cid === undefined ? -1 : cids.of(cid),
      spelling: spellings.of(countryKey(f), name, f.valueIn('id') ?? '', '\u0000'),
      lookupChoice: isLookupChoice(f),
    };
  });
}

/**
 * The rows compared: smelter rows with a name. An exact duplicate is row-duplicate's: only the first of
 * identical rows is compared (a merged list's repeats then cost nothing here, and what is kept per row is as
 * long as the rows compared). A row's exact duplicate and shape are read from typed arrays by its place; its
 * facts, once, for its numbers, group and hash.
 */
function comparedRows(ctx: RuleContext, duplicates: Duplicates, groups: Groups, numbers: (f: RowFacts) => RowNumbers): ComparedRows {
  const all = ctx.analysis.rows;
  const shaped = ctx.analysis.byRow.shaped;
  const alike = ctx.classOf(['metal', 'name', 'id', 'country']);
  const rows = new ComparedRows(all);
  // an indexed loop: a for-of over 100k rows allocates an iterator result per row until it is optimised
  for (let i = 0; i < all.length; i++) {
    if (shaped[i] === 1 || duplicates.at(i) !== undefined) continue; // a shaped row is no smelter row
    const f = all[i];
    const n = numbers(f);
    if (n.compared) rows.add(i, f, n, groups.of(f, n.metal), alike(f));
  }
  return rows;
}

/**
 * The rows of each group, in document order within it (a counting sort by group); rows of group -1 (none) are
 * left out. Group g's rows are byGroup[groupStarts[g]..groupStarts[g + 1]).
 */
function rowsByGroup(rowGroups: Int32Array, rows: number, groupCount: number): { byGroup: Int32Array; groupStarts: Int32Array } {
  const groupStarts = new Int32Array(groupCount + 1);
  for (let at = 0; at < rows; at++) if (rowGroups[at] >= 0) groupStarts[rowGroups[at] + 1]++;
  for (let g = 0; g < groupCount; g++) groupStarts[g + 1] += groupStarts[g];
  const next = groupStarts.slice(0, groupCount);
  const byGroup = new Int32Array(groupStarts[groupCount]);
  for (let at = 0; at < rows; at++) if (rowGroups[at] >= 0) byGroup[next[rowGroups[at]]++] = at;
  return { byGroup, groupStarts };
}

/**
 * Per row, the first row of its group with the same value (values: numbers below `count`, or -1 for none:
 * then -1). The rows are walked group by group, and a value met is stamped with the group it was met in, so
 * no table of (group, value) pairs is made: a list whose lines differ has ~100k such pairs, and a hash table
 * of them costs a cache miss or two per row.
 */
function firstsInGroups(byGroup: Int32Array, groupStarts: Int32Array, values: Int32Array, count: number): Int32Array {
  const stamps = new Int32Array(count); // per value: the group it was last met in + 1
  const firstOf = new Int32Array(count); // per value: its first row in that group
  const firsts = new Int32Array(byGroup.length);
  for (let g = 0; g + 1 < groupStarts.length; g++) {
    for (let i = groupStarts[g]; i < groupStarts[g + 1]; i++) {
      const at = byGroup[i];
      const v = values[at];
      if (v < 0) {
        firsts[at] = -1;
        continue;
      }
      if (stamps[v] !== g + 1) {
        stamps[v] = g + 1;
        firstOf[v] = at;
      }
      firsts[at] = firstOf[v];
    }
  }
  return firsts;
}

/** The (group, name) keys: numbered group by group, in the order first met within each. */
class Keys {
  count = 0;

  constructor(
    private readonly groups: Int32Array,
    private readonly names: Int32Array,
  ) {}

  add(group: number, name: number): number {
    this.groups[this.count] = group;
    this.names[this.count] = name;
    return this.count++;
  }

  /** A key's group. */
  first(k: number): number {
    return this.groups[k];
  }

  /** A key's name number. */
  second(k: number): number {
    return this.names[k];
  }
}

/** Each row's key, given the first row of each row's group and name. */
function keysOf(
  byGroup: Int32Array,
  groupStarts: Int32Array,
  firsts: Int32Array,
  rowNames: Int32Array,
): { rowKeys: Int32Array; keys: Keys } {
  const rowKeys = new Int32Array(byGroup.length);
  const keys = new Keys(new Int32Array(byGroup.length), new Int32Array(byGroup.length));
  for (let g = 0; g + 1 < groupStarts.length; g++) {
    for (let i = groupStarts[g]; i < groupStarts[g + 1]; i++) {
      const at = byGroup[i];
      // the first row of a name in its group comes first in the walk
      rowKeys[at] = firsts[at] === at ? keys.add(g, rowNames[at]) : rowKeys[firsts[at]];
    }
  }
  return { rowKeys, keys };
}

/** A number for each distinct string, in the order first met, and the string of each number. */
class ValueNumbers {
  private readonly numbers = new Map<string, number>();
  readonly values: string[] = [];

  of(v: string): number {
    let n = this.numbers.get(v);
    if (n === undefined) {
      this.numbers.set(v, (n = this.values.length));
      this.values.push(v);
    }
    return n;
  }
}

/**
 * Dense numbers for pairs of numbers (a supplier and a metal, a cluster and a spelling), in the order first
 * met. Hand-written open addressing over typed arrays: a list whose lines differ has thousands of clusters,
 * and a Map or Set per cluster costs a table and an entry per pair, a key string per row a string to make
 * and hash.
 */
class PairNumbers {
  /** A pair's number + 1 (0: an empty slot). */
  private slots: Int32Array;
  /** The pair of each number. */
  private firsts: Int32Array;
  private seconds: Int32Array;
  count = 0;

  /** Sized for `capacity` distinct pairs; past them it grows. */
  constructor(capacity: number) {
    capacity = Math.max(capacity, 8);
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
  }

  of(a: number, b: number): number {
    const mask = this.slots.length - 1;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const at = this.slots[slot];
      if (at === 0) return this.add(a, b, slot);
      if (this.firsts[at - 1] === a && this.seconds[at - 1] === b) return at - 1;
    }
  }

  private add(a: number, b: number, slot: number): number {
    const n = this.count++;
    if (n === this.firsts.length) this.grow();
    this.firsts[n] = a;
    this.seconds[n] = b;
    if (this.count * 2 <= this.slots.length) this.slots[slot] = n + 1;
    else this.rehash(); // places the new pair too
    return n;
  }

  private grow(): void {
    const firsts = new Int32Array(this.firsts.length * 2);
    const seconds = new Int32Array(this.seconds.length * 2);
    firsts.set(this.firsts);
    seconds.set(this.seconds);
    this.firsts = firsts;
    this.seconds = seconds;
  }

  /** Twice the slots: at most half of them filled, probes stay short. */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let n = 0; n < this.count; n++) {
      let slot = slotOf(this.firsts[n], this.seconds[n], mask);
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = n + 1;
    }
  }
}

/** The first slot of a pair in a table of mask + 1 slots. */
function slotOf(a: number, b: number, mask: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) & mask;
}

/**
 * A number for each distinct tuple of four values, for the lint (a row's spelling: see Search.spelling), made
 * once per class of rows: a key map four deep, not a key string joined.
 */
class Spellings {
  private readonly numbers = new KeyMap4<number>();
  private count = 0;

  of(a: string, b: string, c: string, d: string): number {
    let n = this.numbers.get(a, b, c, d);
    if (n === undefined) this.numbers.set(a, b, c, d, (n = this.count++));
    return n;
  }
}

/**
 * The groups of rows that are compared with each other, numbered: one metal of one supplier (in a consolidated
 * list, rows of different suppliers are never duplicates of each other). A merged list has a few hundred
 * suppliers and four metals over its many rows: a supplier's prefix is made once per supplier value, not once
 * per row, and a group is a pair of numbers.
 */
class Groups {
  /** Per supplier cell value (undefined: the table has no supplier column), the number of its prefix. */
  private readonly bySupplier = new Map<string | undefined, number>();
  /** Supplier values of one prefix are one supplier (see supplierPrefix). */
  private readonly prefixes = new ValueNumbers();
  /** Grown with the groups: a merged list has a few thousand over its many rows. */
  private readonly pairs = new PairNumbers(64);

  /** The table of the row grouped last, and its supplier column. */
  private table: unknown;
  private column: SupplierColumn | undefined;
  /**
   * Per number of a supplier value in the rows' store (see valueNumber), its prefix's number + 1 (0: not yet):
   * a merged list's rows are grouped by an array look-up, not a string's (the first store met: a lint reads one).
   */
  private store: CellStore | undefined;
  private byNumber = new Int32Array(0);

  get count(): number {
    return this.pairs.count;
  }

  /** The group of a row, given the number of its metal key. */
  of(f: RowFacts, metal: number): number {
    if (f.row.table !== this.table) this.column = supplierColumn((this.table = f.row.table));
    const k = this.column ? this.numberOf(f.row, this.column.column) : -1;
    let prefix = k >= 0 ? this.byNumber[k] - 1 : -1;
    if (prefix < 0) {
      const supplier = supplierIn(f.row, this.column);
      let known = this.bySupplier.get(supplier);
      if (known === undefined) this.bySupplier.set(supplier, (known = this.prefixes.of(supplierPrefix(f.row))));
      prefix = known;
      if (k >= 0) this.byNumber[k] = prefix + 1;
    }
    return this.pairs.of(prefix, metal);
  }

  /** The number of the row's supplier value in the store this grouping reads by number (-1: none). */
  private numberOf(row: Row, column: number): number {
    const store = storeOf(row);
    if (store === undefined || (this.store ??= store) !== store) return -1;
    const k = valueNumber(row, column);
    if (k >= this.byNumber.length) {
      const grown = new Int32Array(Math.max(k + 1, this.byNumber.length * 2, 256));
      grown.set(this.byNumber);
      this.byNumber = grown;
    }
    return k;
  }
}

/**
 * Rows whose names are spellings of an earlier row's name (case, accents, legal form, a one-letter typo), of the
 * same metal and country, and not of two smelters (two CIDs, or two reference smelters). Returns the rows
 * reported (1 at a row's place in search.rows).
 */
function reportNearNames(search: Search): Uint8Array {
  const { rows, rowKeys, keys, names } = search;
  const reported = new Uint8Array(rows.count);
  // 1. the rows of each key (rows of one identity name, metal and supplier)
  const sizes = new Int32Array(keys.count);
  for (let at = 0; at < rows.count; at++) sizes[rowKeys[at]]++;
  // 2. join keys whose names are one typo apart (masked-word variants: linear, not pairwise)
  const parent = new Int32Array(keys.count);
  for (let k = 0; k < keys.count; k++) parent[k] = k;
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // whether two names are one typo apart, judged once per pair of names: they meet in many groups
  const typos = new PairVerdicts();
  forEachCandidatePair(keys, search.groupCount, names, (a, b) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const na = Math.min(keys.second(a), keys.second(b));
    const nb = Math.max(keys.second(a), keys.second(b));
    if (!typos.of(na, nb, oneTypoApart, names[na], names[nb])) return;
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
  });
  // 3. each row of a key of several rows, or of a key joined with another, is in the cluster of its root
  const joined = new Uint8Array(keys.count); // 1: the root of other keys
  for (let k = 0; k < keys.count; k++) if (find(k) !== k) joined[find(k)] = 1;
  // 4. within a cluster, compare each row with the earlier spellings of the same country, the rows taken in
  //    document order. Anchors are kept per distinct spelling, so a cluster of many identical rows costs
  //    linear time.
  const clusterOf = new Int32Array(rows.count);
  for (let at = 0; at < rows.count; at++) {
    const key = rowKeys[at];
    const root = (clusterOf[at] = find(key));
    if (sizes[key] === 1 && root === key && joined[key] === 0) clusterOf[at] = -1; // a lone row: nothing to compare
  }
  const anchors = new AnchorSearch(search).anchorsOf(clusterOf);
  for (let at = 0; at < rows.count; at++) {
    const found = anchors[at];
    // the same name: the rows differ elsewhere; two choices of a look-up with RMI's standard name beside them
    // are RMI's own spellings (aliases), not a supplier's misspelling
    if (found < 0 || rows.cellName[found] === rows.cellName[at] || (rows.lookupChoice[found] === 1 && rows.lookupChoice[at] === 1))
      continue;
    reported[at] = 1;
    reportNearName(search.ctx, rows.facts(found), rows.facts(at));
  }
  return reported;
}

/** Reports a row whose name is another spelling of its anchor's, with the fix that writes the anchor's. */
function reportNearName(ctx: RuleContext, anchor: RowFacts, f: RowFacts): void {
  const name = f.valueIn('name')!;
  const first = anchor.valueIn('name')!;
  ctx.report({
    start: f.startOf('name'),
    end: f.endOf('name'),
    message: `${quote(name)} looks like the same ${f.metalKey.toLowerCase()} smelter as ${quote(first)} on line ${lineOf(anchor.row)}${describe(anchor, f)}.`,
    related: [{ start: anchor.startOf('name'), end: anchor.endOf('name'), message: 'first spelling' }],
    fixes: () => [replaceCell(f.nameCell!, first, `Change to '${first}' (line ${lineOf(anchor.row)})`, true)],
  });
}

/**
 * A verdict on each pair of numbers, judged once (two names, two classes of rows: the rows of a list whose lines
 * differ pair the same few thousand again and again): the pair's number (PairNumbers) and a byte.
 */
class PairVerdicts {
  private readonly pairs = new PairNumbers(64);
  /** Per pair: 1 true, 2 false (0: not judged yet). */
  private verdicts = new Uint8Array(64);

  /** The verdict on the pair (a, b): judge(x, y) the first time it is asked for. */
  of<T>(a: number, b: number, judge: (x: T, y: T) => boolean, x: T, y: T): boolean {
    const pair = this.pairs.of(a, b);
    if (pair === this.verdicts.length) {
      const verdicts = new Uint8Array(pair * 2);
      verdicts.set(this.verdicts);
      this.verdicts = verdicts;
    }
    if (this.verdicts[pair] === 0) this.verdicts[pair] = judge(x, y) ? 1 : 2;
    return this.verdicts[pair] === 1;
  }
}

/**
 * The search of each cluster's rows (taken in document order) for the earlier spelling each row repeats,
 * cluster by cluster (the clusters are independent): what it keeps of the cluster searched is stamped with it,
 * in typed arrays by spelling and by class of alike rows, so nothing is kept per cluster. A list whose lines
 * differ has ~14k clusters of two rows, and a list, a set and a map per cluster cost more than the search, a
 * table of (cluster, spelling) pairs a cache miss or two per row.
 */
class AnchorSearch {
  /** The cluster searched, + 1: the stamp of what is known of it. */
  private stamp = 0;
  /** The cluster's anchors (rows of a spelling new to it: a later spelling may be closer to one than to the first), in the order they came. */
  private readonly anchors: Int32Array;
  private anchorCount = 0;
  /** Per spelling (country, name, ID: see RowNumbers.spelling), the cluster it has an anchor in. */
  private readonly spellings: Int32Array;
  /**
   * Rows alike in all the search reads (the name, ID and country cells, the name keys) find the same anchor:
   * per class of alike rows (see ComparedRows.alike), the cluster it was searched in, the row found by its
   * loose name + 2 or 1 (none) when the first such row became an anchor itself and found no other, and the
   * entity name number of the row that searched.
   */
  private readonly searched: Int32Array;
  private readonly found: Int32Array;
  private readonly foundName: Int32Array;
  /** Whether an anchor and a later row may be one smelter by their countries and legal forms. */
  private readonly agreements: Agreements;

  constructor(private readonly search: Search) {
    const { rows } = search;
    this.anchors = new Int32Array(rows.count);
    this.spellings = new Int32Array(rows.spellingCount);
    this.searched = new Int32Array(rows.alikeCount);
    this.found = new Int32Array(rows.alikeCount);
    this.foundName = new Int32Array(rows.alikeCount);
    this.agreements = new Agreements(rows);
  }

  /** Per row, the earlier row (by its place) it is compared with, -1 if none, given its cluster (-1: none). */
  anchorsOf(clusterOf: Int32Array): Int32Array {
    const found = new Int32Array(clusterOf.length).fill(-1);
    // the rows cluster by cluster, in document order within each (clusters are numbered as keys)
    const { byGroup: byCluster, groupStarts: starts } = rowsByGroup(clusterOf, clusterOf.length, this.search.keys.count);
    for (let k = 0; k < this.search.keys.count; k++) {
      if (starts[k] === starts[k + 1]) continue;
      this.stamp = k + 1;
      this.anchorCount = 0;
      for (let i = starts[k]; i < starts[k + 1]; i++) found[byCluster[i]] = this.anchorOf(byCluster[i]);
    }
    return found;
  }

  /** The earlier row (by its place) of the cluster searched that this row is compared with, -1 if none; the row becomes an anchor when its spelling is new. */
  private anchorOf(at: number): number {
    const { rows } = this.search;
    const { stamp } = this;
    const name = rows.name[at];
    const alike = rows.alike[at];
    if (this.searched[alike] === stamp && this.foundName[alike] === name && sharing.alikeRows) return this.found[alike] - 2;
    // the earlier spelling it is compared with: of the same country, without another CID; one of the same
    // loose name first, else of the same entity name, else the first
    let sameLoose = -1;
    let sameEntity = -1;
    let firstCandidate = -1;
    for (let i = 0; i < this.anchorCount; i++) {
      const a = this.anchors[i];
      if (otherCids(rows, a, at) || !this.agreements.agree(a, at)) continue;
      if (firstCandidate < 0) firstCandidate = a;
      if (rows.loose[a] === rows.loose[at]) {
        sameLoose = a;
        break;
      }
      if (sameEntity < 0 && rows.name[a] === name) sameEntity = a;
    }
    const added = this.spellings[rows.spelling[at]] !== stamp;
    if (added) {
      this.spellings[rows.spelling[at]] = stamp;
      this.anchors[this.anchorCount++] = at;
    }
    // a later row alike finds the same row by its loose name; or, when this row became an anchor without
    // one, this row (the same name: nothing to report)
    if (sameLoose >= 0 || added) {
      this.searched[alike] = stamp;
      this.found[alike] = sameLoose + 2;
      this.foundName[alike] = name;
    }
    return sameLoose >= 0 ? sameLoose : sameEntity >= 0 ? sameEntity : firstCandidate;
  }
}

/**
 * Whether rows (by their places) may be one smelter by their countries and legal forms (see sameCountry,
 * formsAgree): judged once per pair of classes of rows alike in the cells these read (ComparedRows.alike),
 * and for every pair of rows when rows are not shared.
 */
class Agreements {
  private readonly verdicts = new PairVerdicts();

  constructor(private readonly rows: ComparedRows) {}

  agree(a: number, b: number): boolean {
    const { rows } = this;
    if (!sharing.alikeRows) return agreeing(rows.facts(a), rows.facts(b));
    return this.verdicts.of(rows.alike[a], rows.alike[b], agreeing, rows.facts(a), rows.facts(b));
  }
}

function agreeing(a: RowFacts, b: RowFacts): boolean {
  return sameCountry(a, b) && formsAgree(a, b);
}

/**
 * Rows of one smelter under two of its names: the same CID and metal (a CID on the row, or the reference
 * smelter its name names), where the names are the smelter's RMI names or spellings of one name, and the
 * countries agree. Rows the name search reported, and rows whose names or countries disagree (cid-duplicate's,
 * cid-mismatch's), are not reported again.
 */
function reportListedTwice(search: Search, reported: Uint8Array): void {
  const { ctx, rows, groupStarts } = search;
  // the smelter of each row; a group of one row lists nothing twice
  const rowCids = new Int32Array(rows.count);
  for (let at = 0; at < rows.count; at++) {
    const g = rows.group[at];
    rowCids[at] = groupStarts[g + 1] - groupStarts[g] < 2 ? -1 : rows.cid[at];
  }
  // the first row of each group (metal and supplier) and CID; what is known of the smelter's rows is made
  // when a second row comes (most CIDs of a list are on one row of their group)
  const firsts = firstsInGroups(search.byGroup, groupStarts, rowCids, search.cidValues.length);
  const smelters = new Map<number, FirstOfCid>();
  const oneSmelter = new OneSmelter(search);
  for (let at = 0; at < rows.count; at++) {
    const first = firsts[at];
    if (first < 0 || first === at || reported[at] === 1) continue;
    // the first row's spelling is told on it (most later rows of a smelter in a group are spelt alike)
    if (rows.loose[at] === rows.loose[first]) continue;
    let smelter = smelters.get(first);
    if (!smelter) smelters.set(first, (smelter = new FirstOfCid(rows, first)));
    if (smelter.listsAgain(ctx, oneSmelter, at)) reportListed(ctx, rows.facts(first), search.cidValues[rowCids[at]], rows.facts(at));
  }
}

function reportListed(ctx: RuleContext, first: RowFacts, cid: string, f: RowFacts): void {
  const record = ctx.reference.lookupCid(cid);
  const known = record ? `, named ${quote(record.name)} in the reference` : '';
  ctx.report({
    start: f.startOf('name'),
    end: f.endOf('name'),
    message: `${quote(f.valueIn('name')!)} and ${quote(first.valueIn('name')!)} on line ${lineOf(first.row)} are one ${f.metalKey.toLowerCase()} smelter, ${cid}${known}: listed twice.`,
    related: [{ start: first.startOf('name'), end: first.endOf('name'), message: `${cid} listed here first` }],
    fixes: () => [
      {
        title: `Delete this row (line ${lineOf(first.row)} lists ${cid})`,
        edits: [deleteRowEdit(ctx, f)],
      },
    ],
  });
}

/** The first row of a metal and CID in a group, and the spellings told to list its smelter again. */
class FirstOfCid {
  /** The spellings (loose name numbers) of the rows told to list the smelter again (the first row's is its own). */
  private told: Set<number> | undefined;

  constructor(
    private readonly rows: ComparedRows,
    /** The first row's place. */
    private readonly at: number,
  ) {}

  /** Whether a later row of the smelter (by its place) is to be told it lists it again; if so, its spelling is told. */
  listsAgain(ctx: RuleContext, oneSmelter: OneSmelter, at: number): boolean {
    const { rows } = this;
    const loose = rows.loose[at];
    // a spelling told before on a row of this smelter (or the first row's) is told there: once, whatever the rows' order
    if (loose === rows.loose[this.at] || this.told?.has(loose) || (rows.lookupChoice[at] === 1 && rows.lookupChoice[this.at] === 1))
      return false;
    if (!oneSmelter.names(this.at, at) || toldBySmelterListed(ctx, rows.facts(at))) return false;
    (this.told ??= new Set<number>()).add(loose);
    return true;
  }
}

/**
 * Whether a later row names the smelter of the first row of its CID (by their places): the same country, and
 * names of that smelter (see sameSmelterNames). Judged once per pair of classes of rows alike in the cells these
 * read (ComparedRows.alike: the CID is the rows'), as a merged list names one smelter a few ways in many groups;
 * for every pair of rows when rows are not shared.
 */
class OneSmelter {
  private readonly verdicts = new PairVerdicts();
  private readonly judge: (first: number, at: number) => boolean;

  constructor(private readonly search: Search) {
    const { ctx, rows, cidValues } = search;
    this.judge = (first, at) => {
      const a = rows.facts(first);
      const b = rows.facts(at);
      return sameCountry(a, b) && sameSmelterNames(ctx.reference, cidValues[rows.cid[first]], a, b);
    };
  }

  names(first: number, at: number): boolean {
    const { rows } = this.search;
    if (!sharing.alikeRows) return this.judge(first, at);
    return this.verdicts.of(rows.alike[first], rows.alike[at], this.judge, first, at);
  }
}

/**
 * Rows with the same smelter name as an earlier row whose other cells differ from it only in their inner
 * spacing (\`UNITED  STATES\`, a supplier's \`ACME  Corp\`): not exact duplicates, so reported here and never
 * deleted by fix-all. Rows whose names differ are the name search's (below); a country or ID written in
 * another case is country-inconsistent's or cid-format's. Given the rows compared (no exact duplicate, in
 * document order) and their hashes of their content but for spacing.
 *
 * Alike rows have one hash, so a row whose hash no other row's may equal is set aside first (sharedHashes, as
 * exact duplicates are found); only the others are looked up in a table of the first row of each content (a
 * few thousand of the ~100k rows of a list whose lines differ, where a table of them all costs a cache miss or
 * two per row).
 */
function reportAlikeRows(ctx: RuleContext, rows: ComparedRows): void {
  // rows of one line are the same row: only the first of each line is looked at (a merged list repeats
  // lines that are no exact duplicates, rows of an unknown metal)
  const lineKind = ctx.analysis.byRow.lineKind;
  const lines = new Uint8Array(ctx.analysis.lineKindCount);
  const looked = new Uint8Array(rows.count);
  for (let at = 0; at < rows.count; at++) {
    const line = lineKind[rows.at[at]];
    if (lines[line] === 1) continue;
    lines[line] = 1;
    looked[at] = 1;
  }
  const shared = sharedHashes(rows.hash, looked);
  let count = 0;
  for (let at = 0; at < rows.count; at++) count += shared[at];
  const firsts = new FirstByHash<number>(count, (a, b) => alikeRows(rows.facts(a), rows.facts(b)));
  for (let at = 0; at < rows.count; at++) if (shared[at] === 1) reportAlike(ctx, firsts, rows, at);
}

/** Reports a row alike but for spacing to the first row of its content, if any (see reportAlikeRows). */
function reportAlike(ctx: RuleContext, firsts: FirstByHash<number>, rows: ComparedRows, at: number): void {
  const earlier = firsts.firstAlike(at, rows.hash[at]);
  if (earlier === undefined) return;
  const first = rows.facts(earlier);
  const f = rows.facts(at);
  // the same values, yet not an exact duplicate: a row that is no smelter row of a 3TG metal (see exactDuplicates)
  if (sameRow(first, f)) return;
  ctx.report({
    start: f.row.start,
    end: f.row.end,
    message: `This row repeats the row on line ${lineOf(first.row)} but for spacing in ${differing(first.row, f.row)}: not an exact duplicate, so it is not deleted for you.`,
    related: [{ start: first.row.start, end: first.row.end, message: 'the earlier row' }],
    fixes: () => [
      {
        title: `Delete this row (line ${lineOf(first.row)} has it but for spacing)`,
        edits: [deleteRowEdit(ctx, f)],
      },
    ],
  });
}

/** Whether two rows have the same name and their other cells are equal but for whitespace. */
function alikeRows(a: RowFacts, b: RowFacts): boolean {
  return a.valueIn('name') === b.valueIn('name') && alike(a.row, b.row);
}

/** Whether two rows' used cells are equal but for whitespace (their cells not made: see valueAt). */
function alike(x: Row, y: Row): boolean {
  const n = usedCount(x);
  if (n !== usedCount(y)) return false;
  for (let i = 0; i < n; i++) if (!looseEqual(valueAt(x, i)!, valueAt(y, i)!)) return false;
  return true;
}

/** The header labels of the cells in which two alike rows differ, for the message. */
function differing(a: Row, b: Row): string {
  const header = a.table.header.cells;
  const labels: string[] = [];
  const n = Math.max(cellCount(a), cellCount(b));
  for (let i = 0; i < n; i++) {
    if ((valueAt(a, i) ?? '') !== (valueAt(b, i) ?? '')) labels.push(quote(header[i]?.value || `column ${i + 1}`));
  }
  return labels.join(', ');
}

/** A "Smelter not listed" row that smelter-listed tells, with RMI's list, which listed smelter it is. */
function toldBySmelterListed(ctx: RuleContext, f: RowFacts): boolean {
  if (!ctx.reference.info.complete) return false;
  const lookup = valueAt(f.row, f.row.table.columns.lookup ?? -1);
  return lookup !== undefined && NOT_LISTED.test(lookup.trim());
}

/** The row's name is a look-up's choice, in a table that shows the choice's standard name. */
function isLookupChoice(f: RowFacts): boolean {
  const c = f.row.table.columns;
  return c.standard !== undefined && c.lookup !== undefined && f.nameAt === c.lookup;
}

/** How many earlier keys sharing a variant each key is compared with (bounds pathological input). */
const MAX_COMPARISONS = 16;
const FNV_PRIME = 0x01000193;

function fnv(s: string, from: number, to: number, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * A name's masked-word variants, with its word count: one hash per word without a digit, of the name with
 * that word masked (as a number of the word count and the hash, exact in a double).
 */
function variantsOf(name: string): number[] {
  const wordHashes: number[] = [];
  const hasDigit: boolean[] = [];
  let start = 0;
  let digit = false;
  for (let i = 0; i <= name.length; i++) {
    const c = i === name.length ? 32 : name.charCodeAt(i);
    if (c === 32) {
      wordHashes.push(fnv(name, start, i));
      hasDigit.push(digit);
      start = i + 1;
      digit = false;
    } else if (c >= 48 && c <= 57) {
      digit = true;
    }
  }
  // positions weigh each word's hash so order matters
  const words = wordHashes.length;
  let sum = 0;
  for (let w = 0; w < words; w++) sum = (sum + Math.imul(wordHashes[w], (2 * w + 1) * 0x9e3779b1)) >>> 0;
  const masked: number[] = [];
  for (let w = 0; w < words; w++) {
    if (hasDigit[w]) continue; // a difference in a number is never a typo (Unit 1 / Unit 2)
    const hash = (sum - Math.imul(wordHashes[w], (2 * w + 1) * 0x9e3779b1) + Math.imul(w + 1, 0x85ebca6b)) >>> 0;
    masked.push(hash * 256 + words); // a name of at most MAX_TYPO_LENGTH characters has fewer than 256 words
  }
  return masked;
}

/**
 * The variants of each name that may join it with another name, by number (undefined: none, or a name too
 * short or too long for typos), for the names in a group of several keys. Whether two keys join depends on
 * their names only (see oneTypoApart): a variant whose names no two of which are one typo apart joins nothing,
 * wherever they meet, and a list whose names differ has few others. Each name's variants are made and judged
 * once, however many groups it is in, and the keys of a group are looked at only for the variants kept.
 */
function joiningVariants(
  keys: Keys,
  keysInGroup: Int32Array,
  names: readonly string[],
): { kept: Array<number[] | undefined>; count: number } {
  const variants = new Array<number[] | null | undefined>(names.length); // null: the name has no variant
  const numbers = new Map<number, number>();
  const namesWith: number[][] = []; // per variant number
  for (let k = 0; k < keys.count; k++) {
    const name = keys.second(k);
    if (keysInGroup[keys.first(k)] < 2 || variants[name] !== undefined) continue;
    const s = names[name];
    if (s.length < MIN_TYPO_LENGTH || s.length > MAX_TYPO_LENGTH) {
      variants[name] = null;
      continue;
    }
    const own = variantsOf(s);
    for (let i = 0; i < own.length; i++) {
      let n = numbers.get(own[i]);
      if (n === undefined) numbers.set(own[i], (n = namesWith.push([]) - 1));
      namesWith[n].push(name);
      own[i] = n;
    }
    variants[name] = own;
  }
  // a variant of more names than a key is compared with is kept whatever they are: judging all their pairs
  // would not be linear
  const joins = namesWith.map(
    (of) => of.length > MAX_COMPARISONS + 1 || of.some((a, i) => of.some((b, j) => j > i && oneTypoApart(names[a], names[b]))),
  );
  const kept = new Array<number[] | undefined>(names.length);
  for (let name = 0; name < names.length; name++) {
    const own = variants[name]?.filter((n) => joins[n]);
    if (own && own.length > 0) kept[name] = own;
  }
  return { kept, count: namesWith.length };
}

/** Whether two names are one typo apart: one edit, not in a number (Unit 1 / Unit 2 are two units). */
function oneTypoApart(a: string, b: string): boolean {
  return withinOneEdit(a, b) && !/\d/.test(differingChars(a, b));
}

/**
 * Calls back with candidate pairs of keys (a group and a name: see Search.keys) that may be one edit apart. A
 * one-letter typo (substitution, insertion, deletion, transposition) changes one word of the name, so two such
 * names agree once that word is masked: every key has one variant per word, the name with that word masked
 * (and the word count). Keys of one group and variant are candidates, each compared with the MAX_COMPARISONS
 * keys before it: keys are numbered group by group (see keysOf), so a variant met is stamped with the group it
 * was met in, and each (key, variant) links to the group's previous key of the variant. The cost is linear in
 * the number of words, with no string built per variant and no table of (group, variant) pairs. Candidates
 * still need verifying: variants are hashes, and hashes collide.
 */
function forEachCandidatePair(keys: Keys, groupCount: number, names: readonly string[], visit: (a: number, b: number) => void): void {
  // pairs are within a group: a name alone in its group (one supplier's one row of a metal) has none
  const keysInGroup = new Int32Array(groupCount);
  for (let k = 0; k < keys.count; k++) keysInGroup[keys.first(k)]++;
  const { kept: shared, count: variants } = joiningVariants(keys, keysInGroup, names);
  let total = 0;
  for (let k = 0; k < keys.count; k++) if (keysInGroup[keys.first(k)] > 1) total += shared[keys.second(k)]?.length ?? 0;
  if (total === 0) return;
  const stamps = new Int32Array(variants); // per variant: the group it was last met in + 1
  const last = new Int32Array(variants); // per variant: its last (key, variant) in that group
  // per (key, variant): the key, and the group's previous (key, variant) of the variant (-1: none)
  const keyOf = new Int32Array(total);
  const previous = new Int32Array(total);
  let n = 0;
  for (let k = 0; k < keys.count; k++) {
    const group = keys.first(k);
    const own = keysInGroup[group] > 1 ? shared[keys.second(k)] : undefined;
    if (!own) continue;
    // indexed: a for-of here allocates an iterator result per variant until V8 optimises the loop
    for (let i = 0; i < own.length; i++, n++) {
      const v = own[i];
      keyOf[n] = k;
      previous[n] = stamps[v] === group + 1 ? last[v] : -1;
      stamps[v] = group + 1;
      last[v] = n;
      for (let p = previous[n], c = 0; p >= 0 && c < MAX_COMPARISONS; p = previous[p], c++) if (keyOf[p] !== k) visit(keyOf[p], k);
    }
  }
}

function sameCountry(a: RowFacts, b: RowFacts): boolean {
  if (a.country && b.country) return a.country.country === b.country.country;
  const ca = a.valueIn('country')?.toLowerCase() ?? '';
  const cb = b.valueIn('country')?.toLowerCase() ?? '';
  return ca === cb || ca === '' || cb === '';
}

/** Whether two rows (by their places) are two smelters whatever their names: two CIDs (on the rows, or the reference smelters their names name). */
function otherCids(rows: ComparedRows, a: number, b: number): boolean {
  return rows.cid[a] >= 0 && rows.cid[b] >= 0 && rows.cid[a] !== rows.cid[b];
}

function describe(a: RowFacts, b: RowFacts): string {
  if (a.looseName === b.looseName) return ' (differs only in case, punctuation, accents or spacing)';
  if (a.entityName === b.entityName) return ' (differs in legal form or a trailing acronym)';
  return ' (one letter differs)';
}
