/**
 * The aggregate's tables beside the 3TG one: the smelters suppliers' EMRTs and AMRTs list (cobalt, mica...,
 * aluminium, silver...), one table per template family, so the 3TG table stays the Form SD annex. cmrlint has
 * no reference list of these minerals: rows are one smelter when they share a CID, else the same mineral and
 * the same name (case and spacing aside). Counts per mineral come with each table.
 */
import type { SourceFile, SourceRow } from '../../core/aggregate';
import type { TemplateFamily } from '../../core/workbook';

export interface FamilyRow {
  mineral: string;
  name: string;
  country: string;
  cid: string;
  /** How many supplier files list the smelter, and where. */
  suppliers: number;
  places: string[];
}

export interface FamilyTable {
  family: Exclude<TemplateFamily, 'CMRT'>;
  title: string;
  rows: FamilyRow[];
  perMineral: Array<{ mineral: string; smelters: number }>;
}

const TITLES: Record<FamilyTable['family'], string> = { EMRT: 'Extended minerals (EMRT)', AMRT: 'Additional minerals (AMRT)' };

/** A source file with the template family it was read as (node/aggregate.ts sets it for workbooks). */
export type FamilySource = SourceFile & { family?: TemplateFamily };

function keyOf(r: SourceRow): string {
  const mineral = r.metalText.toLowerCase();
  return r.cid ? `cid\u0000${mineral}\u0000${r.cid}` : `name\u0000${mineral}\u0000${r.name.toLowerCase().replace(/\s+/g, ' ')}`;
}

/** The EMRT and AMRT tables of the sources: their rows of a metal other than the 3TG, one row per smelter. */
export function familyTables(sources: readonly FamilySource[]): FamilyTable[] {
  const out: FamilyTable[] = [];
  for (const family of ['EMRT', 'AMRT'] as const) {
    const merged = new Map<string, FamilyRow & { files: Set<string> }>();
    for (const s of sources) {
      if (s.family !== family) continue;
      for (const r of s.rows) {
        if (r.kind !== 'other-metal') continue;
        const key = keyOf(r);
        let m = merged.get(key);
        if (!m)
          merged.set(
            key,
            (m = {
              mineral: r.metalText,
              name: r.standardName ?? r.name,
              country: r.countryText,
              cid: r.cid ?? r.idText,
              suppliers: 0,
              places: [],
              files: new Set(),
            }),
          );
        m.files.add(r.file);
        m.suppliers = m.files.size;
        m.places.push(`${r.file} ${r.place}`);
        if (!m.country && r.countryText) m.country = r.countryText;
      }
    }
    if (merged.size === 0) continue;
    const rows = [...merged.values()]
      .map(({ files: _files, ...row }) => row)
      .sort((a, b) => a.mineral.localeCompare(b.mineral) || a.name.localeCompare(b.name));
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.mineral, (counts.get(r.mineral) ?? 0) + 1);
    out.push({ family, title: TITLES[family], rows, perMineral: [...counts].map(([mineral, smelters]) => ({ mineral, smelters })) });
  }
  return out;
}

/** The summary's lines for the EMRT and AMRT tables: smelters per mineral, apart from the 3TG counts. */
export function familyLines(tables: readonly FamilyTable[]): string[] {
  return tables.map(
    (t) =>
      `  ${t.title}, apart from the 3TG table: ${t.rows.length} smelter${t.rows.length === 1 ? '' : 's'}: ${t.perMineral.map((m) => `${m.mineral} ${m.smelters}`).join(', ') || 'none'}`,
  );
}
