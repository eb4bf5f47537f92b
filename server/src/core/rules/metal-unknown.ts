import type { ReportInput, Rule } from '../rule';
import type { Fix } from '../types';
import { isNotFilled } from '../analysis';
import { METALS } from '../data/metals';
import { distance } from 'fastest-levenshtein';
import { rowCheck } from '../engine';
import { isCheckable, quote, replaceCell } from './util';
import type { RowFacts } from '../analysis';

export const metalUnknown: Rule = {
  id: 'metal-unknown',
  description: 'The metal cell is not one of the conflict minerals (gold, tin, tantalum, tungsten).',
  defaultSeverity: 'error',
  scope: 'table',
  fixAll: false,
  tags: ['metal'],
  docs: `## What it catches
A Metal cell that is empty or names something other than the 3TG: gold, tin, tantalum, tungsten. Their
ores (cassiterite, columbite-tantalite/coltan, wolframite), chemical symbols (Au, Sn, Ta, W) and the CMRT's
other languages are accepted.

## Why it matters
Form SD covers only the 3TG. A cobalt or mica smelter in the table (reported for other programmes) makes the
filing describe minerals it does not cover, and an empty metal makes the row's smelter ambiguous: RMI gives a
company one CID per metal.

## Example
\`\`\`
Cobalt	Umicore	BELGIUM
Gold	Umicore S.A. Business Unit Precious Metals Refining	BELGIUM
Tni	Thaisarco	THAILAND
\`\`\`

## Fix
Correct the spelling (\`Tni\` → \`Tin\`), or move non-3TG smelters to a separate list.`,
  perRow: [
    rowCheck({
      reads: ['metal', 'name'],
      judge(f, ctx): Verdict | null {
        // an EMRT's or AMRT's Smelter List names that template's minerals (cobalt, mica, aluminium...), not the 3TG
        const template = ctx.workbook?.template;
        if (template?.minerals && isCheckable(f) && f.metalCell) return mineralVerdict(f, template.family, template.minerals);
        if (!isCheckable(f) || !f.metalCell || f.metal) return null;
        const v = f.metalCell.value;
        // an unfilled metal is reported only on a row that names something
        return v === '' || isNotFilled(v) ? unfilledVerdict(f) : wrongMetalVerdict(v);
      },
      told: (verdict) => ({
        message: verdict.message,
        cause: verdict.cause,
        fixes: verdict.fixes,
        at: verdict.wholeRow ? 'row' : 'metal',
      }),
    }),
  ],
};

interface Verdict {
  message: string;
  cause: string;
  /** The finding is on the whole row (the metal cell is empty or says it was not filled). */
  wholeRow: boolean;
  /** The fix of a reported row's metal, when a metal is close. */
  fixes?: (report: ReportInput) => Fix[];
}

/** A metal cell of an EMRT or AMRT: one of the template's own minerals, else reported. */
function mineralVerdict(f: RowFacts, family: string, minerals: ReadonlySet<string>): Verdict | null {
  const v = f.metalCell!.value.trim();
  if (v === '' || isNotFilled(v)) return unfilledVerdict(f, `one of the ${family}'s minerals`);
  if (minerals.has(v.toLowerCase())) return null;
  return {
    message: `Metal ${quote(v)} is not a mineral of this ${family} (${[...minerals].join(', ')}).`,
    cause: `${family}\u0000${v}`,
    wholeRow: false,
  };
}

/** A metal cell left empty or saying it was not filled, on a row that names a smelter: the whole row is reported. */
function unfilledVerdict(f: RowFacts, which = 'gold, tin, tantalum or tungsten'): Verdict | null {
  const v = f.metalCell!.value;
  if (f.placeholder || !f.nameCell?.value) return null;
  return {
    message: `${v === '' ? 'Metal is empty' : `Metal is not filled: ${quote(v)}`}: give ${which}, since a smelter has one CID per metal.`,
    cause: `unfilled\u0000${v}`,
    wholeRow: true,
  };
}

/** A metal cell value that is not a 3TG metal, with the metal it is a typo of when one is close. */
function wrongMetalVerdict(value: string): Verdict {
  const lower = value.toLowerCase();
  const close = METALS.map((m) => ({ m, d: distance(lower, m.metal.toLowerCase()) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d);
  const suggestion = close[0]?.m.metal;
  const preferred = !!suggestion && (close.length === 1 || close[0].d < close[1].d);
  return {
    message: suggestion
      ? `Metal ${quote(value)} is not a conflict mineral; did you mean '${suggestion}'?`
      : `Metal ${quote(value)} is not a conflict mineral: Form SD covers gold, tin, tantalum and tungsten only.`,
    cause: value,
    wholeRow: false,
    fixes: suggestion ? (report) => [replaceCell(report.row!.metalCell!, suggestion, `Change to '${suggestion}'`, preferred)] : undefined,
  };
}
