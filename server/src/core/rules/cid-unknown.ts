import type { Rule } from '../rule';
import { CID_PATTERN } from '../cid';
import { rowCheck } from '../engine';
import { isCheckable } from './util';

export const cidUnknown: Rule = {
  id: 'cid-unknown',
  description: "A well-formed CID that is not in the reference list (checked only against a complete list, such as RMI's).",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['cid', 'reference'],
  docs: `## What it catches
A CID in the right format that the reference list does not contain: a typo in the digits, an ID RMI has
retired, or an ID invented by a supplier. Only a complete list can say that a CID does not exist, so this rule
runs when cmrlint reads your RMI smelter look-up (\`--reference\`); the bundled list of smelters named in public
filings is not complete and never makes this claim.

## Why it matters
An unknown CID cannot be matched to RMI's audit status; a retired one points at a smelter that RMI merged,
renamed or removed.

## Example
\`\`\`
Tin	Thaisarco	THAILAND	CID009999
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
        const suggestions =
          f.nameCell && f.metal ? ctx.reference.findByName(f.nameCell.value, f.metal.info.metal).map((m) => m.record.cid) : [];
        return `${f.idCell.value} is not in the reference (${ctx.reference.info.source}): mistyped, or retired by RMI since.${
          suggestions.length > 0 ? ` The reference lists this smelter as ${[...new Set(suggestions)].join(', ')}.` : ''
        }`;
      },
      report: (f, message, ctx) => ctx.report({ start: f.startOf('id'), end: f.endOf('id'), message }),
    }),
  ],
};
