/**
 * The annex a Conflict Minerals Report publishes, made from the merged suppliers' rows (core/aggregate) and,
 * when given, RMI's status lists: Metal, Smelter Name (RMI's standard name), Country, Smelter ID and RMAP
 * status, sorted as filings sort them (metal alphabetically, then name), and the counts its paragraph states.
 * The paragraph is written from the same rows as the table, so its numbers agree with it by construction.
 */
import type { Aggregate, MergedRow } from '../aggregate';
import { countryTable } from '../data/countries';
import type { SmelterStatus, StatusList } from '../status/model';

export interface AnnexRow {
  metal: string;
  name: string;
  country: string;
  covered: boolean;
  cid: string;
  /** Undefined without a status list. */
  status?: SmelterStatus;
}

export interface MetalCounts {
  metal: string;
  smelters: number;
  conformant: number;
  active: number;
}

export interface Annex {
  rows: AnnexRow[];
  perMetal: MetalCounts[];
  total: number;
  conformant: number;
  active: number;
  covered: number;
  /** The date statuses and re-audits are given at, ISO. */
  asOf: string;
  /** The status list's file, when statuses are shown. */
  statusSource?: string;
  /** Merged smelters not in the annex (no CID, or no 3TG metal), with why. */
  leftOut: Array<{ row: MergedRow; why: string }>;
}

/** Filings list the metals alphabetically, then smelters by name (ignoring case and accents), then CID. */
export function annexOrder(a: AnnexRow, b: AnnexRow): number {
  return a.metal.localeCompare(b.metal, 'en') || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.cid.localeCompare(b.cid);
}

/** The annex of a merge, with statuses from `status` at `asOf` (ISO date) when a list is given. */
export function buildAnnex(agg: Aggregate, status: StatusList | undefined, asOf: string): Annex {
  const countries = countryTable();
  const rows: AnnexRow[] = [];
  const leftOut: Annex['leftOut'] = [];
  for (const r of agg.rows) {
    if (!r.metal) leftOut.push({ row: r, why: 'no 3TG metal' });
    else if (!r.cid) leftOut.push({ row: r, why: "no smelter ID: no supplier identified it in RMI's list" });
    else {
      const c = r.country ? countries.get(r.country) : undefined;
      rows.push({
        metal: r.metal,
        name: r.name,
        country: c ? c.isoName : r.countryText,
        covered: !!c?.covered,
        cid: r.cid,
        ...(status ? { status: status.statusAt(r.cid, r.metal, asOf) } : {}),
      });
    }
  }
  rows.sort(annexOrder);
  const perMetal = new Map<string, MetalCounts>();
  for (const r of rows) {
    const m = perMetal.get(r.metal) ?? { metal: r.metal, smelters: 0, conformant: 0, active: 0 };
    m.smelters++;
    if (r.status?.status === 'conformant') m.conformant++;
    if (r.status?.status === 'active') m.active++;
    perMetal.set(r.metal, m);
  }
  const metals = [...perMetal.values()];
  const sum = (k: 'conformant' | 'active') => metals.reduce((n, m) => n + m[k], 0);
  return {
    rows,
    perMetal: metals,
    total: rows.length,
    conformant: sum('conformant'),
    active: sum('active'),
    covered: rows.filter((r) => r.covered).length,
    asOf,
    ...(status ? { statusSource: status.info.source } : {}),
    leftOut,
  };
}
