import type { Cell } from '../parse/cells';
import type { ReportInput, Rule, RuleContext } from '../rule';
import type { Fix } from '../types';
import type { RowFacts } from '../analysis';
import { METALS } from '../data/metals';
import { isNullId } from '../analysis';
import { CID_PATTERN, diagnoseCid, LEGACY_ID } from '../cid';
import { rowCheck } from '../engine';
import { isCheckable, quote, replaceCell } from './util';

export const cidFormat: Rule = {
  id: 'cid-format',
  description: 'A smelter ID that is not "CID" followed by six digits (says what is wrong; recognises legacy CFSI IDs).',
  defaultSeverity: 'error',
  scope: 'table',
  fixAll: true,
  tags: ['cid'],
  docs: `## What it catches
Smelter identification numbers that are not RMI's format, \`CID\` and six digits: missing zero padding
(\`CID2708\`), lower case or a space (\`cid 002708\`), the letter O for a zero, too many digits, or a legacy CFSI
ID from before 2014 such as \`1USA025\` (metal digit, ISO alpha-3 country, three digits).

## Why it matters
Customers and RMI match smelters by CID. A malformed CID matches nothing, so the smelter's RMAP status
cannot be checked and the row looks unidentified.

## Example
\`\`\`
Gold	Abington Reldan Metals, LLC	UNITED STATES OF AMERICA	CID2708
\`\`\`

In files of the V2 era — a filing for a year before 2014, or a table whose IDs are mostly V2 IDs (a CMRT
2.x/3.x export) — a V2 ID is right for its time and is not reported; it is checked instead: its metal digit
against the row's metal, its country code against the row's country.

## Fix
Write the CID as \`CID\` plus six digits (\`CID002708\`). Fix-all applies the change only when no digit is
invented or dropped (case, separators, the letter O, zero padding of a short number) and the reference does
not name another smelter or metal for the result; a CID with too many digits (\`CID0000773\`: an extra zero,
or an extra 3?) gets a quick fix that names the candidate's smelter, for a person to confirm. For legacy IDs,
look the smelter up in the current RMI list.`,
  perRow: [
    // what is wrong with a row's ID (a V2 ID is checked against the row's metal and country)
    rowCheck({
      reads: ['id', 'metal', 'name', 'country'],
      judge(f, ctx): Diagnosis | 'legacy' | null {
        if (!isCheckable(f) || !f.idCell || CID_PATTERN.test(f.idCell.value) || isNullId(f.idCell.value)) return null; // well formed: most rows
        if (legacyTables(ctx).has(f.row.table) && LEGACY_ID.test(f.idCell.value.trim()))
          return legacyProblem(ctx, f, f.idCell) ? 'legacy' : null;
        return diagnose(ctx, f, f.idCell.value);
      },
      told: (verdict) =>
        verdict === 'legacy' ? undefined : { message: verdict.message, cause: verdict.cause, fixes: verdict.fixes, at: 'id' },
      // a V2 ID's problem has no cause to group by: it is reported as a finding of its own
      report: (f, _, ctx) => reportLegacy(ctx, f, f.idCell!),
    }),
    // a V2 ID beside the CID (both columns): checked as the V2 ID it is
    rowCheck({
      reads: ['legacyId', 'metal', 'country'],
      judge: (f, ctx) =>
        f.legacyIdCell && isCheckable(f) && LEGACY_ID.test(f.legacyIdCell.value.trim()) && legacyProblem(ctx, f, f.legacyIdCell)
          ? true
          : null,
      report: (f, _, ctx) => reportLegacy(ctx, f, f.legacyIdCell!),
    }),
  ],
};

interface Diagnosis {
  message: string;
  cause: string;
  /** The fix of a reported row's ID (one function for the rows of the diagnosis). */
  fixes?: (report: ReportInput) => Fix[];
}

