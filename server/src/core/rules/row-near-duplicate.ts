import type { Rule, RuleContext } from '../rule';
import type { Cell } from '../parse/cells';
import { Duplicates, exactDuplicates, NOT_LISTED, RowFacts, sameRow, usedCells } from '../analysis';
import { formsAgree, rowCid, sameSmelterNames } from '../identity/rows';
import type { SmelterReference } from '../data/smelters';
import { sharing } from '../sharing';
import { FirstByHash } from '../first-by-hash';
import { differingChars, looseEqual, withinOneEdit } from '../normalize';
import { isSmelterRow, KeyMap4, lineOf, quote, replaceCell } from './util';
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
    const duplicates = exactDuplicates(ctx.analysis);
    // an exact duplicate is row-duplicate's: only the first of identical rows is compared (a merged list's
    // repeats then cost nothing here)
    const rows: RowFacts[] = [];
    for (const f of ctx.analysis.rows) if (!duplicates.has(f) && isSmelterRow(f) && f.entityName !== '') rows.push(f);
    reportAlikeRows(ctx, duplicates);
    const groups = new Groups();
    const rowGroups = new Int32Array(rows.length);
    for (let at = 0; at < rows.length; at++) rowGroups[at] = groups.of(rows[at]);
    const search: Search = {
      ctx,
      groupKeys: groups.keys,
      rowGroups,
      // the smelter each row means (rowCid reads its ID, metal and names), found once per alike rows
      cids: sharing.alikeRows ? ctx.memo(['id', 'metal', 'name'], (f) => rowCid(ctx.reference, f)) : (f) => rowCid(ctx.reference, f),
      alike: ctx.classOf(['name', 'id', 'country']),
      spellings: new Spellings(),
    };
    const reported = reportNearNames(search, rows);
    // in a CMRT workbook one smelter on several rows is cmrt-repeated-smelter's
    if (!ctx.workbook) reportListedTwice(search, rows, reported);
  },
};

/** What the searches of one lint share: the rows' groups and smelters, each found once per distinct value. */
interface Search {
  ctx: RuleContext;
  /** The group (supplier and metal: see Groups) of each row compared, by its place in the rows; each group's key. */
  rowGroups: Int32Array;
  groupKeys: readonly string[];
  cids: (f: RowFacts) => string | undefined;
  /** Rows alike in the cells the anchor search reads (name, ID, country) have one number. */
  alike: (f: RowFacts) => number;
  spellings: Spellings;
}

/**
 * A number for each distinct tuple of four values, for the lint: clusters keep the numbers of what they have
 * seen (a set of numbers each), not maps of their own nested four deep (a list of distinct lines has thousands
 * of small clusters).
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
 * suppliers and four metals over its many rows: a group's key is made once per group, not once per row.
 */
class Groups {
  /** Per supplier cell value (undefined: the table has no supplier column), the groups by metal key. */
  private readonly bySupplier = new Map<string | undefined, Map<string, number>>();
  /** The same per supplier prefix: supplier values of one prefix are one supplier (see supplierPrefix). */
  private readonly byPrefix = new Map<string, Map<string, number>>();
  /** Each group's key: the supplier's prefix and the metal key. */
  readonly keys: string[] = [];

  /** The table of the row grouped last, and its supplier column. */
  private table: unknown;
  private column: SupplierColumn | undefined;

  of(f: RowFacts): number {
    if (f.row.table !== this.table) this.column = supplierColumn((this.table = f.row.table));
    const supplier = supplierIn(f.row, this.column);
    let ofSupplier = this.bySupplier.get(supplier);
    let prefix: string | undefined;
    if (!ofSupplier) {
      prefix = supplierPrefix(f.row);
      ofSupplier = this.byPrefix.get(prefix);
      if (!ofSupplier) this.byPrefix.set(prefix, (ofSupplier = new Map<string, number>()));
      this.bySupplier.set(supplier, ofSupplier);
    }
    let id = ofSupplier.get(f.metalKey);
    if (id === undefined) {
      ofSupplier.set(f.metalKey, (id = this.keys.length));
      this.keys.push((prefix ?? supplierPrefix(f.row)) + f.metalKey);
    }
    return id;
  }
}

/**
 * Rows whose names are spellings of an earlier row's name (case, accents, legal form, a one-letter typo), of the
 * same metal and country, and not of two smelters (two CIDs, or two reference smelters). Returns the rows
 * reported.
 */
