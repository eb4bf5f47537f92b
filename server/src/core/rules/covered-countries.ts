import type { Rule } from '../rule';
import { COVERED_COUNTRY_CODES, countryKey } from '../data/countries';
import { sentences } from '../prose/sentences';

/** Sentences that state the Covered Countries. */
const ABOUT_COVERED = /covered countr|adjoining countr|neighbou?ring countr/i;

export const coveredCountries: Rule = {
  id: 'covered-countries',
  description: 'A stated list of the Covered Countries that is not exactly the DRC and its nine adjoining countries.',
  defaultSeverity: 'warning',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'country'],
  docs: `## What it catches
A sentence that lists the "Covered Countries" (or the DRC's "adjoining countries") by name, where the list is
not exactly the Democratic Republic of the Congo, Angola, Burundi, Central African Republic, the Republic of
the Congo, Rwanda, South Sudan, Tanzania, Uganda and Zambia: a country missing (often South Sudan, a covered
country since 2011) or one that is not covered.

## Why it matters
Rule 13p-1 defines the Covered Countries; a report that lists them wrongly states its inquiry's scope wrongly.

## Example
\`\`\`
the Democratic Republic of the Congo and its adjoining countries, Angola, Burundi, the Central African
Republic, the Republic of the Congo, Rwanda, Tanzania, Uganda and Zambia (the "Covered Countries")
\`\`\`
South Sudan is missing.

## Fix
List all ten, or refer to "the DRC and its adjoining countries" without naming them.`,
  check(ctx) {
    const text = ctx.model.text;
    const names = countryNamePattern(ctx);
    for (const s of sentences(text)) {
      if (!ABOUT_COVERED.test(s.text)) continue;
      const found = new Map<string, number>();
      names.lastIndex = 0;
      for (let m = names.exec(s.text); m; m = names.exec(s.text)) {
        const c = ctx.countries.resolve(m[0]);
        if (c && !found.has(c.country.alpha2)) found.set(c.country.alpha2, m.index);
      }
      if (found.size < 4) continue; // a mention, not a list
      const missing = [...COVERED_COUNTRY_CODES].filter((c) => !found.has(c));
      const extra = [...found.keys()].filter((c) => !COVERED_COUNTRY_CODES.has(c));
      if (missing.length === 0 && extra.length === 0) continue;
      const name = (c: string) => ctx.countries.get(c)!.isoName;
      const parts = [];
      if (missing.length) parts.push(`it leaves out ${missing.map(name).join(', ')}`);
      if (extra.length) parts.push(`${extra.map(name).join(', ')} ${extra.length === 1 ? 'is' : 'are'} not a Covered Country`);
      ctx.report({
        start: s.start,
        end: s.end,
        message: `This list of the Covered Countries is not the DRC and its nine adjoining countries: ${parts.join('; ')}.`,
      });
    }
  },
};

let cached: RegExp | undefined;
/** Every country name and alias, longest first, as one pattern (so "Democratic Republic of the Congo" wins over "Congo"). */
function countryNamePattern(ctx: Parameters<Rule['check']>[0]): RegExp {
  if (!cached) {
    const names = new Set<string>();
    for (const c of ctx.countries.countries) {
      for (const n of [c.isoName, c.cmrtName, ...c.aliases, ...c.formerNames.map((f) => f.name)]) {
        if (n.length >= 4 && countryKey(n)) names.add(n);
      }
      const short = c.isoName.split(/[,(]/)[0].trim();
      if (short.length >= 4) names.add(short);
    }
    names.add('the Central African Republic');
    names.add('Republic of the Congo');
    names.add('Democratic Republic of the Congo');
    const esc = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    cached = new RegExp(`\\b(?:${esc.join('|')})\\b`, 'gi');
  }
  return new RegExp(cached.source, 'gi');
}