/** What is wrong with a malformed ID on this row, or null when it is well formed. */
function diagnose(ctx: RuleContext, f: RowFacts, value: string): Diagnosis | null {
  const d = diagnoseCid(value);
  if (d.ok) return null;
  const suggestion = d.normalized ?? d.candidate;
  const record = suggestion ? ctx.reference.lookupCid(suggestion) : undefined;
  const agreement = suggestion ? referenceAgreement(ctx, f, suggestion) : undefined;
  const named = record ? `${quote(record.name)}, ${record.metal.toLowerCase()}` : '';
  const hint = suggestion
    ? agreement === 'disagrees'
      ? ` In the reference (${ctx.reference.info.source}) ${suggestion} is ${named}, not this row's smelter: look the smelter up.`
      : ` Did you mean ${suggestion}?${record ? ` In the reference (${ctx.reference.info.source}) it is ${named}.` : ''}`
    : '';
  // fix-all only when no digit changes and the reference does not contradict the row
  const certain = !!d.normalized && agreement !== 'disagrees' && agreement !== 'unknown-to-complete-list';
  const title = suggestion && agreement !== 'disagrees' ? `Change to ${suggestion}${record ? `: ${named}` : ''}` : undefined;
  return {
    message: `Smelter ID ${quote(value)} is malformed: ${d.problem}.${hint}`,
    // one way of writing IDs wrong throughout a list is one cause; fixes of one certainty only per group
    cause: `${d.problem}\u0000${certain}\u0000${agreement === 'disagrees'}\u0000${!!suggestion}`,
    fixes: suggestion && title ? (report) => [replaceCell(report.row!.idCell!, suggestion, title, certain)] : undefined,
  };
}

type Agreement = 'agrees' | 'disagrees' | 'unknown' | 'unknown-to-complete-list';

/** Whether the reference's smelter of a proposed CID is the row's: same metal, and a name that agrees. */
function referenceAgreement(ctx: RuleContext, f: RowFacts, cid: string): Agreement {
  const record = ctx.reference.lookupCid(cid);
  if (!record) return ctx.reference.info.complete ? 'unknown-to-complete-list' : 'unknown';
  if (f.metal && f.metal.info.metal !== record.metal) return 'disagrees';
  if (f.nameCell && f.nameCell.value !== '' && !f.placeholder && !ctx.reference.nameAgrees(record, f.nameCell.value)) return 'disagrees';
  return 'agrees';
}

const legacyEras = new WeakMap<RuleContext['analysis'], Set<unknown>>();

/**
 * Tables of the V2 era: the filing is for a year before 2014, or most of the table's IDs are V2 IDs (a CMRT
 * 2.x/3.x export). There a V2 ID is right, and is checked instead: its metal digit and country code.
 */
function legacyTables(ctx: RuleContext): Set<unknown> {
  let out = legacyEras.get(ctx.analysis);
  if (out) return out;
  out = new Set<unknown>();
  legacyEras.set(ctx.analysis, out);
  // the rows' IDs in classes of one value per table, each classified once: a V2 ID, a CID, or neither
  const ids = ctx.classes(['id'], (f) => f.row.table.columns.id !== undefined);
  const counts = new Map<unknown, { legacy: number; cids: number }>();
  for (const first of ids.firsts) {
    const t = (first.idCell?.value ?? '').trim();
    let c = counts.get(first.row.table);
    if (!c) counts.set(first.row.table, (c = { legacy: 0, cids: 0 }));
    if (LEGACY_ID.test(t)) c.legacy += ids.count(ids.classOf(first));
    else if (/^CID\d/i.test(t)) c.cids += ids.count(ids.classOf(first));
  }
  for (const [table, { legacy, cids }] of counts)
    if (legacy > 0 && ((ctx.year !== undefined && ctx.year < 2014) || legacy >= cids)) out.add(table);
  return out;
}

/** What is wrong with a V2 ID on this row: its metal digit or country code disagrees with the row (undefined: nothing). */
function legacyProblem(ctx: RuleContext, f: RowFacts, cell: Cell): string | undefined {
  const m = LEGACY_ID.exec(cell.value.trim())!;
  const problems: string[] = [];
  const digitMetal = METALS.find((x) => x.legacyIdDigit === m[1])?.metal;
  if (f.metal && digitMetal && digitMetal !== f.metal.info.metal)
    problems.push(`its metal digit ${m[1]} means ${digitMetal.toLowerCase()}, but the row is ${f.metal.info.metal.toLowerCase()}`);
  if (f.country && f.country.country.alpha3 !== m[2]) {
    const named = ctx.countries.countries.find((c) => c.alpha3 === m[2]);
    problems.push(`its country code ${m[2]} is ${named ? named.isoName : 'no country'}, but the row says ${f.countryCell!.value}`);
  }
  return problems.length === 0 ? undefined : `The CFSI smelter ID ${quote(cell.value)} does not fit this row: ${problems.join('; ')}.`;
}

function reportLegacy(ctx: RuleContext, f: RowFacts, cell: Cell): void {
  ctx.report({ start: cell.start, end: cell.end, message: legacyProblem(ctx, f, cell)! });
}
