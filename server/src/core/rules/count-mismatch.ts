import type { Rule, RuleContext } from '../rule';
import { actualCount, CountStatement, countStatements, describeCounts, TableCounts, tableCounts } from '../prose/counts';
import { inTable } from '../parse/document';
import { statusMarks, SummaryFigures, SummaryTable, summaryTables } from '../prose/summary-tables';

export const countMismatch: Rule = {
  id: 'count-mismatch',
  description:
    "A number the prose states about the smelter table (total, per metal, in the Covered Countries) that differs from the table's own count.",
  defaultSeverity: 'warning',
  scope: 'prose',
  fixAll: false,
  tags: ['prose', 'counts'],
  docs: `## What it catches
A number in the report's text about its own smelter table that the table contradicts: the total ("we
identified 47 smelters and refiners, listed in Annex A"), a metal ("12 tin smelters"), the smelters
located in the Covered Countries, or — when the table has an RMAP status column — the conformant and active
ones, in all or per metal; "26 of the 214 smelters were RMAP conformant" is two counts, 26 conformant of 214
in all. The table's count leaves out repeated page headers, placeholders ("Smelter
not listed") and exact duplicate rows; the message gives both numbers and the rows counted. Statements about
what the table cannot show — where the minerals originated, RMAP status without a status column — are not checked.

## Why it matters
A count that disagrees with the list next to it is the first thing a reader notices, and it makes every
other number in the report suspect.

## Example
\`\`\`
Our suppliers identified 45 smelters and refiners, listed in the table below.
\`\`\`
above a table of 47 smelters.

## Fix
Correct the number (the quick fix writes the table's count when the text uses digits), or the table.`,
  check(ctx) {
    if (ctx.model.tables.length === 0 && !/\t|^[ \t]*\|/m.test(ctx.model.text)) return;
    // an annex without a status column may mark its names: "* Conformant", "** Active" in a legend
    const legend = ctx.model.tables.some((t) => t.columns.status !== undefined) ? undefined : statusMarks(ctx.model.text);
    const marked = legend && tableCounts(ctx.analysis, undefined, undefined, legend);
    // a legend whose marks no name carries (a Markdown bullet "* Conformant…") says nothing about the annex
    const marks = marked && (marked.conformant || marked.active) ? legend : undefined;
    const counts = marks ? marked! : tableCounts(ctx.analysis);
    for (const t of summaryTables(ctx.model.text, (at) => inTable(ctx.model, at))) checkSummary(ctx, t, counts);
    const statements = countStatements(ctx.model, !!ctx.status || marks !== undefined);
    if (statements.length === 0) return;
    // with RMI's lists, status counts are also those of the table's smelters on the lists
    const listed = ctx.status ? tableCounts(ctx.analysis, undefined, ctx.status) : undefined;
    for (const s of statements) {
      const byStatus = s.kind === 'conformant' || s.kind === 'active';
      const inTable = !byStatus || counts.conformant !== undefined ? actualCount(counts, s) : undefined;
      const onList = listed && byStatus ? actualCount(listed, s) : undefined;
      if (inTable !== undefined && inTable !== s.stated)
        report(ctx, s, inTable, `the table has ${inTable}. Table: ${describeCounts(counts)}.`, "the table's count");
      else if (onList !== undefined && onList !== s.stated && ctx.status) {
        report(
          ctx,
          s,
          onList,
          `by RMI's lists (${ctx.status.list.info.source}, on ${ctx.status.asOf}) the table's smelters have ${onList}.`,
          "by RMI's lists",
        );
      }
    }
  },
};

function report(ctx: RuleContext, s: CountStatement, actual: number, says: string, whose: string): void {
  const metal = s.metal ? `${s.metal.toLowerCase()} ` : '';
  const what =
    s.kind === 'total'
      ? 'smelters and refiners'
      : s.kind === 'covered'
        ? 'smelters in the Covered Countries'
        : s.kind === 'metal'
          ? `${metal}smelters`
          : `RMAP ${s.kind} ${metal}smelters`;
  ctx.report({
    start: s.start,
    end: s.end,
    message: `The text says ${s.stated} ${what}; ${says}`,
    fixes: s.digits
      ? () => [
          { title: `Change to ${actual} (${whose})`, preferred: true, edits: [{ start: s.start, end: s.end, newText: String(actual) }] },
        ]
      : undefined,
  });
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);
const kindWord = (kind: string) => (kind === 'conformant' || kind === 'active' ? `${kind} smelters` : 'smelters');

