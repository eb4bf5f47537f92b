/** Step 5: the summary: smelters per metal and country, the Covered Countries, what was not merged, conflicts. */
import type { CountryTable } from '../data/countries';
import type { SmelterReference } from '../data/smelters';
import { count, plural } from '../messages';
import { changeLines } from './changes';
import { placeText } from './render';
import { METAL_ORDER, supplierCount } from './tally';
import type { Aggregate, AggregateSummary, Conflict, MergedRow, SourceFile, SourceRow } from './types';

/** The figures of a merge. */
export function summarize(
  files: readonly SourceFile[],
  rows: MergedRow[],
  conflicts: Conflict[],
  notMerged: SourceRow[],
  reference: SmelterReference,
  table: CountryTable,
): AggregateSummary {
  const withList = files.filter((f) => f.rows.some((r) => r.kind === 'smelter'));
  // a file that is no supplier's list (documentation, RMI's look-up, a table of something else) is skipped, and said
  const skipped = files
    .filter((f) => f.notOurs && !withList.includes(f))
    .map((f) => ({ file: f.file, why: f.problem ?? 'not a supplier list' }));
  const without = files
    .filter((f) => !withList.includes(f) && !f.notOurs)
    .map((f) => ({
      file: f.file,
      why:
        f.problem ??
        (f.rows.length === 0 ? 'no smelter rows' : `no smelter named: ${plural(f.rows.length, 'row')}, all placeholders or unusable`),
    }));
  const perMetal = new Map<string, number>();
  const perCountry = new Map<string, number>();
  const covered: AggregateSummary['covered'] = [];
  for (const r of rows) {
    const metal = r.metal ?? (r.metalText || 'no metal');
    perMetal.set(metal, (perMetal.get(metal) ?? 0) + 1);
    const c = r.country ? table.get(r.country) : undefined;
    const countryName = c ? c.cmrtName : r.countryText || 'no country';
    perCountry.set(countryName, (perCountry.get(countryName) ?? 0) + 1);
    if (c?.covered) covered.push({ metal, name: r.name, country: c.cmrtName, ...(r.cid ? { cid: r.cid } : {}) });
  }
  return {
    files: files.length,
    filesWithList: withList.length,
    suppliers: supplierCount(withList.flatMap((f) => f.rows.filter((r) => r.kind === 'smelter'))),
    filesWithoutList: without,
    skipped,
    smelters: rows.length,
    perMetal: [...perMetal]
      .map(([metal, smelters]) => ({ metal, smelters }))
      .sort((a, b) => (METAL_ORDER.get(a.metal) ?? 9) - (METAL_ORDER.get(b.metal) ?? 9)),
    perCountry: [...perCountry]
      .map(([country, smelters]) => ({ country, smelters }))
      .sort((a, b) => b.smelters - a.smelters || a.country.localeCompare(b.country)),
    covered,
    placeholderRows: notMerged.filter((r) => r.kind === 'placeholder').length,
    unusableRows: notMerged.filter((r) => r.kind === 'unusable').length,
    otherMetalRows: notMerged.filter((r) => r.kind === 'other-metal').length,
    unidentified: rows.filter((r) => !r.cid).length,
    conflicts: conflicts.length,
    referenceSource: reference.info.source,
  };
}

/** The summary as lines of text, for the terminal and the editor's notification. */
export function summaryLines(agg: Aggregate): string[] {
  const s = agg.summary;
  const lines: string[] = [];
  // a consolidated list holds many suppliers: they are counted when they are not the files
  const suppliers = s.suppliers !== s.filesWithList ? `, ${plural(s.suppliers, 'supplier')}` : '';
  lines.push(
    `${plural(s.smelters, 'smelter')} from ${s.filesWithList} of ${plural(s.files, 'file')}${suppliers} (checked against ${s.referenceSource})`,
  );
  lines.push(`  per metal: ${s.perMetal.map((m) => `${m.metal} ${m.smelters}`).join(', ') || 'none'}`);
  if (s.rmap) {
    const per = s.rmap.perMetal.map(
      (m) =>
        `${m.metal} ${m.conformant} of ${m.smelters} conformant, ${m.active} active${m.reauditOverdue ? ` (${m.reauditOverdue} overdue for re-audit)` : ''}`,
    );
    lines.push(`  RMAP status on ${s.rmap.asOf} (${s.rmap.source}): ${per.join('; ') || 'none'}`);
  }
  if (s.changes) lines.push(...changeLines(s.changes));
  const top = s.perCountry.slice(0, 8).map((c) => `${c.country} ${c.smelters}`);
  if (s.perCountry.length > 8) top.push(`${count(s.perCountry.length - 8)} more`);
  lines.push(`  per country: ${top.join(', ') || 'none'}`);
  lines.push(
    s.covered.length === 0
      ? '  in the Covered Countries: none'
      : `  in the Covered Countries: ${plural(s.covered.length, 'smelter')}: ${s.covered.map((c) => `${c.name} (${c.metal}, ${c.country})`).join('; ')}`,
  );
  lines.push(
    `  without a CID: ${plural(s.unidentified, 'smelter')}; placeholder rows: ${count(s.placeholderRows)}; rows with shifted or missing cells: ${count(s.unusableRows)}${s.otherMetalRows ? `; rows of other metals (not merged): ${count(s.otherMetalRows)}` : ''}`,
  );
  lines.push(`  conflicts: ${count(s.conflicts)}`);
  for (const c of agg.conflicts) {
    lines.push(`    ${c.message}`);
    for (const side of c.sides) {
      const at = side.places.slice(0, 5).map(placeText);
      if (side.places.length > 5) at.push(`${count(side.places.length - 5)} more`);
      lines.push(`      ${side.value}: ${side.source}${at.length ? ` (${at.join(', ')})` : ''}`);
    }
  }
  if (s.filesWithoutList.length > 0) {
    lines.push(`  suppliers without a usable list: ${count(s.filesWithoutList.length)}`);
    for (const f of s.filesWithoutList) lines.push(`    ${f.file}: ${f.why}`);
  }
  if (s.skipped.length > 0) {
    lines.push(`  skipped, not supplier lists: ${count(s.skipped.length)}`);
    for (const f of s.skipped) lines.push(`    ${f.file}: ${f.why}`);
  }
  return lines;
}
