/** `--verbose` in text: what was read of a file, a few indented lines under its name (core/read-report.ts). */
import { plural } from '../core/messages';
import { ReadReport, roleLabel, SkippedLines, TableRead } from '../core/read-report';

/** Unread columns named; the rest are counted. */
const UNREAD_SHOWN = 8;

const MEDIUM: Record<ReadReport['medium'], string> = { filing: 'a filing', list: 'a smelter list', workbook: 'a workbook' };

/** The lines saying what was read of one file. */
export function readLines(file: string, read: ReadReport): string[] {
  const wb = read.workbook;
  const what =
    wb && !wb.sheets
      ? `${wb.family ?? 'CMRT'}${wb.revision ? ` ${wb.revision}` : ' of unknown revision'}, sheet "${wb.sheet}"`
      : `${read.kind ?? MEDIUM[read.medium]} (${read.format})`;
  const lines = [`${file}: read as ${what}; reference: ${read.reference}`];
  // a workbook that is no template: which sheets held smelter tables, and why the others were not read
  for (const s of wb?.sheets ?? [])
    lines.push(`  sheet "${s.sheet}": ${s.linted ? `smelter table read${s.why ? `; ${s.why}` : ''}` : `not read: ${s.why ?? ''}`}`);
  if (read.tables.length === 0) lines.push('  no smelter table read: no row of this file was checked');
  read.tables.forEach((t, i) => lines.push(...tableLines(t, read.tables.length > 1 ? i + 1 : undefined)));
  return lines;
}

function tableLines(t: TableRead, n: number | undefined): string[] {
  const out = [`  table${n ? ` ${n}` : ''} at ${t.where}${t.header === 'inferred' ? ' (no header row: columns read from the cells)' : ''}`];
  const cols = t.columns.map((c) => `${c.letter} ${roleLabel(c.role)}${c.header ? ` "${c.header}"` : ''} (by ${c.basis})`);
  out.push(`    columns: ${cols.join('; ')}`);
  if (t.missing.length > 0) out.push(`    no column found for: ${t.missing.map((r) => roleLabel(r)).join(', ')}`);
  if (t.unread.length > 0) {
    const shown = t.unread.slice(0, UNREAD_SHOWN).map((h) => `"${h.length > 40 ? `${h.slice(0, 39)}…` : h}"`);
    if (t.unread.length > UNREAD_SHOWN) shown.push(`${t.unread.length - UNREAD_SHOWN} more`);
    out.push(`    columns not read: ${shown.join(', ')}`);
  }
  const metals = Object.entries(t.perMetal).map(([m, k]) => `${m} ${k}`);
  const notes = [
    ...(t.placeholders ? [`${plural(t.placeholders, 'placeholder')}`] : []),
    ...(t.malformed ? [`${t.malformed} with missing or shifted cells`] : []),
    ...(t.suppliers !== undefined ? [plural(t.suppliers, 'supplier')] : []),
  ];
  out.push(`    rows read: ${t.rows}${metals.length ? ` (${metals.join(', ')})` : ''}${notes.length ? `; ${notes.join(', ')}` : ''}`);
  if (t.skipped.length > 0) out.push(`    not rows: ${t.skipped.map(skipText).join('; ')}`);
  return out;
}

const REASON: Record<SkippedLines['reason'], [string, string]> = {
  blank: ['blank line', 'blank lines'],
  padding: ['padding row (#N/A, 0)', 'padding rows (#N/A, 0)'],
  'repeated header': ['repeated header', 'repeated headers'],
  heading: ['section heading', 'section headings'],
  'page number': ['page number', 'page numbers'],
  footnote: ['footnote', 'footnotes'],
  text: ['line of text', 'lines of text'],
  'template row': ['template row (formulas, no data)', 'template rows (formulas, no data)'],
};

function skipText(s: SkippedLines): string {
  const [one, many] = REASON[s.reason];
  const at = s.at.length > 0 ? ` (${s.count > s.at.length ? `${s.at.join(', ')}…` : s.at.join(', ')})` : '';
  return `${s.count} ${s.count === 1 ? one : many}${at}`;
}
