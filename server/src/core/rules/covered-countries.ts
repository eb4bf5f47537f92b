import type { Rule, RuleContext } from '../rule';
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
    for (const s of sentences(text)) {
      if (!ABOUT_COVERED.test(s.text)) continue;
      const found = new Map<string, number>();
      for (const m of findCountryNames(ctx, s.text)) {
        const c = ctx.countries.resolve(m.name);
        if (c && !found.has(c.country.alpha2)) found.set(c.country.alpha2, m.index);
      }
      if (found.size < 4) continue; // a mention, not a list
      const missing = [...COVERED_COUNTRY_CODES].filter((c) => !found.has(c));
      const extra = [...found.keys()].filter((c) => !COVERED_COUNTRY_CODES.has(c));
      if (missing.length === 0 && extra.length === 0) continue;
      // ISO's short name of the Republic of the Congo is 'Congo': readers must not take it for the DRC
      const name = (c: string) =>
        c === 'CG'
          ? 'the Republic of the Congo'
          : c === 'CD'
            ? 'the Democratic Republic of the Congo'
            : ctx.countries.get(c)!.isoName.replace(/,.*$/, '');
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

/** Country names and aliases by countryKey, and the most words any of them has. */
let names: { keys: Set<string>; maxWords: number; firstWords: Set<string> } | undefined;

function countryNames(ctx: RuleContext): { keys: Set<string>; maxWords: number; firstWords: Set<string> } {
  if (!names) {
    const keys = new Set<string>();
    for (const c of ctx.countries.countries) {
      for (const n of [c.isoName, c.cmrtName, ...c.aliases, ...c.formerNames.map((f) => f.name), c.isoName.split(/[,(]/)[0].trim()]) {
        const key = n.length >= 4 ? countryKey(n) : '';
        if (key) keys.add(key);
      }
    }
    for (const n of ['Central African Republic', 'Republic of the Congo', 'Democratic Republic of the Congo']) keys.add(countryKey(n));
    names = {
      keys,
      maxWords: Math.max(...[...keys].map((k) => k.split(' ').length)),
      firstWords: new Set([...keys].map((k) => k.split(' ')[0])),
    };
  }
  return names;
}

/**
 * The country names in a sentence, longest first at each word ("Democratic Republic of the Congo" wins over
 * "Congo"): word n-grams looked up by key, so the cost is the sentence's words times the longest name's.
 */
function findCountryNames(ctx: RuleContext, text: string): Array<{ name: string; index: number }> {
  const { keys, maxWords, firstWords } = countryNames(ctx);
  const words = [...text.matchAll(/[\p{L}\p{M}\p{N}'’.&-]+/gu)];
  const out: Array<{ name: string; index: number }> = [];
  for (let i = 0; i < words.length; i++) {
    // a name starts with a word some country's name starts with ("the" has no key of its own: it may start one)
    const first = countryKey(words[i][0]);
    if (first !== '' && !firstWords.has(first.split(' ')[0])) continue;
    for (let n = Math.min(maxWords + 1, words.length - i); n >= 1; n--) {
      const last = words[i + n - 1];
      const name = text.slice(words[i].index, last.index + last[0].length).replace(/(?<![.,;:])[.,;:]+$/, '');
      if (name.length < 4 || !keys.has(countryKey(name))) continue;
      out.push({ name, index: words[i].index });
      i += n - 1;
      break;
    }
  }
  return out;
}
