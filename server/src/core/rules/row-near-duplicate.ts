import type { Rule } from '../rule';
import type { RowFacts } from '../analysis';
import { CID_PATTERN } from '../cid';
import { differingChars, rowKey, withinOneEdit } from '../normalize';
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
    const seen = new Map<string, number>();
    keys.forEach((key, i) => {
      const sep = key.indexOf('\u0000');
      const name = key.slice(sep + 1);
      if (name.length < MIN_TYPO_LENGTH || name.length > MAX_TYPO_LENGTH) return;
      const metal = key.slice(0, sep);
      const variants = new Set<string>([name]);
      for (let p = 0; p < name.length; p++) variants.add(name.slice(0, p) + name.slice(p + 1));
      for (const v of variants) {
        const vk = `${metal}\u0000${v}`;
        const j = seen.get(vk);
        if (j === undefined) {
          seen.set(vk, i);
          continue;
        }
        const otherName = keys[j].slice(sep + 1);
        if (withinOneEdit(name, otherName) && !/\d/.test(differingChars(name, otherName))) {
          const a = find(i);
          const b = find(j);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    });
    const clusters = new Map<number, RowFacts[]>();
    keys.forEach((key, i) => {
      const root = find(i);
      const list = clusters.get(root);
      if (list) list.push(...groups.get(key)!);
      else clusters.set(root, [...groups.get(key)!]);
    });
    // 3. within a cluster, compare each row with the first row of the same country
    for (const cluster of clusters.values()) {
      if (cluster.length < 2) continue;
      cluster.sort((a, b) => a.row.start - b.row.start);
      const anchors: RowFacts[] = [];
      const exact = new Set<string>();
      for (const f of cluster) {
        const key = rowKey(f.row.cells.map((c) => c.value));
        if (exact.has(key)) continue; // an exact duplicate: row-duplicate reports it
        exact.add(key);
        const candidates = anchors.filter((a) => sameCountry(a, f) && !distinctCids(a, f));
        const anchor =
          candidates.find((a) => a.looseName === f.looseName) ?? candidates.find((a) => a.entityName === f.entityName) ?? candidates[0];
        if (!anchor) {
          anchors.push(f);
          continue;
        }
        anchors.push(f); // a later spelling may be closer to this one than to the first
        if (anchor.nameCell!.value === f.nameCell!.value) continue; // same name: the rows differ elsewhere
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
