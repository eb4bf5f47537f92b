import type { Rule } from '../rule';
import type { RuleContext } from '../rule';
import { rowCheck } from '../engine';
import { Country, COVERED_COUNTRY_CODES, countryKey } from '../data/countries';
import { EARLY_CMRT_COUNTRY_NAMES, isCheckable, isEarlyCmrtTable, quote, replaceCell } from './util';

export const countryAlias: Rule = {
  id: 'country-alias',
  description:
    'A country name that misleads a reader (two countries, outdated for the year); in a data list or a chosen style, any name but the official one.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: true,
  tags: ['country', 'style'],
  // in a CMRT workbook the drop-down decides the spelling (cmrt-country) and repeats are cmrt-repeated-smelter
  media: ['filing', 'list'],
  docs: `## What it catches
What a country name gets wrong depends on the medium.

**In a filing** (text written for readers) any clear name is right — \`United States\`, \`Taiwan\`, \`Bolivia\` —
unless you choose a country style. Reported are only the names that mislead a reader or a regulator:
- a name of two countries: \`Korea\` (South or North), \`Congo\` (the Republic of the Congo or the Democratic
  Republic of the Congo), \`Virgin Islands\`;
- a former official name after it changed: \`Czech Republic\` after 2019, \`Swaziland\` after 2018, for the
  filing's reporting year.
Several spellings of one country in one filing are \`country-inconsistent\`'s; misspellings \`country-unknown\`'s.

**In a data list** (CSV/TSV, CMRT exports), or in a filing whose country style you chose (\`countryStyle\`:
\`cmrt\` or \`iso\`), names must be the official ones of the style: an alias (\`USA\`, \`UNITED STATES\`,
\`Vietnam\`, \`Russia\`, \`BOLIVIA\`), a code, or a former name after it changed is reported. A name that was
official in the reporting year is right. \`auto\` takes the style most country cells use.

One name used on many rows is one finding, with the count and the rows.

## Why it matters
Matching against RMI's lists and the CMRT drop-down needs the official names; readers need names that say
which country is meant — one of the two Congos is the DRC.

## Example
\`\`\`
Tin	EM Vinto	BOLIVIA
Tantalum	Foxtrot Metals	Congo
\`\`\`

## Fix
Replace with the official name (\`BOLIVIA (PLURINATIONAL STATE OF)\` in a CMRT-style list), or with an
unambiguous one (\`Korea, Republic of\`). For \`Congo\` the fix is offered but not applied by fix-all: only you
know which country is meant.`,
  perRow: [
    rowCheck({
      reads: ['country'],
      judge(f, ctx): Verdict | null {
        if (!isCheckable(f) || !f.countryCell || !f.country) return null;
        // a filing is written for readers: its names need not be ISO's or the CMRT's unless the user chose a
        // style; there only what misleads a reader is reported — a name of two countries, a name outdated for the year
        const forReaders = ctx.medium === 'filing' && !ctx.analysis.styleChosen;
        const m = f.country;
        const value = f.countryCell.value;
        const ambiguous = forReaders ? ctx.countries.ambiguity(value) : undefined;
        if (ambiguous && ambiguous.length > 1) return ambiguousVerdict(ctx, value, m.country, ambiguous);
        if (ctx.countries.isOfficialFor(m, ctx.year)) return null;
        if (forReaders && m.kind !== 'former') return null;
        // a CMRT 2.x/3.x list spells countries as its drop-down did
        if (ctx.medium === 'list' && EARLY_CMRT_COUNTRY_NAMES.has(value) && isEarlyCmrtTable(ctx, f.row.table)) return null;
        const canonical = ctx.countries.canonical(m.country, ctx.analysis.style);
        let why: string;
        if (m.kind === 'former') why = `was the official name until ${m.until}; for ${ctx.year} write '${canonical}'`;
        else if (m.kind === 'code') why = `is the ISO code of ${m.country.isoName}; write the name '${canonical}'`;
        else if (m.translated)
          why = `is the country's name in another language; the ${ctx.analysis.style === 'cmrt' ? 'CMRT' : 'ISO'} name is English: write '${canonical}'`;
        else if (withoutAccents(value) === withoutAccents(canonical))
          why = `is the official name written with other accents; lists are matched on the exact spelling: write '${canonical}'`;
        else why = `is a common name, not the official ${ctx.analysis.style === 'cmrt' ? 'CMRT' : 'ISO'} name: write '${canonical}'`;
        return { message: `${quote(value)} ${why}.`, cause: value, name: canonical, certain: true };
      },
      told: (verdict) => ({
        message: verdict.message,
        cause: verdict.cause,
        fixes: (report) => [replaceCell(report.row!.countryCell!, verdict.name, `Change to '${verdict.name}'`, verdict.certain)],
        at: 'country',
      }),
    }),
  ],
};

/** A name in lower case without its accents: "Perú" and "PERU", "Turkiye" and "Türkiye" are one spelling. */
function withoutAccents(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** How readers call the countries of the ambiguous names, and an unambiguous name where ISO's short one is not. */
const READER_NAMES: Record<string, string> = {
  KR: 'South Korea',
  KP: 'North Korea',
  CG: 'the Republic of the Congo',
  CD: 'the Democratic Republic of the Congo',
  VG: 'the British Virgin Islands',
  VI: 'the U.S. Virgin Islands',
};
const UNAMBIGUOUS: Record<string, string> = { CG: 'Republic of the Congo' };

/** What a country cell is told: the message, its cause, and the name to write (certain: a fix for fix-all). */
interface Verdict {
  message: string;
  cause: string;
  name: string;
  certain: boolean;
}

/** A name readers may take for two countries: the unambiguous name, as a fix-all fix only when it is the official one. */
function ambiguousVerdict(ctx: RuleContext, value: string, meant: Country, countries: Country[]): Verdict {
  const official = ctx.countries.canonical(meant, ctx.analysis.style);
  const clear = countryKey(official) !== countryKey(value);
  const plain = UNAMBIGUOUS[meant.alpha2] ?? official;
  const name = clear ? official : ctx.analysis.style === 'cmrt' ? plain.toUpperCase() : plain;
  const readings = countries.map((c) => READER_NAMES[c.alpha2] ?? c.isoName);
  const covered = countries.filter((c) => COVERED_COUNTRY_CODES.has(c.alpha2)).length;
  const note = covered === countries.length ? ', both Covered Countries' : covered > 0 ? `, and only one of them is a Covered Country` : '';
  return {
    message: `${quote(value)} can be read as ${readings.join(' or ')}${note}: write ${quote(name)} if ${READER_NAMES[meant.alpha2] ?? meant.isoName} is meant.`,
    cause: `ambiguous\u0000${value}`,
    name,
    certain: clear,
  };
}
