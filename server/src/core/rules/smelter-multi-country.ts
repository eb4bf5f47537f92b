import type { Rule } from '../rule';
import { CID_PATTERN } from '../cid';
import { groupBy2, isSmelterRow, lineOf, quote } from './util';

export const smelterMultiCountry: Rule = {
  id: 'smelter-multi-country',
  description: 'The same smelter and metal listed under different countries.',
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

## Fix
Keep the smelter's real country (RMI's look-up gives it) and delete or correct the other row.`,
  check(ctx) {
    const rows = ctx.analysis.rows.filter((f) => isSmelterRow(f) && f.country && f.looseName !== '');
    for (const group of groupBy2(rows, (f) => f.metalKey, (f) => f.looseName)) {
      if (group.length < 2) continue;
      const first = group[0];
      for (const f of group.slice(1)) {
        if (f.country!.country === first.country!.country) continue;
        const a = first.idCell?.value ?? '';
        const b = f.idCell?.value ?? '';
        if (CID_PATTERN.test(a) && CID_PATTERN.test(b) && a !== b) continue;
        ctx.report({
          start: f.countryCell!.start,
          end: f.countryCell!.end,
          message: `${quote(f.nameCell!.value)} (${f.metal?.info.metal ?? f.metalCell?.value}) is in ${quote(first.countryCell!.value)} on line ${lineOf(first.row)} but in ${quote(f.countryCell!.value)} here; a smelter has one location.`,
          related: [{ start: first.countryCell!.start, end: first.countryCell!.end, message: `${quote(first.nameCell!.value)} in ${quote(first.countryCell!.value)}` }],
        });
      }
    }
  },
};
