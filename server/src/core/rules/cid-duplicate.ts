import type { Rule } from '../rule';
import type { RowFacts } from '../analysis';
import { CID_PATTERN, LEGACY_ID } from '../cid';
import { sameSmelterCountry } from '../identity';
import { sameSmelterNames } from '../identity/rows';
import type { ClassVerdict } from '../rule';
import { groupBy, isSmelterRow, lineOf, quote } from './util';

export const cidDuplicate: Rule = {
  id: 'cid-duplicate',
  description: 'One CID on rows naming different smelters, metals or countries.',
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['cid', 'consistency'],
  docs: `## What it catches
The same CID on two rows that disagree about the smelter: different names (beyond spelling, and not two of
the names RMI's list gives that CID), metals or countries (Hong Kong, Macao and Taiwan under China, as RMI
and suppliers write them, are no disagreement). Rows that repeat the same smelter — under one name, or under
two of its RMI names — are reported by \`row-duplicate\` and \`row-near-duplicate\` instead.

## Why it matters
A CID identifies one smelter for one metal. When two different smelters carry it, at least one of them is
mis-identified, and any statement about its audit status is wrong.

## Example
\`\`\`
Tin	Minsur	PERU	CID001182
Tin	Thaisarco	THAILAND	CID001182
\`\`\`

## Fix
Look up the right CID for the later row.`,
  check(ctx) {
    // the rows of a CID are compared by their distinct names, metals and countries, then reported
    const classes = ctx.classes(
      ['id', 'name', 'metal', 'country'],
      (f) => isSmelterRow(f) && !!f.idCell && (CID_PATTERN.test(f.idCell.value) || LEGACY_ID.test(f.idCell.value)),
    );
    const verdicts = new Map<number, ClassVerdict>();
    for (const [cid, group] of groupBy(classes.firsts, (f) => f.idCell!.value)) {
      // one smelter, metal and country only: the same row repeated, which row-duplicate reports
      if (group.length < 2) continue;
      const first = group[0];
      // whether a name is another smelter's, judged once per spelling
      const otherName = new Map<string, boolean>();
      for (let i = 1; i < group.length; i++) {
        const f = group[i];
        let other = otherName.get(f.nameCell!.value);
        if (other === undefined) otherName.set(f.nameCell!.value, (other = !sameSmelterNames(ctx.reference, cid, first, f)));
        const diffs = differences(first, f, other);
        if (diffs.length === 0) continue;
        verdicts.set(classes.classOf(f), {
          message: `${cid} is also on line ${lineOf(first.row)} (${quote(first.nameCell!.value)}), which has ${diffs.join(', ')}. One smelter ID identifies one smelter for one metal.`,
          cause: cid,
          related: [
            { start: first.idCell!.start, end: first.idCell!.end, message: `${cid} first used here for ${quote(first.nameCell!.value)}` },
          ],
        });
      }
    }
    classes.reportEach((cls) => verdicts.get(cls), 'id');
  },
};

function differences(a: RowFacts, b: RowFacts, otherName: boolean): string[] {
  const out: string[] = [];
  if (otherName) out.push('another smelter name');
  if (a.metal && b.metal && a.metal.info.metal !== b.metal.info.metal) out.push(`another metal (${a.metal.info.metal})`);
  if (a.country && b.country && !sameSmelterCountry(a.country.country.alpha2, b.country.country.alpha2))
    out.push(`another country (${a.countryCell!.value})`);
  return out;
}
