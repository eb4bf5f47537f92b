import type { Rule } from '../rule';
import type { Fix } from '../types';
import { isCheckable, quote, replaceCell, checkRows } from './util';
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
  check(ctx) {
    const suggestionsFor = new Map<string, string[]>();
    checkRows(ctx, (f, ctx) => {
      if (!isCheckable(f) || !f.countryCell || f.country || f.placeholder) return;
      const cell = f.countryCell;
      const unfilled = cell.value !== '' && isNotFilled(cell.value);
      if (cell.value === '' || unfilled) {
        if (!f.nameCell?.value) return;
        const refCountries = f.metal ? ctx.reference.findByName(f.nameCell.value, f.metal.info.metal).filter((m) => m.exact && m.record.country) : [];
        const codes = [...new Set(refCountries.map((m) => m.record.country!))];
        const names = codes.map((code) => ctx.countries.canonical(ctx.countries.get(code)!, ctx.analysis.style));
        const fixes: Fix[] = names.map((name) => replaceCell(cell, name, `Insert '${name}' (from the reference)`, names.length === 1));
        // in a filing the empty cell has no width to underline, so the name carries the finding; in a
        // workbook the finding belongs to the country's own cell
        const at = ctx.workbook || unfilled ? cell : f.nameCell;
        ctx.report({
          start: at.start,
          end: at.end,
          message: `No country for ${quote(f.nameCell.value)}${unfilled ? `: ${quote(cell.value)} says it is not known` : ''}.${names.length === 1 ? ` The reference places it in ${names[0]}.` : ''}`,
          fixes,
        });
        return;
      }
      if (ctx.workbook && cell.value.startsWith('!')) return; // the template's own rejection mark: cmrt-smelter-list says so
      let names = suggestionsFor.get(cell.value);
      if (!names) {
        names = ctx.countries.suggest(cell.value).map((c) => ctx.countries.canonical(c, ctx.analysis.style));
        suggestionsFor.set(cell.value, names);
      }
      ctx.report({
        start: cell.start,
        end: cell.end,
        message: `${quote(cell.value)} is not a country.${names.length > 0 ? ` Did you mean ${names.map((n) => `'${n}'`).join(' or ')}?` : ''}`,
        fixes: () => names!.map((n, i, all) => replaceCell(cell, n, `Change to '${n}'`, i === 0 && all.length === 1)),
      });
    });
  },
};
