import type { Rule, RuleContext } from '../rule';
import { actualCount, CountStatement, countStatements, describeCounts, tableCounts } from '../prose/counts';

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
    const statements = countStatements(ctx.model, !!ctx.status);
    if (statements.length === 0) return;
    const counts = tableCounts(ctx.analysis);
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
