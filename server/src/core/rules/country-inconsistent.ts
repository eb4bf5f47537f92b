import type { Rule } from '../rule';
import type { RowFacts } from '../analysis';
import type { ClassVerdict } from '../rule';
import { groupBy, isCheckable, plural, quote, replaceCell } from './util';

export const countryInconsistent: Rule = {
  id: 'country-inconsistent',
  description:
    "One country spelled several ways in one document, or in another case than the document's style; flags the minority spellings.",
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
    // the spellings of the country cells the rule looks at, counted (rows alike in their country cell are
    // looked at once), then judged, then their rows reported
    // whether a spelling is one to compare
    const lookedAt = (f: RowFacts) =>
      forReaders
        ? !ctx.countries.ambiguity(f.countryCell!.value) &&
          (f.country!.kind !== 'former' || ctx.countries.isOfficialFor(f.country!, ctx.year))
        : ctx.countries.isOfficialFor(f.country!, ctx.year);
    const classes = ctx.classes(['country'], (f) => isCheckable(f) && !!f.countryCell && !!f.country && lookedAt(f));
    const spellings = new Map<string, Spelling>();
    const spellingOf = new Map<number, Spelling>();
    for (const first of classes.firsts) {
      const v = first.countryCell!.value;
      let spelling = spellings.get(v);
      if (!spelling) spellings.set(v, (spelling = { value: v, first, rows: 0 }));
      spelling.rows += classes.count(classes.classOf(first));
      spellingOf.set(classes.classOf(first), spelling);
    }
    const official = (sp: Spelling) => ctx.countries.isOfficialFor(sp.first.country!, ctx.year);
    const inStyle = (v: string) => (style === 'cmrt' ? !/[a-z]/.test(v) : /[a-z]/.test(v));
    for (const [, group] of groupBy(spellings.values(), (sp) => sp.first.country!.country.alpha2)) {
      const ranked = group.sort((a, b) =>
        forReaders
          ? b.rows - a.rows || Number(official(b)) - Number(official(a)) || Number(inStyle(b.value)) - Number(inStyle(a.value))
          : Number(inStyle(b.value)) - Number(inStyle(a.value)) || b.rows - a.rows,
      );
      if (forReaders && ranked.length < 2) continue;
      const expected = ranked[0];
      const country = expected.first.country!.country;
      const target = forReaders || inStyle(expected.value) ? expected.value : ctx.countries.canonical(country, style);
      // the first row of the expected spelling
      const reference: RowFacts | undefined = forReaders || inStyle(expected.value) ? expected.first : undefined;
      const summary = ranked.map((sp) => `${quote(sp.value)} ×${sp.rows}`).join(', ');
      // one message and one related place per spelling, shared by its rows (a merged list repeats a spelling thousands of times)
      const related = reference
        ? [{ start: reference.countryCell!.start, end: reference.countryCell!.end, message: `spelled ${quote(target)} here` }]
        : undefined;
      for (const sp of ranked) {
        if (sp.value === target) continue;
        const message = reference
          ? `${quote(sp.value)} is spelled ${quote(target)} in ${plural(expected.rows, 'other row')} of this document: ${summary}.`
          : `${quote(sp.value)} is not in this document's style, ${ctx.analysis.styleReason}: write ${quote(target)}.`;
        sp.verdict = {
          message,
          cause: sp.value,
          related,
          fixes: (report) => [replaceCell(report.row!.countryCell!, target, `Change to '${target}'`, true)],
        };
      }
    }
    classes.reportEach((cls) => spellingOf.get(cls)?.verdict, 'country');
  },
};

/** A spelling of a country in the document: its first row, its number of rows, and what its rows are told. */
interface Spelling {
  value: string;
  first: RowFacts;
  rows: number;
  verdict?: ClassVerdict;
}
