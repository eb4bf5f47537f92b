/**
 * Hover content (Markdown) for a position in a linted document: what a cell means against the reference
 * data, why a finding was reported, and the glossary for prose. Protocol-free: the server only wraps it.
 */
import { rowAt, RowFacts } from './analysis';
import { CID_PATTERN } from './cid';
import { countryTable } from './data/countries';
import { metalInfo } from './data/metals';
import { glossaryAt } from './glossary';
import { actualCount, countStatements, describeCounts, tableCounts } from './prose/counts';
import type { LintResult } from './lint';
import type { Cell } from './parse/cells';
import { StatusAt, statusHoverLine } from './status/model';
import type { RawRow } from './parse/cells';
import type { Table } from './parse/document';
import { columnLetter, columnsRead, roleLabel } from './read-report';

export interface HoverContent {
  start: number;
  end: number;
  markdown: string;
}

function cellAtOffset(f: RowFacts, offset: number): Cell | undefined {
  return f.row.cells.find((c) => c.rawStart <= offset && offset <= c.rawEnd);
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

/** The hover at an offset; with `status`, a smelter's CID hover also gives its RMAP status at that date. */
export function hoverAt(result: LintResult, offset: number, status?: StatusAt): HoverContent | undefined {
  const parts: string[] = [];
  let start = offset;
  let end = offset;
  const f = rowAt(result.analysis, offset);
  const cell = f && cellAtOffset(f, offset);
  if (f && cell) {
    start = cell.start;
    end = cell.end;
    if (cell === f.idCell) parts.push(...cidHover(result, f, status));
    else if (cell === f.countryCell) parts.push(...countryHover(result, f));
    else if (cell === f.metalCell) parts.push(...metalHover(f));
    else if (cell === f.nameCell) parts.push(...nameHover(result, f));
  }
  // nothing is repeated of the findings here: the editor shows each diagnostic's message and its related
  // places (the first occurrence, the twin) above the hover; the hover adds what they do not say
  const header = !cell ? headerCellAt(result, offset) : undefined;
  if (header) {
    parts.push(columnHover(header.table, header.index));
    start = header.row.cells[header.index].start;
    end = header.row.cells[header.index].end;
  }
  if (!cell && !header) {
    const pos = result.model.lines.positionAt(offset);
    const lineStart = result.model.lines.lineStarts[pos.line];
    const lineText = result.model.text.slice(lineStart, result.model.lines.lineEnd(pos.line));
    const term = glossaryAt(lineText, pos.character);
    if (term) {
      parts.push(`**${term.entry.title}**\n\n${term.entry.text}`);
      start = lineStart + term.start;
      end = lineStart + term.end;
    }
    const counted = countStatements(result.model).find((c) => c.phraseStart <= offset && offset <= c.phraseEnd);
    if (counted) {
      const counts = tableCounts(result.analysis);
      parts.push(
        `**The table's counts**: ${describeCounts(counts)}. This statement: ${counted.stated}; the table: ${actualCount(counts, counted)}.`,
      );
      start = counted.phraseStart;
      end = counted.phraseEnd;
    }
    const year = result.model.reportingYear;
    if (year && offset >= year.start && offset <= year.end)
      parts.push(`cmrlint reads this filing's reporting year as **${year.year}** from this statement.`);
  }
  if (parts.length === 0) return undefined;
  return { start, end, markdown: parts.join('\n\n---\n\n') };
}

/** The header cell (of a table's header or a header repeated at a page break) at an offset. */
function headerCellAt(result: LintResult, offset: number): { table: Table; row: RawRow; index: number } | undefined {
  for (const table of result.model.tables) {
    if (table.inferred) continue;
    for (const row of [table.header, ...table.repeatedHeaders]) {
      if (offset < row.start || offset > row.end) continue;
      const index = row.cells.findIndex((c) => c.rawStart <= offset && offset <= c.rawEnd);
      if (index >= 0) return { table, row, index };
    }
  }
  return undefined;
}

/** What cmrlint reads a header cell's column as, and how it found it, beside the table's other columns. */
function columnHover(table: Table, index: number): string {
  const columns = columnsRead(table);
  const col = columns.find((c) => c.column === index + 1);
  const others = columns.filter((c) => c !== col).map((c) => `${roleLabel(c.role)} ${c.letter}`);
  const how = (basis: 'header' | 'content') => (basis === 'header' ? "by this header's words" : 'by what its cells hold');
  const head = col
    ? `**Column ${col.letter}: ${roleLabel(col.role)}**, found ${how(col.basis)}.`
    : `**Column ${columnLetter(index)}** is not read: cmrlint checks the metal, smelter name, country and smelter ID columns (and a look-up, standard name, RMAP status or supplier column).`;
  const rows = table.rows.length;
  return `${head}\n\nThis table: ${others.length ? others.join(', ') : 'no other column read'}; ${rows} row${rows === 1 ? '' : 's'} read.`;
}

function cidHover(result: LintResult, f: RowFacts, status?: StatusAt): string[] {
  const cid = f.idCell!.value;
  if (!CID_PATTERN.test(cid)) return [];
  const metal = f.metal?.info.metal ?? result.reference.lookupCid(cid)?.metal;
  const rmap = status && metal ? [statusHoverLine(status.list.statusAt(cid, metal, status.asOf), metal, status.list.info.source)] : [];
  return [...referenceHover(result, f, cid), ...rmap];
}

function referenceHover(result: LintResult, f: RowFacts, cid: string): string[] {
  const ref = result.reference.lookupCid(cid);
  if (!ref) {
    return [
      `**${cid}** is not in the reference (${result.reference.info.source}).${result.reference.info.complete ? '' : " The bundled list holds only smelters named in public filings; point cmrlint at your CMRT for RMI's full list."}`,
    ];
  }
  const countries = countryTable();
  const country = ref.country ? countries.canonical(countries.get(ref.country)!, result.analysis.style) : 'unknown country';
  const checks: string[] = [];
  if (f.metal) checks.push(f.metal.info.metal === ref.metal ? '✓ metal' : `✗ metal: row says ${f.metal.info.metal}`);
  if (f.country && ref.country)
    checks.push(f.country.country.alpha2 === ref.country ? '✓ country' : `✗ country: row says ${f.countryCell!.value}`);
  if (f.nameCell?.value)
    checks.push(result.reference.nameAgrees(ref, f.nameCell.value) ? '✓ name' : `✗ name: row says ${code(f.nameCell.value)}`);
  return [
    `**${cid}** — ${ref.name}\n\n${ref.metal} · ${country}${ref.aliases.length ? `\n\nAlso known as: ${ref.aliases.slice(0, 5).map(code).join(', ')}` : ''}\n\nThis row: ${checks.join(' · ')}\n\n_Reference: ${result.reference.info.inUse?.label ?? result.reference.info.source}_`,
  ];
}

function countryHover(result: LintResult, f: RowFacts): string[] {
  if (!f.country) return [];
  const c = f.country.country;
  const countries = countryTable();
  const canonical = countries.canonical(c, result.analysis.style);
  const spellings = new Map<string, number>();
  for (const r of result.analysis.rows) {
    if (r.country?.country === c && r.countryCell) spellings.set(r.countryCell.value, (spellings.get(r.countryCell.value) ?? 0) + 1);
  }
  const others = [...spellings.entries()].filter(([s]) => s !== f.countryCell!.value);
  return [
    `**${canonical}** (${c.alpha2} / ${c.alpha3})${canonical !== c.isoName ? ` — ISO: ${c.isoName}` : ''}\n\n` +
      (c.covered ? '⚠ **Covered Country**: the DRC or one of its nine adjoining countries.' : 'Not a Covered Country.') +
      `\n\nDocument style: ${result.analysis.styleReason}.` +
      (others.length ? `\n\nOther spellings in this file: ${others.map(([s, n]) => `${code(s)} ×${n}`).join(', ')}` : ''),
  ];
}

function metalHover(f: RowFacts): string[] {
  if (!f.metal) return [];
  const m = metalInfo(f.metal.info.metal);
  const ores = m.metal === 'Gold' ? 'gold ore' : m.ores.join(', ');
  return [`**${m.metal}** (${m.symbol}) — a conflict mineral (3TG). Ore: ${ores}.`];
}

function nameHover(result: LintResult, f: RowFacts): string[] {
  if (!f.nameCell?.value || f.placeholder) return [];
  const matches = result.reference.findByName(f.nameCell.value, f.metal?.info.metal);
  if (matches.length === 0)
    return [
      `No smelter named ${code(f.nameCell.value)}${f.metal ? ` for ${f.metal.info.metal.toLowerCase()}` : ''} in the reference (${result.reference.info.source}).`,
    ];
  const countries = countryTable();
  // the country spelled as in every other hover: the document's style
  const countryOf = (alpha2: string) => {
    const c = countries.get(alpha2);
    return c ? countries.canonical(c, result.analysis.style) : alpha2;
  };
  return matches
    .slice(0, 4)
    .map(
      (m) =>
        `${m.exact ? 'Reference smelter' : 'Close reference smelter'}: **${m.record.name}** — ${m.record.cid} · ${m.record.metal}${m.record.country ? ` · ${countryOf(m.record.country)}` : ''}`,
    );
}
