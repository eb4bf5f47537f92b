import type { Rule, RuleContext } from '../rule';
import type { Table } from '../parse/document';
import type { Severity } from '../types';
import { saysItListsSmelters } from '../html';
import { count } from '../messages';
import { blankLinesAfter } from '../file-kind';

export const tableUnread: Rule = {
  id: 'table-unread',
  description:
    'Smelters the file speaks of but cmrlint could not read: no smelter table in a filing that says it lists smelters, a table without a metal, name or country column.',
  defaultSeverity: 'warning',
  scope: 'file',
  fixAll: false,
  tags: ['table', 'file'],
  // a CMRT's Smelter List always has its columns: the template is read by its own header
  media: ['filing', 'list'],
  docs: `## What it catches
What cmrlint could not read, so that silence never reads as "no problems":

- a filing that says it lists smelters ("Annex I", "the smelters listed below", "a list of smelters and
  refiners") but of which no smelter table was read (error): its smelters were not checked;
- a smelter list whose header reads as a smelter table's but under which no row was read (error); when the
  lines under it are blank (a CMRT export whose Smelter List was sent empty: its empty template rows), the
  message says that the list is empty, which a supplier must correct, rather than that cmrlint could not read it;
- a table of smelters without a **metal** column (and no metal above its rows), or without a **smelter
  name** column (warning): the rules that need them did not run on it;
- a table without a **country** column (info): the countries, and the Covered Countries among them, were not
  checked, and the count of smelters in the Covered Countries cannot be compared.

In a text filing, three lines or more that each hold a metal, a name and a country or smelter ID with no
header over them naming their columns (or typed with single spaces, which no reader can part into columns)
are reported at the first of them (error).

In an HTML filing, a table whose cells hold smelters (metals, names, countries or smelter IDs) but that has
no header naming its columns (its header cells are images without text, or missing) is reported at its first
row (error). A filing in HTML none of whose tables can be read gets \`file-format\` instead; a data list without
any smelter header too.

## Why it matters
A compliance check that says nothing about a list it could not read is worse than none: the reader takes
silence for a clean list. \`cmrlint --verbose\` says what was read of each file.

## Example
\`\`\`
The smelters and refiners in our supply chain are listed in Annex I.
...
Annex I
Gold    Asahi Pretec Corp.    Japan
\`\`\`
(the annex's rows have no header naming their columns).

## Fix
Give the table a header row naming its columns (Metal, Smelter Name, Smelter Country, Smelter
Identification), with cells separated by tabs (text), pipes (Markdown) or the list's delimiter.`,
  check(ctx) {
    // an HTML table whose cells hold smelters but that has no header naming its columns (core/html)
    for (const p of ctx.decodeProblems)
      if (p.kind === 'unread-table') ctx.report({ start: p.start ?? 0, end: p.end ?? 0, severity: 'error', message: p.message });
    // rows of smelters in a text that no table read, unless an HTML table's problem above says it already (its first line)
    const said = new Set(
      ctx.decodeProblems.flatMap((p) => (p.kind === 'unread-table' ? [ctx.model.lines.positionAt(p.start ?? 0).line] : [])),
    );
    let rows = false;
    for (const p of ctx.model.problems)
      if (p.rule === 'table-unread' && !said.has(ctx.model.lines.positionAt(p.start).line)) {
        ctx.report({ start: p.start, end: p.end, severity: 'error', message: p.message });
        rows = true;
      }
    const read = ctx.model.tables.filter((t) => t.rows.length > 0);
    if (read.length === 0) {
      if (!rows) noTable(ctx); // the unread rows are where the list is
      return;
    }
    // whether any row of a table resolves a metal or a country (metals given above the rows count), in one pass
    // over the first rows of the classes of rows alike in them
    const resolved = new Map<Table, { metal: boolean; country: boolean }>();
    for (const f of ctx.classes(['metal', 'country'], (x) => !!x.metal || !!x.country).firsts) {
      let r = resolved.get(f.row.table);
      if (!r) resolved.set(f.row.table, (r = { metal: false, country: false }));
      r.metal ||= !!f.metal;
      r.country ||= !!f.country;
    }
    for (const t of read) missingColumns(ctx, t, resolved.get(t) ?? { metal: false, country: false });
  },
};

/** No table with rows: one finding at the words that speak of the list, or at the empty table's header. */
function noTable(ctx: RuleContext): void {
  const empty = ctx.model.tables[0];
  if (empty && ctx.medium === 'list') {
    const blank = blankLinesAfter(ctx.model.text, empty.header.end);
    ctx.report({
      start: empty.header.start,
      end: empty.header.end,
      severity: 'error',
      message:
        blank === undefined
          ? `This line reads as a smelter table's header, but no row under it was read: this list's smelters, if it has any, were not checked.`
          : `This smelter list is empty: ${blank === 0 ? 'nothing follows its header' : blank === 1 ? 'the line under its header is blank' : `the ${count(blank)} lines under its header are blank`}, so it names no smelter. Ask the supplier for its smelters, unless it declares that its products contain no 3TG.`,
    });
    return;
  }
  // an HTML filing whose tables cannot be read has its file-format error already
  if (ctx.medium !== 'filing' || ctx.decodeProblems.some((p) => p.kind === 'unread-html')) return;
  const says = saysItListsSmelters(ctx.model.text);
  if (!says) return;
  ctx.report({
    start: says.offset,
    end: says.offset + says.words.length,
    severity: 'error',
    message: `This filing speaks of a smelter list ("${says.words}"), but no smelter table was read from it: no table has a header naming a smelter column and a Metal, Country or Smelter ID column, so its smelters were not checked.`,
  });
}

const WHY: Record<'metal' | 'name' | 'country', string> = {
  metal: 'no metal column (nor metals above its rows): each smelter’s metal, and its CID against the metal, were not checked',
  name: 'no smelter name column: its smelters were not checked by name',
  country: 'no country column: the smelters’ countries, and the Covered Countries among them, were not checked',
};

/** A table without a metal, name or country column: one finding at its header, naming them all. */
function missingColumns(ctx: RuleContext, t: Table, resolved: { metal: boolean; country: boolean }): void {
  const c = t.columns;
  const missing: Array<keyof typeof WHY> = [];
  if (c.metal === undefined && !resolved.metal) missing.push('metal');
  if (c.name === undefined) missing.push('name');
  if (c.country === undefined && !resolved.country) missing.push('country');
  if (missing.length === 0) return;
  const severity: Severity = missing.some((m) => m !== 'country') ? 'warning' : 'info';
  const first = t.rows[0];
  const last = t.rows[t.rows.length - 1];
  const where = t.inferred ? `The list of lines ${first.line + 1}–${last.line + 1}` : `The table under this header`;
  ctx.report({
    start: t.inferred ? first.start : t.header.start,
    end: t.inferred ? first.end : t.header.end,
    severity,
    message: `${where} has ${missing.map((m) => WHY[m]).join('; ')}.`,
  });
}
