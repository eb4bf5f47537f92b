import type { Rule } from '../rule';
import { isNullId } from '../analysis';
import { diagnoseCid } from '../cid';
import { isCheckable, quote, replaceCell } from './util';

export const cidFormat: Rule = {
  id: 'cid-format',
  description: 'A smelter ID that is not "CID" followed by six digits (says what is wrong; recognises legacy CFSI IDs).',
  defaultSeverity: 'error',
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
Write the CID as \`CID\` plus six digits (\`CID002708\`). cmrlint offers this fix when the intent is certain; for
legacy IDs, look the smelter up in the current RMI list.`,
  check(ctx) {
    for (const f of ctx.analysis.rows) {
      if (!isCheckable(f) || !f.idCell || isNullId(f.idCell.value)) continue;
      const d = diagnoseCid(f.idCell.value);
      if (d.ok) continue;
      ctx.report({
        start: f.idCell.start,
        end: f.idCell.end,
        message: `Smelter ID ${quote(f.idCell.value)} is malformed: ${d.problem}.${d.normalized ? ` Did you mean ${d.normalized}?` : ''}`,
        fixes: d.normalized ? () => [replaceCell(f.idCell!, d.normalized!, `Change to ${d.normalized}`, true)] : undefined,
      });
    }
  },
};
