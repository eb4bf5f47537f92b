import type { Rule, RuleContext } from '../rule';
import type { Metal } from '../data/metals';
import type { SmelterRecord } from '../data/smelters';
import type { RowFacts } from '../analysis';
import type { Cell } from '../parse/cells';
import { rowCheck } from '../engine';
import { CID_PATTERN } from '../cid';
import { nameOfAnotherRevision, referenceIndex, sameSmelterCountry } from '../identity';
import { isSmelterRow, quote, replaceCell } from './util';

export const cidMismatch: Rule = {
  id: 'cid-mismatch',
  description: "The CID's reference smelter has another name, metal or country than the row.",
  defaultSeverity: 'warning',
  scope: 'table',
  fixAll: false,
  tags: ['cid', 'reference'],
  docs: `## What it catches
A row whose CID belongs, in the reference list, to a smelter with a different name, metal or country. Names
are compared leniently (case, punctuation, accents, legal forms, and the reference's aliases and former
names), so only a clearly different smelter is reported.

## Why it matters
A CID copied from the neighbouring row, or the tin CID of a company that also refines tantalum (RMI gives one
CID per metal), makes the report claim a status for the wrong smelter.

## Example
\`\`\`
Tantalum	Mineracao Taboca S.A.	BRAZIL	CID001173
\`\`\`
CID001173 is Mineração Taboca's tin smelter; its tantalum smelter is CID001175.

Against the bundled list (a sample: smelters named in public filings) a row whose only disagreement is the
name is a hint, not a warning: RMI's full list may know that name as an alias. With RMI's list (your CMRT)
it is a warning. A name that RMI gave the CID in another revision of its list (public filings name the CID so:
\`ASAHI METALFINE, Inc.\` for CID000082, \`Asahi Pretec Corp.\` in CMRT 6.4) is one smelter renamed, not a
mismatch: information only.

## Fix
Use the CID the reference gives for this smelter and metal, or correct the name, metal or country.`,
  perRow: [
    rowCheck({
      reads: ['id', 'metal', 'name', 'country', 'standard'],
      judge(f, ctx): Verdict | null {
        if (!isSmelterRow(f) || !f.idCell || !CID_PATTERN.test(f.idCell.value)) return null;
        const ref = ctx.reference.lookupCid(f.idCell.value);
        if (!ref) return null;
        const problems: string[] = [];
        const fixes: Change[] = [];
        if (f.metal && f.metal.info.metal !== ref.metal && f.metalCell) {
          problems.push(`its metal is ${ref.metal}, not ${f.metal.info.metal}`);
          const alternatives = ctx.reference.findByName(f.nameCell!.value, f.metal.info.metal).filter((m) => m.exact);
          if (alternatives.length === 1) {
            fixes.push({
              cell: 'id',
              text: alternatives[0].record.cid,
              title: `Use ${alternatives[0].record.cid}, the ${f.metal.info.metal.toLowerCase()} CID of '${alternatives[0].record.name}'`,
            });
          }
          fixes.push({ cell: 'metal', text: ref.metal, title: `Change the metal to ${ref.metal}` });
        }
        if (f.country && ref.country && !sameSmelterCountry(f.country.country.alpha2, ref.country) && f.countryCell) {
          const refCountry = ctx.countries.get(ref.country)!;
          const name = ctx.countries.canonical(refCountry, ctx.analysis.style);
          problems.push(`its country is ${name}, not ${f.countryCell.value}`);
          fixes.push({ cell: 'country', text: name, title: `Change the country to '${name}'` });
        }
        // a look-up choice is one of RMI's aliases: its row's standard name (when the table shows it) names it too
        const standard = f.standardCell?.value;
        // (a row of another metal is told the CID of its metal above)
        const misnamed = f.metal?.info.metal === ref.metal ? otherSmelterOf(ctx, ref, f.nameCell!.value, ref.metal) : undefined;
        if (misnamed || (!namesRecord(ctx, ref, f.nameCell!.value) && !(standard && namesRecord(ctx, ref, standard)))) {
          problems.push(`it is '${ref.name}'${misnamed ? `; ${quote(f.nameCell!.value)} is ${misnamed.cid} there` : ''}`);
          fixes.push({ cell: 'name', text: ref.name, title: `Change the name to '${ref.name}'` });
          if (misnamed) fixes.unshift({ cell: 'id', text: misnamed.cid, title: `Use ${misnamed.cid}, the CID of '${misnamed.name}'` });
        }
        if (problems.length === 0) return null;
        // a name that disagrees with a sample list (the bundled one, from public filings) is at most a hint:
        // RMI's list may know the name as an alias; metal and country disagreements stay warnings
        const nameOnly = problems.length === 1 && problems[0].startsWith('it is ');
        // smelters are renamed over the years and a sample list lags: its other name for the CID is evidence only
        // when the row's name is another smelter's in it (the row took that smelter's CID by mistake)
        if (nameOnly && !ctx.reference.info.complete && !misnamed) return null;
        const renamed = nameOnly && !misnamed ? nameOfAnotherRevision(ctx.reference, ref, f.nameCell!.value) : undefined;
        if (renamed)
          return {
            hint: false,
            info: true,
            message: `${f.idCell.value} is ${quote(ref.name)} in the reference (${ctx.reference.info.source}), but public filings name it ${quote(renamed.name)}, as this row does: one smelter under the name RMI gave it in another revision of its list, not another smelter.`,
            fixes,
          };
        return {
          hint: nameOnly && !ctx.reference.info.complete,
          message: `${f.idCell.value} does not match this row: in the reference (${ctx.reference.info.source}) ${problems.join('; ')}. Row: ${quote(f.nameCell!.value)}.`,
          fixes,
        };
      },
      report(f, verdict, ctx) {
        ctx.report({
          ...(verdict.hint ? { severity: 'hint' as const } : verdict.info ? { severity: 'info' as const } : {}),
          start: f.startOf('id'),
          end: f.endOf('id'),
          message: verdict.message,
          fixes: () => verdict.fixes.map((c) => replaceCell(cellOf(f, c.cell), c.text, c.title)),
        });
      },
    }),
  ],
};

