import type { Rule, RuleContext } from '../rule';
import type { RowFacts } from '../analysis';
import { isNullId } from '../analysis';
import { diagnoseCid } from '../cid';
import { isCheckable, quote, replaceCell } from './util';

export const cidFormat: Rule = {
  id: 'cid-format',
  description: 'A smelter ID that is not "CID" followed by six digits (says what is wrong; recognises legacy CFSI IDs).',
  defaultSeverity: 'error',
  scope: 'table',
  fixAll: true,
  tags: ['cid'],
  docs: `## What it catches
Smelter identification numbers that are not RMI's format, \`CID\` and six digits: missing zero padding
(\`CID2708\`), lower case or a space (\`cid 002708\`), the letter O for a zero, too many digits, or a legacy CFSI
ID from before 2014 such as \`1USA025\` (metal digit, ISO alpha-3 country, three digits).

## Why it matters
Customers and RMI match smelters by CID. A malformed CID matches nothing, so the smelter's RMAP status
cannot be checked and the row looks unidentified.

## Example
\`\`\`
Gold	Abington Reldan Metals, LLC	UNITED STATES OF AMERICA	CID2708
\`\`\`

## Fix
Write the CID as \`CID\` plus six digits (\`CID002708\`). Fix-all applies the change only when no digit is
invented or dropped (case, separators, the letter O, zero padding of a short number) and the reference does
not name another smelter or metal for the result; a CID with too many digits (\`CID0000773\`: an extra zero,
or an extra 3?) gets a quick fix that names the candidate's smelter, for a person to confirm. For legacy IDs,
look the smelter up in the current RMI list.`,
  check(ctx) {
    for (const f of ctx.analysis.rows) {
      if (!isCheckable(f) || !f.idCell || isNullId(f.idCell.value)) continue;
      const d = diagnoseCid(f.idCell.value);
      if (d.ok) continue;
      const cell = f.idCell;
      const suggestion = d.normalized ?? d.candidate;
      const record = suggestion ? ctx.reference.lookupCid(suggestion) : undefined;
      const agreement = suggestion ? referenceAgreement(ctx, f, suggestion) : undefined;
      const named = record ? `${quote(record.name)}, ${record.metal.toLowerCase()}` : '';
      const hint = suggestion
        ? agreement === 'disagrees'
          ? ` In the reference (${ctx.reference.info.source}) ${suggestion} is ${named}, not this row's smelter: look the smelter up.`
          : ` Did you mean ${suggestion}?${record ? ` In the reference (${ctx.reference.info.source}) it is ${named}.` : ''}`
        : '';
      // fix-all only when no digit changes and the reference does not contradict the row
      const certain = !!d.normalized && agreement !== 'disagrees' && agreement !== 'unknown-to-complete-list';
      ctx.report({
        start: cell.start,
        end: cell.end,
        message: `Smelter ID ${quote(cell.value)} is malformed: ${d.problem}.${hint}`,
        fixes: suggestion && agreement !== 'disagrees' ? () => [replaceCell(cell, suggestion, `Change to ${suggestion}${record ? `: ${named}` : ''}`, certain)] : undefined,
      });
    }
  },
};

type Agreement = 'agrees' | 'disagrees' | 'unknown' | 'unknown-to-complete-list';

/** Whether the reference's smelter of a proposed CID is the row's: same metal, and a name that agrees. */
function referenceAgreement(ctx: RuleContext, f: RowFacts, cid: string): Agreement {
  const record = ctx.reference.lookupCid(cid);
  if (!record) return ctx.reference.info.complete ? 'unknown-to-complete-list' : 'unknown';
  if (f.metal && f.metal.info.metal !== record.metal) return 'disagrees';
  if (f.nameCell && f.nameCell.value !== '' && !f.placeholder && !ctx.reference.nameAgrees(record, f.nameCell.value)) return 'disagrees';
  return 'agrees';
}
