import type { Rule, RuleContext } from '../rule';
import type { RowFacts } from '../analysis';
import type { SheetValue, TemplateInfo } from '../workbook';
import { valueAt } from '../parse/cells';
import { isCheckable, plural, quote } from './util';

export const templateScope: Rule = {
  id: 'template-scope',
  description:
    "An EMRT's or AMRT's minerals: the Declaration's scope against the Smelter List, questions 1 and 2 answered per mineral in scope, a Mine List tied to the Smelter List.",
  defaultSeverity: 'warning',
  scope: 'workbook',
  fixAll: false,
  tags: ['emrt', 'amrt', 'declaration', 'metal'],
  docs: `## What it catches
On an Extended or Additional Minerals Reporting Template (EMRT, AMRT), read in any of the template's languages:
- no mineral selected as in scope on the Declaration while the Smelter List lists smelters;
- a Smelter List row whose metal is not among the minerals the Declaration selects as in scope;
- a mineral in scope without an answer to question 1 or 2 (the template's Checker sheet requires both);
- a Mine List row whose smelter is not on the Smelter List for that metal, or whose metal is not in scope.

## Why it matters
The customer reads the Declaration's answers per mineral in scope: a smelter of a mineral outside it, or a
mine supplying a smelter the list does not name, cannot be tied to any answer.

## Example
\`\`\`
Declaration scope: Cobalt, Mica — Smelter List!B7: Nickel
\`\`\`

## Fix
Select every mineral the lists cover on the Declaration (or remove the rows), answer questions 1 and 2 for
each, and pick each Mine List smelter from the Smelter List.`,
  check(ctx) {
    const t = ctx.workbook?.template;
    if (!t || t.family === 'CMRT' || !t.scope) return;
    const inScope = new Set(t.scope.map((s) => s.english.toLowerCase()));
    const rows = ctx.analysis.rows.filter((f) => isCheckable(f) && !!f.valueIn('metal')); // no cells made per row
    if (inScope.size === 0) {
      if (rows.length > 0 && t.scopePlace) {
        ctx.report({
          start: 0,
          end: 0,
          place: t.scopePlace,
          message: `No mineral is selected as in scope, but the Smelter List has ${plural(rows.length, 'row')}: select the minerals this ${t.family} declares.`,
        });
      }
    } else {
      reportOutOfScope(ctx, rows, inScope, t);
      // an untouched Declaration is one cause: cmrt-declaration reports it once
      const fields = Object.values(ctx.workbook!.declaration?.fields ?? {});
      if (fields.some((v) => v && v.value !== '')) reportUnanswered(ctx, t, inScope);
    }
    reportMines(ctx, t, rows, inScope);
  },
};

/** Smelter List rows of a mineral outside the Declaration's scope: one finding per mineral, at its first row. */
function reportOutOfScope(ctx: RuleContext, rows: RowFacts[], inScope: ReadonlySet<string>, t: TemplateInfo): void {
  for (const f of rows) {
    const metal = f.valueIn('metal')!.trim();
    if (inScope.has(metal.toLowerCase()) || !t.minerals?.has(metal.toLowerCase())) continue; // not a mineral of the template: metal-unknown
    ctx.report({
      start: f.startOf('metal'),
      end: f.endOf('metal'),
      row: f,
      cause: `scope\u0000${metal.toLowerCase()}`,
      message: `${quote(metal)} is not among the minerals the Declaration selects as in scope (${[...t.scope!].map((s) => s.english).join(', ')}): select it, or remove the row.`,
    });
  }
}

/**
 * Questions 1 and 2 for each mineral in scope, as the template's Checker requires them: each unanswered cell,
 * or one finding when none is answered (an untouched Declaration).
 */
function reportUnanswered(ctx: RuleContext, t: TemplateInfo, inScope: ReadonlySet<string>): void {
  const asked = (t.questions ?? [])
    .filter((q) => q.number <= 2)
    .flatMap((q) =>
      Object.entries(q.answers)
        .filter(([m]) => inScope.has(m.toLowerCase()))
        .map(([mineral, a]) => ({ number: q.number, mineral, answer: a.answer })),
    );
  const open = asked.filter((a) => a.answer.value === '');
  if (open.length === 0) return;
  if (open.length === asked.length) {
    const minerals = [...new Set(open.map((a) => a.mineral))];
    ctx.report({
      start: 0,
      end: 0,
      place: open[0].answer.place,
      message: `Questions 1 and 2 are not answered for any mineral in scope (${minerals.join(', ')}): the template's Checker requires both for each.`,
    });
    return;
  }
  for (const a of open)
    ctx.report({
      start: 0,
      end: 0,
      place: a.answer.place,
      message: `${a.mineral}: question ${a.number} is not answered (the template's Checker requires it for every mineral in scope).`,
    });
}

/** The Mine List: each row's smelter must be a Smelter List smelter of the same metal. */
function reportMines(ctx: RuleContext, t: TemplateInfo, rows: RowFacts[], inScope: ReadonlySet<string>): void {
  if (!t.mines || t.mines.length === 0) return;
  const names = new Map<string, Set<string>>();
  for (const f of rows) {
    const metal = f.valueIn('metal')!.trim().toLowerCase();
    let set = names.get(metal);
    if (!set) names.set(metal, (set = new Set()));
    for (const role of ['lookup', 'name', 'standard'] as const) {
      const column = f.row.table.columns[role];
      const v = column === undefined ? undefined : valueAt(f.row, column)?.trim();
      if (v) set.add(v.toLowerCase());
    }
  }
  for (const m of t.mines) {
    const metal = m.metal.value.toLowerCase();
    if (metal && inScope.size > 0 && !inScope.has(metal)) {
      ctx.report({
        start: 0,
        end: 0,
        place: m.metal.place,
        message: `The Mine List names ${quote(m.metal.value)}, which is not among the minerals in scope.`,
      });
      continue;
    }
    if (!m.smelter.value) {
      if (m.mine.value)
        ctx.report({
          start: 0,
          end: 0,
          place: m.smelter.place,
          message: `Mine ${quote(m.mine.value)} names no smelter: pick the smelter it supplies from the Smelter List.`,
        });
      continue;
    }
    if (!names.get(metal)?.has(m.smelter.value.toLowerCase()))
      ctx.report({ start: 0, end: 0, place: m.smelter.place, message: mineMessage(m.smelter, m.metal) });
  }
}

function mineMessage(smelter: SheetValue, metal: SheetValue): string {
  return `The Mine List's smelter ${quote(smelter.value)} is not a ${metal.value ? metal.value.toLowerCase() + ' ' : ''}smelter of the Smelter List: a mine must supply a listed smelter.`;
}
