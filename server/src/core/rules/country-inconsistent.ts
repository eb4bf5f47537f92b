import type { Rule } from '../rule';
import type { RowFacts } from '../analysis';
import { groupBy, isCheckable, plural, quote, replaceCell, rowKinds } from './util';
import type { RelatedLocation } from '../types';

export const countryInconsistent: Rule = {
  id: 'country-inconsistent',
  description: "One country spelled several ways in one document, or in another case than the document's style; flags the minority spellings.",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: true,
  tags: ['country', 'consistency'],
  // in a CMRT workbook the drop-down decides the spelling (cmrt-country) and repeats are cmrt-repeated-smelter
  media: ['filing', 'list'],
  docs: `## What it catches
One country written several ways in the same document (\`UNITED STATES OF AMERICA\` and
\`United States Of America\`, \`CZECH REPUBLIC\` and \`CZECHIA\`), or written in another case than the rest of the
document (\`China\` among upper-case CMRT names). The spelling most rows use, in the document's style, is taken
as right and the others are flagged, pointing at a row that uses it. Aliases are reported by \`country-alias\`.

## Why it matters
Inconsistent spellings make the same country count twice in any summary by country, and read as an unchecked
copy-paste from several suppliers' templates.

## Example
\`\`\`
Tungsten	Global Tungsten & Powders Corp.	UNITED STATES OF AMERICA
Tungsten	Global Tungsten & Powders LLC	United States Of America
\`\`\`

## Fix
Use the document's spelling (\`UNITED STATES OF AMERICA\`).`,
  check(ctx) {
    const style = ctx.analysis.style;
    // in a filing for readers any clear name is right (see country-alias): only several spellings of one
    // country are reported, the majority spelling being the one to follow
    const forReaders = ctx.medium === 'filing' && !ctx.analysis.styleChosen;
    // rows of one kind have one spelling: the spellings are counted by kind, and their rows reported afterwards
    const { firsts, counts } = rowKinds(
      ctx,
      (f) =>
        isCheckable(f) &&
        !!f.countryCell &&
        !!f.country &&
        (forReaders ? !ctx.countries.ambiguity(f.countryCell.value) && (f.country.kind !== 'former' || ctx.countries.isOfficialFor(f.country, ctx.year)) : ctx.countries.isOfficialFor(f.country, ctx.year)),
    );
    const official = (f: RowFacts) => ctx.countries.isOfficialFor(f.country!, ctx.year);
    const inStyle = (v: string) => (style === 'cmrt' ? !/[a-z]/.test(v) : /[a-z]/.test(v));
    // what the rows of a spelling are told, per spelling of each country
    const verdicts = new Array<{ message: string; spelling: string; target: string; related?: RelatedLocation[] } | undefined>(ctx.analysis.kindCount);
    let any = false;
    for (const [, group] of groupBy(firsts, (f) => f.country!.country.alpha2)) {
      const bySpelling = groupBy(group, (f) => f.countryCell!.value);
      const rowsOf = (ks: RowFacts[]) => ks.reduce((n, f) => n + counts[f.kind], 0);
      const ranked = [...bySpelling.entries()]
        .map(([spelling, ks]) => ({ spelling, ks, rows: rowsOf(ks) }))
        .sort((a, b) =>
          forReaders
            ? b.rows - a.rows || Number(official(b.ks[0])) - Number(official(a.ks[0])) || Number(inStyle(b.spelling)) - Number(inStyle(a.spelling))
            : Number(inStyle(b.spelling)) - Number(inStyle(a.spelling)) || b.rows - a.rows,
        );
      if (forReaders && ranked.length < 2) continue;
      const expected = ranked[0];
      const country = group[0].country!.country;
      const target = forReaders || inStyle(expected.spelling) ? expected.spelling : ctx.countries.canonical(country, style);
      // the first row of the expected spelling (its kinds are in the order their rows first appear)
      const reference: RowFacts | undefined = forReaders || inStyle(expected.spelling) ? expected.ks[0] : undefined;
      const summary = ranked.map((r) => `${quote(r.spelling)} ×${r.rows}`).join(', ');
      // one message and one related place per spelling, shared by its rows (a merged list repeats a spelling thousands of times)
      const related = reference ? [{ start: reference.countryCell!.start, end: reference.countryCell!.end, message: `spelled ${quote(target)} here` }] : undefined;
      for (const { spelling, ks } of ranked) {
        if (spelling === target) continue;
        const message = reference
          ? `${quote(spelling)} is spelled ${quote(target)} in ${plural(expected.rows, 'other row')} of this document: ${summary}.`
          : `${quote(spelling)} is not in this document's style, ${ctx.analysis.styleReason}: write ${quote(target)}.`;
        for (const f of ks) verdicts[f.kind] = { message, spelling, target, related };
        any = true;
      }
    }
    if (!any) return;
    for (const f of ctx.analysis.rows) {
      const verdict = verdicts[f.kind];
      if (!verdict) continue;
      const { target } = verdict;
      ctx.report({
        start: f.startOf('country'),
        end: f.endOf('country'),
        message: verdict.message,
        cause: verdict.spelling,
        related: verdict.related,
        fixes: () => [replaceCell(f.countryCell!, target, `Change to '${target}'`, true)],
      });
    }
  },
};
