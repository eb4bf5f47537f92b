import type { Rule } from '../rule';
import { isCheckable, quote, replaceCell } from './util';

export const countryAlias: Rule = {
  id: 'country-alias',
  description: "A real country written with an alias or an outdated name instead of the style's official name.",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: true,
  tags: ['country', 'style'],
  // in a CMRT workbook the drop-down decides the spelling (cmrt-country) and repeats are cmrt-repeated-smelter
  media: ['filing', 'list'],
  docs: `## What it catches
A country written with a name that is not its official ISO 3166 / CMRT name for the filing's year: an alias
(\`USA\`, \`UNITED STATES\`, \`Korea\`, \`TAIWAN\`, \`Vietnam\`, \`Russia\`, \`BOLIVIA\`), a code, or a former official
name after it changed (\`CZECH REPUBLIC\` after 2019, \`MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF\` after 2019).
A name that was official in the filing's reporting year is right for that filing.

The expected spelling follows the country style: \`auto\` (the style most country cells use), \`cmrt\` (RMI
template upper case: \`KOREA, REPUBLIC OF\`) or \`iso\` (ISO title case: \`Korea, Republic of\`).

## Why it matters
Suppliers' CMRTs and RMI's lists use the official names; aliases break matching and can be ambiguous
(\`Korea\`, \`Congo\`).

## Example
\`\`\`
Tin	EM Vinto	BOLIVIA
\`\`\`

## Fix
Replace with the official name: \`BOLIVIA (PLURINATIONAL STATE OF)\`.`,
  check(ctx) {
    for (const f of ctx.analysis.rows) {
      if (!isCheckable(f) || !f.countryCell || !f.country) continue;
      const m = f.country;
      if (ctx.countries.isOfficialFor(m, ctx.year)) continue;
      const canonical = ctx.countries.canonical(m.country, ctx.analysis.style);
      const cell = f.countryCell;
      let why: string;
      if (m.kind === 'former') why = `was the official name until ${m.until}; for ${ctx.year} write '${canonical}'`;
      else if (m.kind === 'code') why = `is the ISO code of ${m.country.isoName}; write the name '${canonical}'`;
      else why = `is a common name, not the official ${ctx.analysis.style === 'cmrt' ? 'CMRT' : 'ISO'} name: write '${canonical}'`;
      ctx.report({
        start: cell.start,
        end: cell.end,
        message: `${quote(cell.value)} ${why}.`,
        fixes: () => [replaceCell(cell, canonical, `Change to '${canonical}'`, true)],
      });
    }
  },
};