function reportNearNames(search: Search, rows: RowFacts[]): Set<RowFacts> {
  const { ctx, rowGroups } = search;
  const reported = new Set<RowFacts>();
  const metalOf = (f: RowFacts) => f.metalKey;
  // 1. groups of identical identity keys per metal (and supplier: see Groups), in the order first met
  //    (numbers, not an array per group: in a list whose lines differ, most groups hold one row)
  const byName: Array<Map<string, number> | undefined> = [];
  const groupOfRow = new Int32Array(rows.length);
  const sizes: number[] = [];
  const groupOf: number[] = [];
  const names: string[] = [];
  for (let at = 0; at < rows.length; at++) {
    const g = rowGroups[at];
    const name = rows[at].entityName;
    const inner = (byName[g] ??= new Map<string, number>());
    let group = inner.get(name);
    if (group === undefined) {
      inner.set(name, (group = names.length));
      sizes.push(0);
      groupOf.push(g);
      names.push(name);
    }
    sizes[group]++;
    groupOfRow[at] = group;
  }
  // 2. join groups whose keys are one typo apart (masked-word hashing: linear, not pairwise)
  const parent = names.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  forEachCandidatePair(search.groupKeys, groupOf, names, (a, b) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const na = names[a];
    const nb = names[b];
    if (!withinOneEdit(na, nb) || /\d/.test(differingChars(na, nb))) return;
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
  });
  // 3. each row of a group of several rows, or of a group joined with another, is in the cluster of its root
  const joined = new Uint8Array(names.length); // 1: the root of other groups
  for (let i = 0; i < names.length; i++) if (find(i) !== i) joined[find(i)] = 1;
  const clusterOf = new Int32Array(rows.length).fill(-1);
  for (let at = 0; at < rows.length; at++) {
    const group = groupOfRow[at];
    const root = find(group);
    if (sizes[group] === 1 && root === group && joined[group] === 0) continue; // a lone row: nothing to compare
    clusterOf[at] = root;
  }
  // 4. within a cluster, compare each row with the earlier spellings of the same country, the rows taken in
  //    document order (as `rows` are). Anchors are kept per distinct spelling, so a cluster of many
  //    identical rows costs linear time.
  const states = new Array<ClusterSearch | undefined>(names.length);
  for (let at = 0; at < rows.length; at++) {
    const root = clusterOf[at];
    if (root < 0) continue;
    const f = rows[at];
    const anchor = (states[root] ??= new ClusterSearch()).anchorOf(search, f);
    if (!anchor || anchor.nameCell!.value === f.nameCell!.value) continue; // same name: the rows differ elsewhere
    // two choices of a look-up with RMI's standard name beside them are RMI's own spellings (aliases), not
    // a supplier's misspelling
    if (isLookupChoice(anchor) && isLookupChoice(f)) continue;
    reported.add(f);
    ctx.report({
      start: f.nameCell!.start,
      end: f.nameCell!.end,
      message: `${quote(f.nameCell!.value)} looks like the same ${metalOf(f).toLowerCase()} smelter as ${quote(anchor.nameCell!.value)} on line ${lineOf(anchor.row)}${describe(anchor, f)}.`,
      related: [{ start: anchor.nameCell!.start, end: anchor.nameCell!.end, message: 'first spelling' }],
      fixes: () => [
        replaceCell(f.nameCell!, anchor.nameCell!.value, `Change to '${anchor.nameCell!.value}' (line ${lineOf(anchor.row)})`, true),
      ],
    });
  }
  return reported;
}

/** The search of one cluster's rows (taken in document order) for the earlier spelling each row repeats. */
class ClusterSearch {
  private readonly anchors: RowFacts[] = [];
  /** The spellings (country, name, ID) that have an anchor, by number (see Spellings). */
  private readonly anchorKeys = new Set<number>();
  /**
   * Rows alike in all the search reads (the name, ID and country cells, the name keys) find the same anchor:
   * a row found by its loose name, or none (null) when the first such row became an anchor itself and found
   * no other.
   */
  private readonly found = new Map<number, { anchor: RowFacts | null; entity: string }>();

