import type { Rule, RuleContext } from '../rule';
import type { RowFacts } from '../analysis';
import { CID_PATTERN } from '../cid';
import type { ClassVerdict } from '../rule';
import type { SmelterRecord } from '../data/smelters';
import { rowCheck } from '../engine';
import { referenceIndex, sameSmelterCountry } from '../identity';
import { groupBy2, isSmelterRow, lineOf, quote, replaceCell } from './util';

export const smelterMultiCountry: Rule = {
  id: 'smelter-multi-country',
  description: "The same smelter and metal listed under different countries, or in another country than the reference's.",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['country', 'consistency'],
  docs: `## What it catches
Rows with the same metal and the same smelter name (ignoring case, punctuation, accents and spacing, but not
legal form) in different countries. Distinct entities of one brand, whose names differ in legal form (H.C.
Starck Co., Ltd. / Inc. / Ltd.), and rows with different CIDs are not reported.

## Why it matters
A smelter has one location. Two countries for it means one row is wrong — and if either country is a Covered
Country, the report's statements about sourcing from the region depend on which.

## Example
\`\`\`
Tin	Thai Nguyen Mining and Metallurgy Co., Ltd	INDONESIA
Tin	Thai Nguyen Mining and Metallurgy Co., Ltd.	VIET NAM
\`\`\`

When the reference knows where the smelter is, the finding is on the rows that place it elsewhere;
otherwise on the rows that differ from the first.

With RMI's list (a complete reference), a row alone is reported too when the list places its smelter
elsewhere: a row without one of the list's CIDs (a CID's country is \`cid-mismatch\`'s) whose name or alias names one smelter of its metal
in the reference. Hong Kong, Macao and Taiwan written as China, or the other way round, are not reported:
RMI lists Hong Kong refiners under China, and suppliers write either.

## Fix
Keep the smelter's real country (RMI's look-up gives it) and delete or correct the other row.`,
  perRow: [
    rowCheck({
      reads: ['metal', 'name', 'country', 'id'],
      judge(f, ctx): ClassVerdict | null {
        const placed = offReference(ctx, f);
        if (!placed) return null;
        const country = ctx.countries.canonical(ctx.countries.get(placed.country)!, ctx.analysis.style);
        return {
          message: `${quote(f.nameCell!.value)}, ${f.metal!.info.metal}, is ${placed.cid}, ${quote(placed.name)}, which the reference (${ctx.reference.info.source}) places in ${country}, not in ${quote(f.countryCell!.value)}; a smelter has one location.`,
          fixes: (report) => [replaceCell(report.row!.countryCell!, country, `Change the country to '${country}'`)],
        };
      },
      report: (f, verdict, ctx) => ctx.report({ ...verdict, start: f.startOf('country'), end: f.endOf('country'), row: f }),
    }),
  ],
  check(ctx) {
    // a smelter's rows are compared by their distinct names, metals, countries and IDs, then reported
    const classes = ctx.classes(['metal', 'name', 'country', 'id'], (f) => isSmelterRow(f) && !!f.country && f.looseName !== '');
    const verdicts = new Map<number, ClassVerdict>();
    for (const group of groupBy2(
      classes.firsts,
      (f) => f.metalKey,
      (f) => f.looseName,
    )) {
      // one class: the same smelter in one country
      if (group.length < 2) continue;
      // where the reference places the smelter, the rows elsewhere are the ones to fix; else the first row is the yardstick
      const placed = referenceCountry(ctx, group[0]);
      const placeOf = (g: RowFacts) => g.country!.country.alpha2;
      const yardstick = (placed && group.find((g) => sameSmelterCountry(placeOf(g), placed))) || (placed ? undefined : group[0]);
      for (const f of group) {
        if (f === yardstick) continue;
        const other = yardstick ?? group.find((g) => !sameSmelterCountry(placeOf(g), placeOf(f)));
        if (!other || sameSmelterCountry(placeOf(f), placeOf(other))) continue;
        if (placed && sameSmelterCountry(f.country!.country.alpha2, placed)) continue;
        if (offReference(ctx, f)) continue; // told by the check of one row
        const a = other.idCell?.value ?? '';
        const b = f.idCell?.value ?? '';
        if (CID_PATTERN.test(a) && CID_PATTERN.test(b) && a !== b) continue;
        const where = placed
          ? ` The reference (${ctx.reference.info.source}) places it in ${ctx.countries.canonical(ctx.countries.get(placed)!, ctx.analysis.style)}.`
          : '';
        verdicts.set(classes.classOf(f), {
          message: `${quote(f.nameCell!.value)}, ${f.metal?.info.metal ?? f.metalCell?.value}, is in ${quote(other.countryCell!.value)} on line ${lineOf(other.row)} but in ${quote(f.countryCell!.value)} here; a smelter has one location.${where}`,
          related: [
            {
              start: other.countryCell!.start,
              end: other.countryCell!.end,
              message: `${quote(other.nameCell!.value)} in ${quote(other.countryCell!.value)}`,
            },
          ],
        });
      }
    }
    classes.reportEach((cls) => verdicts.get(cls), 'country');
  },
};

/**
 * The reference smelter a row without one of the reference's CIDs names (by name or alias, or without legal
 * forms), when the reference places it in another country than the row.
 */
function offReference(ctx: RuleContext, f: RowFacts): (SmelterRecord & { country: string }) | undefined {
  if (!isSmelterRow(f) || !f.country || !f.metal || !f.countryCell) return undefined;
  // a CMRT's look-up choice and its country are the template's to check (cmrt-country, cmrt-smelter-list)
  if (ctx.workbook && f.nameAt === f.row.table.columns.lookup) return undefined;
  const id = f.idCell?.value ?? '';
  if (CID_PATTERN.test(id) && ctx.reference.lookupCid(id)) return undefined;
  // RMI's list only: the bundled sample places smelters as the filings it comes from did
  if (!ctx.reference.info.complete) return undefined;
  const found = referenceIndex(ctx.reference).match(f.nameCell!.value, f.metal.info.metal);
  if (!found || found.by === 'typo') return undefined;
  const rec = found.record;
  if (!rec.country || sameSmelterCountry(rec.country, f.country.country.alpha2)) return undefined;
  // an alias naming a plant's country (Alpha Metals Korea Ltd. of a US company): the row is where the name says
  if (namesCountry(ctx, f.nameCell!.value, f.country.country.alpha2)) return undefined;
  return rec as SmelterRecord & { country: string };
}

/** Whether one of a name's words, or two of them together, is a name of the country ("Korea", "Hong Kong"). */
function namesCountry(ctx: RuleContext, name: string, alpha2: string): boolean {
  const words = name.split(/[\s,.()/-]+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
  for (let i = 0; i < words.length; i++) {
    for (const text of [words[i], i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '']) {
      if (text && ctx.countries.resolve(text)?.country.alpha2 === alpha2) return true;
    }
  }
  return false;
}

/** The country the reference gives the row's smelter, when it knows exactly one. */
function referenceCountry(ctx: RuleContext, f: RowFacts): string | undefined {
  if (!f.metal) return undefined;
  const countries = new Set(
    ctx.reference
      .findByName(f.nameCell!.value, f.metal.info.metal)
      .filter((m) => m.exact && m.record.country)
      .map((m) => m.record.country!),
  );
  return countries.size === 1 ? [...countries][0] : undefined;
}
