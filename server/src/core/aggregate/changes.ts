/**
 * Year over year: this season's merged table against last season's (`aggregate --previous`). A smelter is the
 * same one when its metal and CID agree, else (a row without a CID on either side) when its metal and its name
 * agree ignoring case, accents, punctuation and legal forms. What changed is said per merged row (a column of
 * the table) and in the summary; smelters no longer reported are listed in the summary and the JSON output, not
 * added to the table (the table stays this season's list, ready for the annex).
 */
import { entityKey } from '../normalize';
import type { Aggregate, Changes, MergedRow, PreviousRow } from './types';

export type { Changes, PreviousRow };

/** "Conformant (re-audit overdue since …)" → "conformant": the status, without the re-audit note. */
function statusWord(s: string | undefined): string | undefined {
  const t = s?.trim().toLowerCase();
  if (!t) return undefined;
  if (t.startsWith('conformant')) return 'conformant';
  if (t.startsWith('active')) return 'active';
  if (t.startsWith('not') || t === 'none' || t.startsWith('non')) return 'not in RMAP';
  return t;
}

const cidKey = (metal: string, cid: string) => `${metal.toLowerCase()}\u0000${cid.toUpperCase()}`;
const nameKeyOf = (metal: string, name: string) => `${metal.toLowerCase()}\u0001${entityKey(name)}`;

/** The previous rows by CID and by name, each kept once (the first when a table lists a smelter twice). */
function index(previous: readonly PreviousRow[]): { byCid: Map<string, PreviousRow>; byName: Map<string, PreviousRow> } {
  const byCid = new Map<string, PreviousRow>();
  const byName = new Map<string, PreviousRow>();
  for (const p of previous) {
    if (p.cid && !byCid.has(cidKey(p.metal, p.cid))) byCid.set(cidKey(p.metal, p.cid), p);
    const k = nameKeyOf(p.metal, p.name);
    if (entityKey(p.name) !== '' && !byName.has(k)) byName.set(k, p);
  }
  return { byCid, byName };
}

/** Last season's row of a merged row: by CID when both have one, else by name. */
function match(r: MergedRow, idx: ReturnType<typeof index>, taken: Set<PreviousRow>): PreviousRow | undefined {
  const metal = r.metal ?? r.metalText;
  const byCid = r.cid ? idx.byCid.get(cidKey(metal, r.cid)) : undefined;
  if (byCid && !taken.has(byCid)) return byCid;
  if (byCid) return undefined;
  const byName = idx.byName.get(nameKeyOf(metal, r.name));
  // a name match across two different CIDs is two smelters
  if (!byName || taken.has(byName) || (byName.cid && r.cid && byName.cid.toUpperCase() !== r.cid.toUpperCase())) return undefined;
  return byName;
}

/** What a matched row's Change cell says, and which counts it adds to. */
function changeOf(r: MergedRow, p: PreviousRow): { text: string; renamed: boolean; status: boolean } {
  const parts: string[] = [];
  const renamed = entityKey(p.name) !== entityKey(r.name);
  if (renamed) parts.push(`renamed (was ${p.name})`);
  const before = statusWord(p.rmap);
  const now = statusWord(r.rmap);
  const status = before !== undefined && now !== undefined && before !== now;
  if (status) parts.push(`status ${before} → ${now}`);
  return { text: parts.join('; '), renamed, status };
}

/**
 * Compares the merged rows with last season's rows: sets each row's `change` ("added", "renamed (was …)",
 * "status active → conformant", or '' when unchanged) and the summary's `changes`.
 */
export function compareWithPrevious(agg: Aggregate, previous: readonly PreviousRow[], source: string): Changes {
  const idx = index(previous);
  const taken = new Set<PreviousRow>();
  const changes: Changes = { source, previousSmelters: previous.length, added: 0, renamed: 0, statusChanged: 0, removed: [] };
  for (const r of agg.rows) {
    const p = match(r, idx, taken);
    if (!p) {
      r.change = 'added';
      changes.added++;
      continue;
    }
    taken.add(p);
    const c = changeOf(r, p);
    r.change = c.text;
    if (c.renamed) changes.renamed++;
    if (c.status) changes.statusChanged++;
  }
  // a smelter listed twice last season is one smelter: removed once, by its first row
  const seen = new Set<PreviousRow>([...idx.byCid.values(), ...idx.byName.values()]);
  for (const p of previous)
    if (seen.has(p) && !taken.has(p)) {
      changes.removed.push(p);
      seen.delete(p);
    }
  agg.summary.changes = changes;
  return changes;
}

/** The summary's lines on what changed since last season. */
export function changeLines(c: Changes): string[] {
  const lines = [
    `  since ${c.source} (${c.previousSmelters} smelters): ${c.added} added, ${c.removed.length} no longer reported, ${c.renamed} renamed, ${c.statusChanged} with another RMAP status`,
  ];
  const shown = c.removed.slice(0, 20);
  for (const p of shown) lines.push(`    no longer reported: ${p.name} (${p.metal}${p.cid ? `, ${p.cid}` : ''}; ${p.place})`);
  if (c.removed.length > shown.length) lines.push(`    and ${c.removed.length - shown.length} more (the JSON output lists all)`);
  return lines;
}
