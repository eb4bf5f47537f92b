import type { Rule } from '../rule';
import { quote, replaceCell } from './util';

export const cmrtCountry: Rule = {
  id: 'cmrt-country',
  description: "A country in a CMRT Smelter List that is not written as in the template revision's country drop-down.",
  defaultSeverity: 'warning',
  scope: 'workbook',
  fixAll: false,
  tags: ['country', 'cmrt'],
  docs: `## What it catches
In a CMRT workbook's Smelter List, a Smelter Country cell that names a real country but not as the template's
drop-down writes it — \`China\` typed instead of choosing \`CHINA\`, \`Taiwan\` for \`TAIWAN, PROVINCE OF CHINA\`.
Each revision has its own list (hidden sheet "C"): the name is checked against the workbook's own revision.
Cells that are not a country at all, or empty, are \`country-unknown\`.

## Why it matters
The template's own checks, RMI's tools and a customer's import match countries by the drop-down text: a typed
variant is not recognised, and the row looks unfinished to the Checker.

## Example
\`\`\`
Smelter List!E14: China      (the drop-down has CHINA)
\`\`\`

## Fix
Choose the country from the drop-down; the quick fix writes the drop-down's name (in the workbook itself, pick
it from the list).`,
  check(ctx) {
    const list = ctx.workbook?.countries;
    if (!list) return;
    // the values read without the rows' cells (RowFacts.valueIn): a reported row's cell is made
    for (const f of ctx.analysis.rows) {
      const value = f.valueIn('country');
      if (!value || !f.country || list.has(value)) continue;
      // the drop-down's name of the same country, if the revision lists it
      const wanted = [
        f.country.country.cmrtName,
        f.country.country.isoName.toUpperCase(),
        ...f.country.country.formerNames.map((n) => n.name.toUpperCase()),
      ].find((n) => list.has(n));
      if (!wanted) continue; // a country the revision does not list: country-unknown and the reference speak to it
      const cell = f.countryCell!;
      ctx.report({
        start: cell.start,
        end: cell.end,
        message: `${quote(cell.value)} is not in the country drop-down of ${ctx.workbook!.template?.family ?? 'CMRT'} ${ctx.workbook!.revision ?? 'this revision'}: choose ${quote(wanted)}.`,
        fixes: () => [replaceCell(cell, wanted, `Change to '${wanted}' (the drop-down's name)`, true)],
      });
    }
  },
};
