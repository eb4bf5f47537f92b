import type { Rule } from '../rule';
import { metalsNamedIn } from '../data/metals';
import { rowCheck } from '../engine';
import type { Metal } from '../data/metals';
import type { RowFacts } from '../analysis';
import type { RuleContext } from '../rule';
import { CID_PATTERN } from '../cid';
import { bundledReference } from '../data/smelters';
import { referenceIndex } from '../identity';
import { isSmelterRow, quote } from './util';

/**
 * What RMI's list says of a row without one of its CIDs whose name it gives smelters of other metals only
 * (see the docs), or null.
 */
function referenceMetal(ctx: RuleContext, f: RowFacts, metal: Metal): string | null {
  if (!ctx.reference.info.complete) return null;
  const id = f.idCell?.value ?? '';
  if (CID_PATTERN.test(id) && ctx.reference.lookupCid(id)) return null; // cid-mismatch's
  const index = referenceIndex(ctx.reference);
  const name = f.nameCell!.value;
  if (index.match(name, metal)) return null;
  const others = index.anyMetal(name).filter((r) => r.metal !== metal);
  if (others.length === 0) return null;
  // RMI retires CIDs: a name public filings gave this metal (the bundled list), or its company's standard
  // name, was right in its time
  const filed = referenceIndex(bundledReference());
  if ([name, ...others.map((r) => r.name)].some((n) => filed.match(n, metal)?.by === 'name')) return null;
  const metals = [...new Set(others.map((r) => r.metal.toLowerCase()))].join(' and ');
  const cids = others.map((r) => r.cid).join(', ');
  return `${quote(name)} is a ${metals} smelter in RMI's list (${ctx.reference.info.source}: ${cids}), not a ${metal.toLowerCase()} one: listed under the wrong metal?`;
}

export const metalMismatch: Rule = {
  id: 'metal-mismatch',
  description: "The smelter is clearly of another metal: its name names another 3TG metal, or RMI's list has it for another metal only.",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['metal'],
  docs: `## What it catches
A row whose smelter belongs to another metal than the row says: a "... Tungsten Co., Ltd." under Tin, a
"... Tantalum ..." under Gold. "Gold" in a name is not taken as evidence: many tin and tungsten smelters carry it
as a brand ("Golden Egret", "Gold Bell Group").

With RMI's list (a complete reference), also a row without a CID of that list whose name is, exactly, a
name or alias RMI gives smelters of other metals only: a gold refiner listed under Tin. A name that is also
one of the row's metal's smelters, near one (legal form, a typo), a name public filings gave a smelter of the
row's metal (the bundled list: RMI retires CIDs, and a tungsten CID retired since was right then), or a CID
whose reference metal differs (\`cid-mismatch\` reports that) is not reported here.

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
      reads: ['metal', 'name', 'id'],
      judge(f, ctx) {
        if (!isSmelterRow(f) || !f.metal || !f.nameCell) return null;
        // a CMRT's look-up choice is RMI's smelter of a metal: a wrong pair is cmrt-smelter-list's to report
        if (ctx.workbook && f.nameAt === f.row.table.columns.lookup) return null;
        const metal = f.metal.info.metal;
        const named = metalsNamedIn(f.nameCell.value);
        if (named.length > 0 && !named.includes(metal))
          return `${quote(f.nameCell.value)} names ${named.map((m) => m.toLowerCase()).join(' and ')} but is listed under ${metal}.`;
        return referenceMetal(ctx, f, metal);
      },
      report: (f, message, ctx) => ctx.report({ start: f.startOf('metal'), end: f.endOf('metal'), message }),
    }),
  ],
};
