/**
 * The summary of a filing, list or workbook, and of an aggregate: smelters per metal and per country, those in
 * the Covered Countries, and findings per rule. Plain data for the editor's summary view and the CLI.
 */
import { aggregate, Aggregate, sourceRowsOf } from './aggregate';
import type { LintResult } from './lint';
import { ruleById } from './rules';
import { countFindings, countsText } from './counts';
import { count, plural } from './messages';
import type { Finding, Severity } from './types';
import { applyStatus } from './status/apply';
import { readReport, roleLabel } from './read-report';
import type { StatusAt } from './status/model';

export interface SummaryBar {
  label: string;
  value: number;
}

export interface SummaryData {
  title: string;
  /** One line under the title: what was counted, against which reference. */
  subtitle: string;
  smelters: number;
  perMetal: SummaryBar[];
  perCountry: SummaryBar[];
  /** Smelters in the DRC or an adjoining country, one line each. */
  covered: string[];
  perRule: Array<SummaryBar & { rule: string; severity: Severity; description: string }>;
  /** Further facts, one line each (placeholders, rows without a CID, conflicts, suppliers without a list). */
  notes: string[];
}

/** Findings per rule, a grouped finding once (as the Problems panel lists it: core/counts.ts); errors first, then by count. */
function perRule(findings: ReadonlyArray<Pick<Finding, 'rule' | 'severity'>>): SummaryData['perRule'] {
  const by = new Map<string, { rule: string; severity: Severity; value: number }>();
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
  for (const f of findings) {
    const e = by.get(f.rule);
    if (!e) by.set(f.rule, { rule: f.rule, severity: f.severity, value: 1 });
    else {
      e.value += 1;
      if (rank[f.severity] < rank[e.severity]) e.severity = f.severity;
    }
  }
  return [...by.values()]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || b.value - a.value || a.rule.localeCompare(b.rule))
    .map((e) => ({ ...e, label: e.rule, description: ruleById(e.rule)?.description ?? '' }));
}

function smelterFacts(agg: Aggregate): Pick<SummaryData, 'smelters' | 'perMetal' | 'perCountry' | 'covered'> {
  const s = agg.summary;
  return {
    smelters: s.smelters,
    perMetal: s.perMetal.map((m) => ({ label: m.metal, value: m.smelters })),
    perCountry: s.perCountry.map((c) => ({ label: c.country, value: c.smelters })),
    covered: s.covered.map((c) => `${c.name} (${c.metal}, ${c.country}${c.cid ? `, ${c.cid}` : ''})`),
  };
}

/** The RMAP status counts per metal, one line each, when the aggregate was given statuses (core/status/apply.ts). */
function statusNotes(agg: Aggregate): string[] {
  const r = agg.summary.rmap;
  if (!r) return [];
  return r.perMetal.map(
    (m) =>
      `RMAP on ${r.asOf} (${r.source}): ${m.metal} ${m.conformant} of ${m.smelters} conformant, ${m.active} active${m.reauditOverdue ? `, ${m.reauditOverdue} overdue for re-audit` : ''}.`,
  );
}

/** What was read of the file (core/read-report.ts), a line per table; a file of which no row was read says so. */
function readNotes(result: LintResult): string[] {
  const tables = readReport(result).tables.filter((t) => t.rows > 0);
  if (tables.length === 0) return ['No smelter table read: no row of this file was checked.'];
  return tables.map((t) => {
    const columns = t.columns.map((c) => `${roleLabel(c.role)} ${c.letter}${c.basis === 'content' ? ' (by content)' : ''}`);
    const missing = t.missing.length > 0 ? `; no ${t.missing.map((r) => roleLabel(r)).join(', ')} column` : '';
    return `Read ${t.where}: ${plural(t.rows, 'row')}; ${columns.join(', ')}${missing}.`;
  });
}

/** The summary of one linted file: its distinct smelters (a smelter listed twice counts once) and its findings; with `status`, their RMAP statuses per metal. */
export function fileSummary(title: string, result: LintResult, status?: StatusAt): SummaryData {
  const agg = aggregate([{ file: title, rows: sourceRowsOf(title, result) }], result.reference);
  if (status) applyStatus(agg, status.list, status.asOf);
  const notes: string[] = statusNotes(agg);
  const s = agg.summary;
  notes.push(...readNotes(result));
  if (s.unidentified) notes.push(`${plural(s.unidentified, 'smelter')} without a CID.`);
  if (s.placeholderRows) notes.push(`${plural(s.placeholderRows, 'row')} naming no smelter ("Smelter not yet identified", "Unknown").`);
  if (s.otherMetalRows) notes.push(`${plural(s.otherMetalRows, 'row')} of metals that are not 3TG.`);
  // counted as the Problems panel and the status item count them (core/counts.ts)
  const counts = countFindings(result.findings, (f) => f.severity);
  return {
    title,
    subtitle: `${plural(s.smelters, 'distinct smelter')} in ${plural(result.model.tables.length, 'table')}; ${countsText(counts)}${counts.hints ? ` (and ${plural(counts.hints, 'hint')})` : ''}; reference: ${result.reference.info.source}`,
    ...smelterFacts(agg),
    perRule: perRule(result.findings),
    notes,
  };
}

/** The summary of an aggregate: the merged table's smelters, what the linter still says, conflicts and suppliers. */
export function aggregateSummary(title: string, agg: Aggregate): SummaryData {
  const s = agg.summary;
  const notes: string[] = statusNotes(agg);
  if (s.unidentified) notes.push(`${plural(s.unidentified, 'smelter')} without a CID.`);
  if (s.placeholderRows) notes.push(`${plural(s.placeholderRows, 'placeholder row')} not merged.`);
  if (s.otherMetalRows) notes.push(`${plural(s.otherMetalRows, 'row')} of metals that are not 3TG, not merged.`);
  if (s.unusableRows) notes.push(`${plural(s.unusableRows, 'row')} with shifted or missing cells, not merged.`);
  for (const c of agg.conflicts) notes.push(`Conflict: ${c.message}`);
  for (const f of s.filesWithoutList) notes.push(`No usable list: ${f.file}: ${f.why}`);
  for (const f of s.skipped) notes.push(`Skipped, not a supplier list: ${f.file}: ${f.why}`);
  return {
    title,
    subtitle: `${plural(s.smelters, 'smelter')} from ${s.filesWithList} of ${plural(s.files, 'file')}; ${count(s.conflicts)} conflict${s.conflicts === 1 ? '' : 's'}; reference: ${s.referenceSource}`,
    ...smelterFacts(agg),
    perRule: perRule(agg.rows.flatMap((r) => r.findings)),
    notes,
  };
}
