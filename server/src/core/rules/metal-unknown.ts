import type { Rule } from '../rule';
import { isNotFilled } from '../analysis';
import { METALS } from '../data/metals';
import { distance } from 'fastest-levenshtein';
import { isCheckable, quote, replaceCell, checkRows } from './util';

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
  check(ctx) {
    checkRows(ctx, (f, ctx) => {
      if (!isCheckable(f) || !f.metalCell || f.metal) return;
      const cell = f.metalCell;
      if (cell.value === '' || isNotFilled(cell.value)) {
        if (f.placeholder || !f.nameCell?.value) return;
        ctx.report({
          start: f.row.start,
          end: f.row.end,
          message: `${cell.value === '' ? 'Metal is empty' : `Metal is not filled: ${quote(cell.value)}`}: give gold, tin, tantalum or tungsten, since a smelter has one CID per metal.`,
          cause: `unfilled\u0000${cell.value}`,
        });
        return;
      }
      const lower = cell.value.toLowerCase();
      const close = METALS.map((m) => ({ m, d: distance(lower, m.metal.toLowerCase()) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d);
      const suggestion = close[0]?.m.metal;
      ctx.report({
        start: cell.start,
        end: cell.end,
        message: suggestion
          ? `Metal ${quote(cell.value)} is not a conflict mineral; did you mean '${suggestion}'?`
          : `Metal ${quote(cell.value)} is not a conflict mineral: Form SD covers gold, tin, tantalum and tungsten only.`,
        cause: cell.value,
        fixes: suggestion ? [replaceCell(cell, suggestion, `Change to '${suggestion}'`, close.length === 1 || close[0].d < close[1].d)] : undefined,
      });
    });
  },
};
