import type { Rule } from '../rule';
import { CID_PATTERN } from '../cid';
import { rowCheck } from '../engine';
import { bundledReference } from '../data/smelters';
import { cidAge, referenceIndex } from '../identity';
import { isCheckable, quote } from './util';
import { LOOKUP_FINGERPRINTS } from '../data/smelters-fingerprints.generated';
import type { RuleContext } from '../rule';
import type { Severity } from '../types';

/**
 * Whether the reference was published after the season of a filing of `year` (reports on year N are filed by
 * May of N+1): a CID it lacks may have been right then. Known only for the RMI revisions cmrlint fingerprints.
 */
function newerThanFiling(ctx: RuleContext): boolean {
  const published = LOOKUP_FINGERPRINTS.find((p) => p.revision === ctx.reference.info.revision)?.published;
  return ctx.year !== undefined && published !== undefined && Number(published.slice(0, 4)) > ctx.year + 1;
}

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
mistyped or retired by RMI. In a report older than the reference (a 2018 report checked against CMRT 6.4's
list), a CID that public filings named is only information: it was right in its time, and all such CIDs of
the report are one finding, at the first, with the others as related places. A CID of the wrong shape is \`cid-format\`'s. When the row's name is a smelter of
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
        // a CID public filings named, in a report older than the reference: right in its time, retired since.
        // Nothing to correct on any such row, so they are one finding (one cause: the reference is later than
        // the report), unless the row's name is another CID's in the reference: that row has its own question.
        if (filed && newerThanFiling(ctx))
          return {
            message: `${known}, CMRT ${ctx.reference.info.revision}'s list, later than this ${ctx.year} report; public filings named it ${quote(filed.name)}, ${filed.metal}: retired by RMI since, most likely, and right in its time.${listed}`,
            severity: 'info' as Severity,
            ...(match ? {} : { cause: `retired since ${ctx.year}` }),
          };
        const retired = filed ? `; public filings named it ${quote(filed.name)}, ${filed.metal}: retired, most likely` : '';
        return `${known}: mistyped, or retired by RMI since. It is below the list's highest CID, ${highest}${retired}.${listed}`;
      },
      report: (f, verdict, ctx) =>
        ctx.report({
          start: f.startOf('id'),
          end: f.endOf('id'),
          ...(typeof verdict === 'string' ? { message: verdict } : verdict),
        }),
    }),
  ],
};