  /** The earlier row this row is compared with, if any; the row becomes an anchor when its spelling is new. */
  anchorOf(search: Search, f: RowFacts): RowFacts | undefined {
    const { anchors, anchorKeys, found } = this;
    const name = f.nameCell!.value;
    const id = f.idCell?.value ?? '';
    const alike = search.alike(f);
    const known = found.get(alike);
    let anchor: RowFacts | undefined;
    if (known && known.entity === f.entityName && sharing.alikeRows) {
      if (known.anchor === null) return undefined;
      anchor = known.anchor;
    } else {
      // the earlier spelling it is compared with: of the same country, without another CID; one of the same
      // loose name first, else of the same entity name, else the first
      let sameLoose: RowFacts | undefined;
      let sameEntity: RowFacts | undefined;
      let firstCandidate: RowFacts | undefined;
      for (const a of anchors) {
        if (!sameCountry(a, f) || otherSmelters(search.cids, a, f)) continue;
        firstCandidate ??= a;
        if (a.looseName === f.looseName) {
          sameLoose = a;
          break;
        }
        if (!sameEntity && a.entityName === f.entityName) sameEntity = a;
      }
      anchor = sameLoose ?? sameEntity ?? firstCandidate;
      const spelling = search.spellings.of(countryKey(f), name, id, '\u0000');
      const added = !anchorKeys.has(spelling);
      if (added) {
        anchorKeys.add(spelling); // a later spelling may be closer to this one than to the first
        anchors.push(f);
      }
      // a later row alike finds the same row by its loose name; or, when this row became an anchor without
      // one, this row (the same name: nothing to report)
      if (sameLoose || added) found.set(alike, { anchor: sameLoose ?? null, entity: f.entityName });
    }
    return anchor;
  }
}

/**
 * Rows of one smelter under two of its names: the same CID and metal (a CID on the row, or the reference
 * smelter its name names), where the names are the smelter's RMI names or spellings of one name, and the
 * countries agree. Rows the name search reported, and rows whose names or countries disagree (cid-duplicate's,
 * cid-mismatch's), are not reported again.
 */
function reportListedTwice(search: Search, rows: RowFacts[], reported: Set<RowFacts>): void {
  const { ctx, cids, rowGroups } = search;
  // the first row of each group (metal and supplier) and CID (no key string made per row)
  const firsts: Array<Map<string, FirstOfCid> | undefined> = [];
  // a group of one row lists nothing twice: its row's smelter need not be looked up
  const rowsInGroup = new Uint32Array(search.groupKeys.length);
  for (const g of rowGroups) rowsInGroup[g]++;
  for (let at = 0; at < rows.length; at++) {
    if (rowsInGroup[rowGroups[at]] < 2) continue;
    const f = rows[at];
    const cid = cids(f);
    if (!cid) continue;
    const ofMetal = (firsts[rowGroups[at]] ??= new Map<string, FirstOfCid>());
    const firstOfCid = ofMetal.get(cid);
    if (!firstOfCid) {
      ofMetal.set(cid, new FirstOfCid(f));
      continue;
    }
    const first = firstOfCid.row;
    // a spelling told before on a row of this smelter (or the first row's) is told there: once, whatever the rows' order
    if (reported.has(f) || firstOfCid.spellings.has(f.looseName) || !sameCountry(first, f) || (isLookupChoice(f) && isLookupChoice(first)))
      continue;
    if (!firstOfCid.sameSmelter(ctx.reference, cid, f) || toldBySmelterListed(ctx, f)) continue;
    firstOfCid.spellings.add(f.looseName);
    const record = ctx.reference.lookupCid(cid);
    const known = record ? `, named ${quote(record.name)} in the reference` : '';
    const lines = ctx.model.lines;
    ctx.report({
      start: f.nameCell!.start,
      end: f.nameCell!.end,
      message: `${quote(f.nameCell!.value)} and ${quote(first.nameCell!.value)} on line ${lineOf(first.row)} are one ${f.metalKey.toLowerCase()} smelter, ${cid}${known}: listed twice.`,
      related: [{ start: first.nameCell!.start, end: first.nameCell!.end, message: `${cid} listed here first` }],
      fixes: () => [
        {
          title: `Delete this row (line ${lineOf(first.row)} lists ${cid})`,
          edits: [{ start: f.row.start, end: lines.lineEndWithBreak(lines.positionAt(f.row.end).line), newText: '' }],
        },
      ],
    });
  }
}

/**
 * The first row of a metal and CID, and whether later rows' names name its smelter, judged once per name:
 * the verdict reads only the later row's name cell and identity name (see sameSmelterNames), and a merged
 * list names one smelter a few ways over many rows.
 */
class FirstOfCid {
  /** Made for the first later row (most CIDs of a list are on one row of their group). */
  private verdicts: Map<string, boolean> | undefined;
  /** The spellings (loose names) of the first row and of the rows told to list the smelter again. */
  readonly spellings: Set<string>;

  constructor(readonly row: RowFacts) {
    this.spellings = new Set([row.looseName]);
  }

