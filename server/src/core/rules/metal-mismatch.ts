import type { Rule } from '../rule';
import { metalsNamedIn } from '../data/metals';
import { rowCheck } from '../engine';
import { isSmelterRow, quote } from './util';

export const metalMismatch: Rule = {
  id: 'metal-mismatch',
  description: 'The smelter is clearly of another metal: its name names another 3TG metal.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['metal'],
  docs: `## What it catches
A row whose smelter belongs to another metal than the row says: a "... Tungsten Co., Ltd." under Tin, a
"... Tantalum ..." under Gold. "Gold" in a name is not taken as evidence: many tin and tungsten smelters carry it
as a brand ("Golden Egret", "Gold Bell Group"). A CID whose reference metal differs from the row's is reported
by \`cid-mismatch\`. Which metals a company refines is not inferred from the reference list alone: companies
hold one CID per metal and RMI retires CIDs, so "not listed for this metal" is no evidence.

## Why it matters
RMI identifies a smelter per metal. A tungsten refiner under tin usually means a copy-paste slip in the
supplier's CMRT, and it inflates the count of tin smelters your report states.

## Example
\`\`\`
Tin	Jiangxi Yaosheng Tungsten Co., Ltd.	CHINA
\`\`\`

## Fix
Move the row to the right metal, or confirm with the supplier which metal the smelter processes for you.`,
  perRow: [
    rowCheck({
      reads: ['metal', 'name'],
      judge(f, ctx) {
        if (!isSmelterRow(f) || !f.metal || !f.nameCell) return null;
        // a CMRT's look-up choice is RMI's smelter of a metal: a wrong pair is cmrt-smelter-list's to report
        if (ctx.workbook && f.nameAt === f.row.table.columns.lookup) return null;
        const metal = f.metal.info.metal;
        const named = metalsNamedIn(f.nameCell.value);
        if (named.length === 0 || named.includes(metal)) return null;
        return `${quote(f.nameCell.value)} names ${named.map((m) => m.toLowerCase()).join(' and ')} but is listed under ${metal}.`;
      },
      report: (f, message, ctx) => ctx.report({ start: f.startOf('metal'), end: f.endOf('metal'), message }),
    }),
  ],
};
