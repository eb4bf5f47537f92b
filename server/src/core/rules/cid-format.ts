import type { Cell } from '../parse/cells';
import type { ReportInput, Rule, RuleContext } from '../rule';
import type { Fix } from '../types';
import type { RowFacts } from '../analysis';
import { METALS } from '../data/metals';
import { isNullId } from '../analysis';
import { CID_PATTERN, diagnoseCid, LEGACY_ID } from '../cid';
import { checkRows, eachJudged, isCheckable, quote, replaceCell } from './util';

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
  check(ctx) {
    const legacyEra = legacyTables(ctx);
    const diagnosed = new Map<string, Diagnosis | null>();
    // whether an ID value is well formed or says "no ID", once per value
    const fine = new Map<string, boolean>();
    const isFine = (v: string) => {
      let yes = fine.get(v);
      if (yes === undefined) fine.set(v, (yes = CID_PATTERN.test(v) || isNullId(v)));
      return yes;
    };
    // what is wrong with a row's ID is decided once per row kind (a merged list repeats its rows)
    const verdictOf = (f: RowFacts): Diagnosis | 'legacy' | null => {
      if (!isCheckable(f) || !f.idCell || isFine(f.idCell.value)) return null; // well formed: most rows
      if (legacyEra.has(f.row.table) && LEGACY_ID.test(f.idCell.value.trim())) return 'legacy';
      // each (ID, metal, name) is diagnosed once
      const key = `${f.idCell.value}\u0000${f.metal?.info.metal ?? ''}\u0000${f.placeholder ? '' : (f.nameCell?.value ?? '')}`;
      let known = diagnosed.get(key);
      if (known === undefined) diagnosed.set(key, (known = diagnose(ctx, f, f.idCell.value)));
      return known;
    };
    eachJudged(ctx, verdictOf, (f, verdict) => {
      if (verdict === 'legacy') checkLegacy(ctx, f);
      else ctx.report({ start: f.startOf('id'), end: f.endOf('id'), message: verdict.message, cause: verdict.cause, row: f, fixes: verdict.fixes });
    });
    // a V2 ID beside the CID (both columns): checked as the V2 ID it is
    checkRows(ctx, (f, ctx) => {
      if (f.legacyIdCell && isCheckable(f) && LEGACY_ID.test(f.legacyIdCell.value.trim())) checkLegacy(ctx, f, f.legacyIdCell);
    });
  },
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

/**
 * Tables of the V2 era: the filing is for a year before 2014, or most of the table's IDs are V2 IDs (a CMRT
 * 2.x/3.x export). There a V2 ID is right, and is checked instead: its metal digit and country code.
 */
function legacyTables(ctx: RuleContext): Set<unknown> {
  const out = new Set<unknown>();
  for (const table of ctx.model.tables) {
    if (table.columns.id === undefined) continue;
    let legacy = 0;
    let cids = 0;
    // a list repeats its rows: each row kind's ID is classified once (1 a V2 ID, 2 a CID, 3 neither)
    const classes = new Uint8Array(ctx.model.kindCount);
    for (const row of table.rows) {
      let c = classes[row.kind];
      if (c === 0) {
        const t = (row.cells[table.columns.id]?.value ?? '').trim();
        classes[row.kind] = c = LEGACY_ID.test(t) ? 1 : /^CID\d/i.test(t) ? 2 : 3;
      }
      if (c === 1) legacy++;
      else if (c === 2) cids++;
    }
    if (legacy > 0 && ((ctx.year !== undefined && ctx.year < 2014) || legacy >= cids)) out.add(table);
  }
  return out;
}

function checkLegacy(ctx: RuleContext, f: RowFacts, cell: Cell = f.idCell!): void {
  const m = LEGACY_ID.exec(cell.value.trim())!;
  const problems: string[] = [];
  const digitMetal = METALS.find((x) => x.legacyIdDigit === m[1])?.metal;
  if (f.metal && digitMetal && digitMetal !== f.metal.info.metal) problems.push(`its metal digit ${m[1]} means ${digitMetal.toLowerCase()}, but the row is ${f.metal.info.metal.toLowerCase()}`);
  if (f.country && f.country.country.alpha3 !== m[2]) {
    const named = ctx.countries.countries.find((c) => c.alpha3 === m[2]);
    problems.push(`its country code ${m[2]} is ${named ? named.isoName : 'no country'}, but the row says ${f.countryCell!.value}`);
  }
  if (problems.length === 0) return;
  ctx.report({ start: cell.start, end: cell.end, message: `The CFSI smelter ID ${quote(cell.value)} does not fit this row: ${problems.join('; ')}.` });
}
