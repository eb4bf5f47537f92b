import type { ReportInput, Rule } from '../rule';
import type { Fix } from '../types';
import { isNullId, NOT_LISTED } from '../analysis';
import { rowCheck } from '../engine';
import { isSmelterRow, quote, replaceCell } from './util';
import type { Table } from '../parse/document';
import type { RuleContext } from '../rule';

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

In an export of a CMRT 2.x or 3.x Smelter List (2012–2014: the template's revision is stated above the
header, or its header has 2.x/3.x's "Smelter Reference List"), the finding is only information: those
templates did not yet require a smelter ID, so the supplier left nothing out.

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
        const early = earlyTemplate(ctx, f.row.table);
        if (early) message += ` ${early} did not yet require smelter IDs: the supplier left nothing out.`;
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
          cause: `${cid ? `${cid}\u0000${metal ?? ''}\u0000${name}\u0000${country ?? ''}` : 'no id'}\u0000${early ?? ''}`,
          ...(early ? { severity: 'info' as const } : {}),
          fixes: cid ? (report) => [replaceCell(report.row!.idCell!, cid, `Insert ${cid}`, true)] : undefined,
          // an empty ID cell has no width to underline: the name carries the finding
          at: f.idCell.value === '' ? 'name' : 'id',
        };
      },
      // the verdict is what its rows are told, at its `at` cell
      told: (verdict) => verdict,
    }),
  ],
};

/** What the rows of one smelter without an ID are told, and the fix when the reference has its CID. */
interface Verdict {
  message: string;
  cause: string;
  fixes?: (report: ReportInput) => Fix[];
  at: 'name' | 'id';
  /** Info for an export of a template that did not require IDs. */
  severity?: 'info';
}

/** Text read back from a table's header for the template revision stated above it (a title row of the export). */
const REVISION_LOOKBACK = 65_536;
/** "Revision 2.03 July 12th 2013", "Revision 2 Aug. 29th 2012", "Revision 3.01 May 30, 2014". */
const REVISION = /\bRevision\s+(\d{1,2})((?:\.\d{1,2}[a-z]?)?)\b/gi;
/** The first revision of the CMRT whose Smelter List required a smelter ID for every row (2015). */
const IDS_REQUIRED_FROM = 4;

const earlyTemplates = new WeakMap<Table, string | null>();

/**
 * The CMRT a table was exported from, when that template predates required smelter IDs (2.x and 3.x,
 * 2012–2014): the revision stated above the header ("CMRT 2.03"), or, when none is, a header with 2.x/3.x's
 * "Smelter Reference List" ("a CMRT 2.x/3.x Smelter List"). Undefined for any other table, and in a filing (memoised per table).
 */
function earlyTemplate(ctx: RuleContext, table: Table): string | undefined {
  if (ctx.medium === 'filing') return undefined; // a filing is for readers: its table is no template's export
  let found = earlyTemplates.get(table);
  if (found === undefined) {
    const start = table.header.start;
    let last: RegExpExecArray | undefined;
    const before = ctx.model.text.slice(Math.max(0, start - REVISION_LOOKBACK), start);
    for (const m of before.matchAll(REVISION)) last = m;
    const referenceList = table.header.cells.some((c) => /^smelter reference list\b/i.test(c.value.trim()));
    if (last)
      found = Number(last[1]) < IDS_REQUIRED_FROM ? `CMRT ${last[1]}${last[2] || '.00'}` : null; // "Revision 2": 2.00
    else found = referenceList ? 'A CMRT 2.x/3.x Smelter List' : null;
    earlyTemplates.set(table, found);
  }
  return found ?? undefined;
}
