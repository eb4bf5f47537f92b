/**
 * A merged table given its RMAP statuses: each row's status at a date (a column of `aggregate`'s output) and
 * per metal how many smelters are conformant, active and overdue for re-audit (its summary).
 */
import type { Aggregate, RmapSummary } from '../aggregate';
import { StatusList, statusText } from './model';

/** Sets each merged row's status at `asOf` (ISO) from the list, and the summary's counts per metal. */
export function applyStatus(agg: Aggregate, list: StatusList, asOf: string): void {
  const perMetal = new Map<string, RmapSummary['perMetal'][number]>();
  for (const m of agg.summary.perMetal)
    perMetal.set(m.metal, { metal: m.metal, smelters: m.smelters, conformant: 0, active: 0, reauditOverdue: 0 });
  for (const r of agg.rows) {
    const metal = r.metal ?? (r.metalText || 'no metal');
    const s = list.statusAt(r.cid, r.metal ?? r.metalText, asOf);
    r.rmap = statusText(s);
    const counts = perMetal.get(metal);
    if (!counts) continue;
    if (s.status === 'conformant') counts.conformant++;
    if (s.status === 'active') counts.active++;
    if (s.reaudit === 'overdue') counts.reauditOverdue++;
  }
  agg.summary.rmap = { source: list.info.source, asOf, perMetal: [...perMetal.values()] };
}
