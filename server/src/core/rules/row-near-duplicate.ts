import type { Rule } from '../rule';
import type { RowFacts } from '../analysis';
import { CID_PATTERN } from '../cid';
import { differingChars, withinOneEdit } from '../normalize';
import { isSmelterRow, lineOf, quote, replaceCell } from './util';

/** Shortest name key that one-letter typo matching applies to; shorter names differ by design (MSC, RBT). */
const MIN_TYPO_LENGTH = 8;
/** Longest name key that typo matching applies to (its cost is linear in the length). */
const MAX_TYPO_LENGTH = 200;

export const rowNearDuplicate: Rule = {
  id: 'row-near-duplicate',
  description:
    'The same metal and smelter as an earlier row, spelled differently (case, punctuation, accents, spacing, legal form, one-letter typo).',
  defaultSeverity: 'warning',
  docs: `## What it catches
Two rows with the same metal and the same smelter written differently: case, punctuation, accents or spacing
(\`Mineração Taboca S.A.\` / \`Mineracao Taboca S.A.\`), legal form (\`Co. Ltd\` / \`Co., Ltd.\`, \`Dragon Silver
Holdings\` / \`Dragon Silver Holdings Limited\`), a trailing acronym (\`PT Sukses Inti Makmur (SIM)\`), or a
one-letter typo (\`GGC\` / \`GCC Gujrat Gold Centre\`). Distinct legal entities of one brand in different countries
(H.C. Starck Co., Ltd. in Thailand, H.C. Starck Inc. in the USA) are not duplicates, nor are names that differ
in a number (\`Unit 1\` / \`Unit 2\`) or rows with different CIDs.

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
Keep one row, with RMI's standard name; the quick fix aligns the later spelling with the first.`,
  check(ctx) {
    const rows = ctx.analysis.rows.filter((f) => isSmelterRow(f) && f.entityName !== '');
    const metalOf = (f: RowFacts) => f.metal?.info.metal ?? f.metalCell?.value.toLowerCase() ?? '';
    // 1. groups of identical identity keys per metal
    const groups = new Map<string, RowFacts[]>();
    for (const f of rows) {
      const key = `${metalOf(f)}\u0000${f.entityName}`;
      const g = groups.get(key);
      if (g) g.push(f);
      else groups.set(key, [f]);
    }
    // 2. join groups whose keys are one typo apart (deletion neighbourhood: linear, not pairwise)
    const keys = [...groups.keys()];
    const parent = keys.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]];
      return i;
    };
    const names = keys.map((k) => k.slice(k.indexOf('\u0000') + 1));
    forEachCandidatePair(keys, (a, b) => {
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) return;
      const na = names[a];
      const nb = names[b];
      if (!withinOneEdit(na, nb) || /\d/.test(differingChars(na, nb))) return;
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    });
    const clusters = new Map<number, RowFacts[]>();
    keys.forEach((key, i) => {
      const root = find(i);
      const list = clusters.get(root);
      if (list) list.push(...groups.get(key)!);
      else clusters.set(root, [...groups.get(key)!]);
    });
    // 3. within a cluster, compare each row with the earlier spellings of the same country. Anchors are kept
    //    per distinct spelling, so a cluster of many identical rows costs linear time.
    for (const cluster of clusters.values()) {
      if (cluster.length < 2) continue;
      cluster.sort((a, b) => a.row.start - b.row.start);
      const anchors: RowFacts[] = [];
      const anchorKeys = new Set<string>();
      const exact = new Set<string>();
      for (const f of cluster) {
        if (exact.has(f.rowKey)) continue; // an exact duplicate: row-duplicate reports it
        exact.add(f.rowKey);
        const candidates = anchors.filter((a) => sameCountry(a, f) && !distinctCids(a, f));
        const anchor =
          candidates.find((a) => a.looseName === f.looseName) ?? candidates.find((a) => a.entityName === f.entityName) ?? candidates[0];
        const spelling = `${countryKey(f)}\u0000${f.nameCell!.value}\u0000${f.idCell?.value ?? ''}`;
        if (!anchorKeys.has(spelling)) {
          anchorKeys.add(spelling); // a later spelling may be closer to this one than to the first
          anchors.push(f);
        }
        if (!anchor || anchor.nameCell!.value === f.nameCell!.value) continue; // same name: the rows differ elsewhere
        ctx.report({
          start: f.nameCell!.start,
          end: f.nameCell!.end,
          message: `${quote(f.nameCell!.value)} looks like the same ${metalOf(f).toLowerCase()} smelter as ${quote(anchor.nameCell!.value)} on line ${lineOf(anchor.row)}${describe(anchor, f)}.`,
          related: [{ start: anchor.nameCell!.start, end: anchor.nameCell!.end, message: 'first spelling' }],
          fixes: [replaceCell(f.nameCell!, anchor.nameCell!.value, `Change to '${anchor.nameCell!.value}' (line ${lineOf(anchor.row)})`, true)],
        });
      }
    }
  },
};

