import type { Rule } from '../rule';
import { rowCheck } from '../engine';
import { isCheckable, quote, replaceCell } from './util';
import { isNotFilled } from '../analysis';

export const countryUnknown: Rule = {
  id: 'country-unknown',
  description: 'The country cell is not a country, even as an alias; offers the closest names.',
  defaultSeverity: 'error',
  scope: 'table',
  fixAll: false,
  tags: ['country'],
  docs: `## What it catches
A Country cell that matches no ISO 3166 country — not its CMRT name, its ISO name, a former official name, a
code or a common alias — including empty cells on smelter rows. Close spellings are offered ("did you mean").

## Why it matters
The country is how readers judge whether a smelter may source from the Covered Countries. A misspelled country
("United Kindom", "PHILLIPPINES") cannot be matched by any tool and looks careless in a public filing.

## Example
\`\`\`
Tin	MCP Metal Specialist Inc.	United Kindom
\`\`\`

## Fix
Choose the intended country; cmrlint writes it in the document's style (CMRT upper case or ISO title case).`,
  perRow: [
    rowCheck({
      reads: ['country', 'name', 'metal'],
      judge(f, ctx): Verdict | null {
        if (!isCheckable(f) || !f.countryCell || f.country || f.placeholder) return null;
        const value = f.countryCell.value;
        const unfilled = value !== '' && isNotFilled(value);
        if (value === '' || unfilled) {
          if (!f.nameCell?.value) return null;
          const refCountries = f.metal
            ? ctx.reference.findByName(f.nameCell.value, f.metal.info.metal).filter((m) => m.exact && m.record.country)
            : [];
          const codes = [...new Set(refCountries.map((m) => m.record.country!))];
          const names = codes.map((code) => ctx.countries.canonical(ctx.countries.get(code)!, ctx.analysis.style));
          return {
            // in a filing the empty cell has no width to underline, so the name carries the finding; in a
            // workbook the finding belongs to the country's own cell
            at: ctx.workbook || unfilled ? 'country' : 'name',
            message: `No country for ${quote(f.nameCell.value)}${unfilled ? `: ${quote(value)} says it is not known` : ''}.${names.length === 1 ? ` The reference places it in ${names[0]}.` : ''}`,
            names,
            titled: (n) => `Insert '${n}' (from the reference)`,
          };
        }
        if (ctx.workbook && value.startsWith('!')) return null; // the template's own rejection mark: cmrt-smelter-list says so
        const names = ctx.countries.suggest(value).map((c) => ctx.countries.canonical(c, ctx.analysis.style));
        return {
          at: 'country',
          message: `${quote(value)} is not a country.${names.length > 0 ? ` Did you mean ${names.map((n) => `'${n}'`).join(' or ')}?` : ''}`,
          names,
          titled: (n) => `Change to '${n}'`,
        };
      },
      report(f, verdict, ctx) {
        ctx.report({
          start: f.startOf(verdict.at),
          end: f.endOf(verdict.at),
          message: verdict.message,
          fixes: () => verdict.names.map((n, i, all) => replaceCell(f.countryCell!, n, verdict.titled(n), all.length === 1 && i === 0)),
        });
      },
    }),
  ],
};

/** What a country cell that is no country is told: where, and the names to offer (one offered is certain). */
interface Verdict {
  at: 'country' | 'name';
  message: string;
  names: string[];
  titled(name: string): string;
}