/**
 * Whether a name names the record: one of its names or its company's (a renamed smelter's older and newer
 * names: Mitsui Kinzoku is Mitsui Mining and Smelting), or close to one (spelling, legal form, most words, a typo).
 */
function namesRecord(ctx: RuleContext, ref: SmelterRecord, name: string): boolean {
  const index = referenceIndex(ctx.reference);
  // a misspelling of one of its names is smelter-listed's to tell, with the fix
  return index.isNameOf(ref, name) || ctx.reference.nameAgrees(ref, name) || index.misspelledNameOf(ref, name) !== undefined;
}

/**
 * The other smelter of the metal whose name or alias the row's name is, exactly, when it is none of the
 * record's company's names: the row took a sibling's CID (TANIOBIS GmbH with TANIOBIS Co., Ltd.'s).
 */
function otherSmelterOf(ctx: RuleContext, ref: SmelterRecord, name: string, metal: Metal): SmelterRecord | undefined {
  const index = referenceIndex(ctx.reference);
  const found = index.match(name, metal);
  if (!found || found.by !== 'name' || found.record === ref || index.isNameOf(ref, name)) return undefined;
  return found.record;
}

/** A change of one of the row's cells that a fix offers. */
interface Change {
  cell: 'id' | 'metal' | 'country' | 'name';
  text: string;
  title: string;
}

/** What a row whose CID is another smelter's in the reference is told, and the changes offered. */
interface Verdict {
  hint: boolean;
  /** The row names the CID's smelter as another revision of RMI's list does (nameOfAnotherRevision). */
  info?: boolean;
  message: string;
  fixes: Change[];
}

function cellOf(f: RowFacts, cell: Change['cell']): Cell {
  return (cell === 'id' ? f.idCell : cell === 'metal' ? f.metalCell : cell === 'country' ? f.countryCell : f.nameCell)!;
}