  sameSmelter(reference: SmelterReference, cid: string, f: RowFacts): boolean {
    const name = f.nameCell!.value;
    // a row whose identity is another name than its cell's (a look-up's standard name) is judged on its own
    if (f.identityName !== name || !sharing.alikeRows) return sameSmelterNames(reference, cid, this.row, f);
    this.verdicts ??= new Map<string, boolean>();
    let same = this.verdicts.get(name);
    if (same === undefined) this.verdicts.set(name, (same = sameSmelterNames(reference, cid, this.row, f)));
    return same;
  }
}

/**
 * Rows with the same smelter name as an earlier row whose other cells differ from it only in their inner
 * spacing (\`UNITED  STATES\`, a supplier's \`ACME  Corp\`): not exact duplicates, so reported here and never
 * deleted by fix-all. Rows whose names differ are the name search's (below); a country or ID written in
 * another case is country-inconsistent's or cid-format's. Rows of one line are the same row: only the first of
 * each line is looked at, and no exact duplicate.
 */
function reportAlikeRows(ctx: RuleContext, duplicates: Duplicates): void {
  const rows = ctx.classes(['line'], (f) => isSmelterRow(f) && f.entityName !== '').firsts.filter((f) => !duplicates.has(f));
  // the first row of each content but for spacing, by its hash
  const firsts = new FirstByHash<RowFacts>(rows.length, alikeRows);
  for (const f of rows) {
    const first = firsts.firstAlike(f, f.looseRowHash);
    if (!first) continue;
    // the same values, yet not an exact duplicate: a row that is no smelter row of a 3TG metal (see exactDuplicates)
    if (sameRow(first, f)) continue;
    const lines = ctx.model.lines;
    ctx.report({
      start: f.row.start,
      end: f.row.end,
      message: `This row repeats the row on line ${lineOf(first.row)} but for spacing in ${differing(first, f)}: not an exact duplicate, so it is not deleted for you.`,
      related: [{ start: first.row.start, end: first.row.end, message: 'the earlier row' }],
      fixes: () => [
        {
          title: `Delete this row (line ${lineOf(first.row)} has it but for spacing)`,
          edits: [{ start: f.row.start, end: lines.lineEndWithBreak(lines.positionAt(f.row.end).line), newText: '' }],
        },
      ],
    });
  }
}

/** Whether two rows have the same name and their other cells are equal but for whitespace. */
function alikeRows(a: RowFacts, b: RowFacts): boolean {
  return a.nameCell!.value === b.nameCell!.value && alike(a.row.cells, b.row.cells);
}

/** Whether two rows' used cells are equal but for whitespace. */
function alike(x: readonly Cell[], y: readonly Cell[]): boolean {
  const n = usedCells(x);
  if (n !== usedCells(y)) return false;
  for (let i = 0; i < n; i++) if (!looseEqual(x[i].value, y[i].value)) return false;
  return true;
}

/** The header labels of the cells in which two alike rows differ, for the message. */
function differing(a: RowFacts, b: RowFacts): string {
  const header = a.row.table.header.cells;
  const labels: string[] = [];
  const n = Math.max(a.row.cells.length, b.row.cells.length);
  for (let i = 0; i < n; i++) {
    if ((a.row.cells[i]?.value ?? '') !== (b.row.cells[i]?.value ?? '')) labels.push(quote(header[i]?.value || `column ${i + 1}`));
  }
  return labels.join(', ');
}

/** A "Smelter not listed" row that smelter-listed tells, with RMI's list, which listed smelter it is. */
function toldBySmelterListed(ctx: RuleContext, f: RowFacts): boolean {
  return ctx.reference.info.complete && !!f.lookupCell && NOT_LISTED.test(f.lookupCell.value.trim());
}

/** The row's name is a look-up's choice, in a table that shows the choice's standard name. */
function isLookupChoice(f: RowFacts): boolean {
  const c = f.row.table.columns;
  return c.standard !== undefined && c.lookup !== undefined && f.nameCell === f.row.cells[c.lookup];
}

function countryKey(f: RowFacts): string {
  return f.country ? f.country.country.alpha2 : (f.countryCell?.value.toLowerCase() ?? '');
}

/** How many earlier keys sharing a variant each key is compared with (bounds pathological input). */
const MAX_COMPARISONS = 16;
const FNV_PRIME = 0x01000193;

