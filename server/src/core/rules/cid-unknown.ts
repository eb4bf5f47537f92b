import type { Rule } from '../rule';
import { CID_PATTERN } from '../cid';
import { rowCheck } from '../engine';
import { bundledReference } from '../data/smelters';
import { cidAge, referenceIndex } from '../identity';
import { isCheckable, quote } from './util';

export const cidUnknown: Rule = {
  id: 'cid-unknown',
  description: "A well-formed CID that is not in the reference list (checked only against a complete list, such as RMI's).",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['cid', 'reference'],
  docs: `## What it catches
A CID in the right format that the reference list does not contain. RMI numbers CIDs in the order it assigns
them, so the message says which case it is: a CID above the reference's highest was most likely added by RMI
after the reference was made (check it against RMI's current list); one below it that the list lacks was
mistyped or retired by RMI. A CID of the wrong shape is \`cid-format\`'s. When the row's name is a smelter of
the reference, its CID is given. Only a complete list can say that a CID does not exist, so this rule
runs when cmrlint reads your RMI smelter look-up (\`--reference\`); the bundled list of smelters named in public
filings is not complete and never makes this claim.

## Why it matters
An unknown CID cannot be matched to RMI's audit status; a retired one points at a smelter that RMI merged,
renamed or removed.

## Example
\`\`\`
Tin	Thaisarco	THAILAND	CID001189
\`\`\`

## Fix
Check the digits against the supplier's CMRT and RMI's current smelter look-up.`,
  perRow: [
    rowCheck({
      reads: ['id', 'name', 'metal'],
      applies: (ctx) => ctx.reference.info.complete,
      judge(f, ctx) {
        if (!isCheckable(f) || !f.idCell || !CID_PATTERN.test(f.idCell.value)) return null;
        if (ctx.reference.lookupCid(f.idCell.value)) return null;
        const cid = f.idCell.value;
        const match = f.nameCell && f.metal ? referenceIndex(ctx.reference).match(f.nameCell.value, f.metal.info.metal) : undefined;
        const listed = match ? ` The reference lists ${quote(f.nameCell!.value)} as ${match.record.cid}, ${quote(match.record.name)}.` : '';
        const known = `${cid} is not in the reference (${ctx.reference.info.source})`;
        const highest = `CID${String(referenceIndex(ctx.reference).highestCid).padStart(6, '0')}`;
        if (cidAge(ctx.reference, cid) === 'newer') {
          const revision = ctx.reference.info.revision ? `, CMRT ${ctx.reference.info.revision}'s list,` : ',';
          return `${known}${revision} whose CIDs end at ${highest}: added by RMI since? Check it against RMI's current list.${listed}`;
        }
        const filed = ctx.reference === bundledReference() ? undefined : bundledReference().lookupCid(cid);
        const retired = filed ? `; public filings named it ${quote(filed.name)}, ${filed.metal}: retired, most likely` : '';
        return `${known}: mistyped, or retired by RMI since. It is below the list's highest CID, ${highest}${retired}.${listed}`;
      },
      report: (f, message, ctx) => ctx.report({ start: f.startOf('id'), end: f.endOf('id'), message }),
    }),
  ],
};