/**
 * A summary table's figures per metal: its counts against the annex (totals; conformant and active when the
 * annex shows the status), its rows against its total when they split it, and its percentages against its
 * counts. One finding per cell, and the sum and the percentages only of a column whose counts agree.
 */
function checkSummary(ctx: RuleContext, t: SummaryTable, counts: TableCounts): void {
  for (const f of t.byMetal) {
    const metal = f.metal.toLowerCase();
    const annex = (kind: string) =>
      counts.total === 0
        ? undefined
        : kind === 'total'
          ? counts.byMetal[f.metal]
          : kind === 'conformant' || kind === 'active'
            ? counts.statusByMetal?.[f.metal][kind]
            : undefined;
    let wrong = false;
    for (const c of f.counts) {
      const actual = annex(c.kind);
      if (actual === undefined || actual === c.cell.value) continue;
      wrong = true;
      ctx.report({
        start: c.cell.start,
        end: c.cell.end,
        message: `${capital(t.name)} gives ${c.cell.value} ${metal} ${kindWord(c.kind)} (${c.label}); the annex lists ${actual}. Annex: ${describeCounts(counts)}.`,
        fixes: () => [
          {
            title: `Change to ${actual} (the annex's count)`,
            preferred: true,
            edits: [{ start: c.cell.start, end: c.cell.end, newText: String(actual) }],
          },
        ],
      });
    }
    if (!wrong) wrong = checkSum(ctx, t, f);
    if (!wrong) checkPercents(ctx, t, f, counts.total === 0 ? undefined : counts);
  }
}

/** Status rows that split the total (conformant, active, not participating…) must add up to it. */
function checkSum(ctx: RuleContext, t: SummaryTable, f: SummaryFigures): boolean {
  const total = f.counts.find((c) => c.kind === 'total');
  const parts = f.counts.filter((c) => c.kind !== 'total');
  if (!total || f.unknown || parts.length < 2 || !parts.some((c) => c.kind === 'other')) return false;
  const sum = parts.reduce((n, c) => n + c.cell.value, 0);
  if (sum === total.cell.value) return false;
  ctx.report({
    start: total.cell.start,
    end: total.cell.end,
    message: `${capital(t.name)}: the ${f.metal.toLowerCase()} figures add up to ${sum} (${parts.map((c) => `${c.cell.value} ${c.label}`).join(' + ')}), not ${total.cell.value}.`,
  });
  return true;
}

/** A percentage must follow from the column's counts: some of its status counts over its total. */
function checkPercents(ctx: RuleContext, t: SummaryTable, f: SummaryFigures, annex: TableCounts | undefined): void {
  const value = (kind: string) => f.counts.find((c) => c.kind === kind)?.cell.value;
  const total = value('total') ?? annex?.byMetal[f.metal];
  const conformant = value('conformant') ?? annex?.statusByMetal?.[f.metal].conformant;
  const active = value('active') ?? annex?.statusByMetal?.[f.metal].active ?? 0;
  if (!total || conformant === undefined) return;
  const candidates = [conformant, conformant + active, active, ...f.counts.map((c) => c.cell.value)];
  for (const p of f.percents) {
    if (candidates.some((n) => Math.abs((100 * n) / total - p.cell.value) < 1)) continue;
    ctx.report({
      start: p.cell.start,
      end: p.cell.end,
      message: `${capital(t.name)} gives ${p.cell.value}% for ${f.metal.toLowerCase()} (${p.label}), which does not follow from its counts: ${conformant} conformant${active ? ` and ${active} active` : ''} of ${total} is ${Math.round((100 * (conformant + active)) / total)}%.`,
    });
  }
}