function countryKey(f: RowFacts): string {
  return f.country ? f.country.country.alpha2 : (f.countryCell?.value.toLowerCase() ?? '');
}

/** How many earlier keys sharing a deletion variant each key is compared with (bounds pathological input). */
const MAX_COMPARISONS = 16;
const FNV_PRIME = 0x01000193;

/**
 * Calls back with candidate pairs of keys ("metal\0name") that may be one edit apart: keys sharing the key
 * itself or a variant with one character of the name deleted. Variant hashes come in O(1) each from prefix
 * and suffix hashes (no string per variant) and are grouped by a radix sort, so the cost is linear in the
 * total length of the names. Candidates still need verifying: hashes collide.
 */
function forEachCandidatePair(keys: string[], visit: (a: number, b: number) => void): void {
  let total = 0;
  for (const k of keys) {
    const nameLength = k.length - k.indexOf('\u0000') - 1;
    if (nameLength >= MIN_TYPO_LENGTH && nameLength <= MAX_TYPO_LENGTH) total += nameLength + 1;
  }
  if (total === 0) return;
  let hashes = new Uint32Array(total);
  let ids = new Uint32Array(total);
  // Typed arrays: hash values above 2^31 would be boxed (and collected) in plain arrays.
  let maxLength = 0;
  for (const k of keys) maxLength = Math.max(maxLength, k.length);
  const pow = new Uint32Array(maxLength + 1);
  pow[0] = 1;
  for (let i = 1; i <= maxLength; i++) pow[i] = Math.imul(pow[i - 1], FNV_PRIME);
  const prefix = new Uint32Array(maxLength + 1);
  const suffix = new Uint32Array(maxLength + 1);
  let n = 0;
  keys.forEach((key, idx) => {
    const nameStart = key.indexOf('\u0000') + 1;
    const len = key.length;
    if (len - nameStart < MIN_TYPO_LENGTH || len - nameStart > MAX_TYPO_LENGTH) return;
    prefix[0] = 0;
    for (let i = 0; i < len; i++) prefix[i + 1] = (Math.imul(prefix[i], FNV_PRIME) + key.charCodeAt(i)) >>> 0;
    suffix[len] = 0;
    for (let i = len - 1; i >= 0; i--) suffix[i] = (Math.imul(key.charCodeAt(i), pow[len - 1 - i]) + suffix[i + 1]) >>> 0;
    hashes[n] = prefix[len];
    ids[n++] = idx;
    for (let i = nameStart; i < len; i++) {
      hashes[n] = (Math.imul(prefix[i], pow[len - 1 - i]) + suffix[i + 1]) >>> 0;
      ids[n++] = idx;
    }
  });
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

function distinctCids(a: RowFacts, b: RowFacts): boolean {
  const x = a.idCell?.value ?? '';
  const y = b.idCell?.value ?? '';
  return CID_PATTERN.test(x) && CID_PATTERN.test(y) && x !== y;
}

function describe(a: RowFacts, b: RowFacts): string {
  if (a.looseName === b.looseName) return ' (differs only in case, punctuation, accents or spacing)';
  if (a.entityName === b.entityName) return ' (differs in legal form or a trailing acronym)';
  return ' (one letter differs)';
}