function fnv(s: string, from: number, to: number, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** The masked-word variants of a name (see forEachCandidatePair), before its group is mixed in. */
interface Variants {
  words: number;
  masked: number[];
}

/** A name's variants: one hash per word without a digit, the name with that word masked. */
function variantsOf(name: string): Variants {
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
    masked.push((sum - Math.imul(wordHashes[w], (2 * w + 1) * 0x9e3779b1) + Math.imul(w + 1, 0x85ebca6b)) >>> 0);
  }
  return { words, masked };
}

/**
 * Calls back with candidate pairs of keys (a group and a name: entry k is group `groupOf[k]`, whose key is
 * `groupKeys[groupOf[k]]`, and name `names[k]`) that may be one edit apart. A one-letter typo (substitution,
 * insertion, deletion, transposition) changes one word of the name, so two such names agree once that word is
 * masked: every key contributes one hash per word, the name with that word masked (and the group and word
 * count mixed in). Hashes are grouped by a radix sort, so the cost is linear in the number of words, with no
 * string built per variant; a name's variants are hashed once however many groups it is in. Candidates still
 * need verifying: hashes collide.
 */
function forEachCandidatePair(
  groupKeys: readonly string[],
  groupOf: readonly number[],
  names: readonly string[],
  visit: (a: number, b: number) => void,
): void {
  const variants = new Map<string, Variants>();
  const groupHashes = groupKeys.map((key) => fnv(key + '\u0000', 0, key.length + 1));
  // pairs are within a group: a name alone in its group (one supplier's one row of a metal) has none
  const namesInGroup = new Uint32Array(groupKeys.length);
  for (const g of groupOf) namesInGroup[g]++;
  // each key's variants, undefined for a name too short or too long for typos (no array of pairs made per key)
  const ofKey = new Array<Variants | undefined>(names.length);
  let total = 0;
  for (let idx = 0; idx < names.length; idx++) {
    const name = names[idx];
    if (namesInGroup[groupOf[idx]] < 2 || name.length < MIN_TYPO_LENGTH || name.length > MAX_TYPO_LENGTH) continue;
    let v = variants.get(name);
    if (!v) variants.set(name, (v = variantsOf(name)));
    ofKey[idx] = v;
    total += v.masked.length;
  }
  if (total === 0) return;
  let hashes = new Uint32Array(total);
  let ids = new Uint32Array(total);
  let n = 0;
  for (let idx = 0; idx < names.length; idx++) {
    const v = ofKey[idx];
    if (!v) continue;
    // the group (supplier and metal) and word count mixed into every variant
    const base = Math.imul(groupHashes[groupOf[idx]] ^ v.words, FNV_PRIME) >>> 0;
    for (let w = 0; w < v.masked.length; w++) {
      hashes[n] = Math.imul(v.masked[w] ^ base, FNV_PRIME) >>> 0;
      ids[n++] = idx;
    }
  }
  // LSD radix sort by hash, two 16-bit digits
  let hashesTmp = new Uint32Array(n);
  let idsTmp = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(hashes[i] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const pos = counts[(hashes[i] >>> shift) & 0xffff]++;
      hashesTmp[pos] = hashes[i];
      idsTmp[pos] = ids[i];
    }
    [hashes, hashesTmp] = [hashesTmp, hashes];
    [ids, idsTmp] = [idsTmp, ids];
  }
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && hashes[i] === hashes[runStart]) continue;
    for (let j = runStart + 1; j < i; j++) {
      for (let k = j - 1; k >= Math.max(runStart, j - MAX_COMPARISONS); k--) {
        if (ids[k] !== ids[j]) visit(ids[k], ids[j]);
      }
    }
    runStart = i;
  }
}

function sameCountry(a: RowFacts, b: RowFacts): boolean {
  if (a.country && b.country) return a.country.country === b.country.country;
  const ca = a.countryCell?.value.toLowerCase() ?? '';
  const cb = b.countryCell?.value.toLowerCase() ?? '';
  return ca === cb || ca === '' || cb === '';
}

/**
 * Whether two rows are two smelters whatever their names: two CIDs (on the rows, or the reference smelters
 * their names name), or legal forms no one entity has (TANIOBIS GmbH, TANIOBIS Co., Ltd.).
 */
function otherSmelters(cids: Search['cids'], a: RowFacts, b: RowFacts): boolean {
  if (!formsAgree(a, b)) return true;
  const x = cids(a);
  const y = cids(b);
  return x !== undefined && y !== undefined && x !== y;
}

function describe(a: RowFacts, b: RowFacts): string {
  if (a.looseName === b.looseName) return ' (differs only in case, punctuation, accents or spacing)';
  if (a.entityName === b.entityName) return ' (differs in legal form or a trailing acronym)';
  return ' (one letter differs)';
}
