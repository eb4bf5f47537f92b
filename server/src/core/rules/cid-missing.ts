import type { ReportInput, Rule } from '../rule';
import type { Fix } from '../types';
import { isNullId, NOT_LISTED } from '../analysis';
import { rowCheck } from '../engine';
import { isSmelterRow, quote, replaceCell } from './util';

export const cidMissing: Rule = {
  id: 'cid-missing',
  description: 'The table has a Smelter ID column but this row has no ID; suggests the reference CID when the name matches.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['cid', 'reference'],
  // in a CMRT the look-up fills the ID; a 'Smelter not listed' row has none by definition
  media: ['filing', 'list'],
  docs: `## What it catches
An empty (or "N/A", "-", "Unknown") Smelter Identification cell in a table that has such a column. When the
smelter's name and metal match a reference smelter, the message gives its CID.

## Why it matters
A smelter without a CID cannot be checked against RMI's list of conformant smelters, so the report's
statements about RMAP conformance cannot cover it.

## Example
\`\`\`
Tin	Jinzhi Minerals Ltd.	CHINA
\`\`\`
in a table whose other rows all have CIDs.

## Fix
Fill in the CID from the supplier's CMRT or from RMI's smelter look-up.`,
  perRow: [
    rowCheck({
      reads: ['id', 'name', 'metal', 'country', 'lookup'],
      judge(f, ctx): Verdict | null {
        if (!isSmelterRow(f) || f.row.table.columns.id === undefined || !f.idCell || !isNullId(f.idCell.value)) return null;
        // a CMRT row whose look-up says "Smelter not listed": RMI has no ID for it, by definition
        if (f.lookupCell && NOT_LISTED.test(f.lookupCell.value.trim())) return null;
        const name = f.nameCell!.value;
        const metal = f.metal?.info.metal;
        const country = f.country?.country.alpha2;
        const matches = metal ? ctx.reference.findByName(name, metal) : [];
        const sameCountry = matches.filter((m) => !country || !m.record.country || m.record.country === country);
        const candidates = (sameCountry.some((m) => m.exact) ? sameCountry.filter((m) => m.exact) : sameCountry).map((m) => m.record);
        const unique = [...new Set(candidates)];
        let message = `No smelter ID for ${quote(name)}${metal ? ` (${metal})` : ''}.`;
        if (unique.length === 1) {
          message += ` The reference has ${unique[0].cid} for '${unique[0].name}'.`;
        } else if (unique.length > 1) {
          message += ` The reference has ${unique.map((r) => `${r.cid} ('${r.name}')`).join(', ')}.`;
        }
        // rows the reference cannot fill share one cause (IDs not given); rows of one smelter it can fill share
        // theirs (the same CID to insert)
        const cid = unique.length === 1 ? unique[0].cid : undefined;
        return {
          message,
          cause: cid ? `${cid}\u0000${metal ?? ''}\u0000${name}\u0000${country ?? ''}` : 'no id',
          fixes: cid ? (report) => [replaceCell(report.row!.idCell!, cid, `Insert ${cid}`, true)] : undefined,
          // an empty ID cell has no width to underline: the name carries the finding
          at: f.idCell.value === '' ? 'name' : 'id',
        };
      },
      report(f, verdict, ctx) {
        ctx.report({
          start: f.startOf(verdict.at),
          end: f.endOf(verdict.at),
          message: verdict.message,
          cause: verdict.cause,
          row: f,
          fixes: verdict.fixes,
        });
      },
    }),
  ],
};

/** What the rows of one smelter without an ID are told, and the fix when the reference has its CID. */
interface Verdict {
  message: string;
  cause: string;
  fixes?: (report: ReportInput) => Fix[];
  at: 'name' | 'id';
}
