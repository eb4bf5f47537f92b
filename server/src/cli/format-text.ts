/** Text output: `file:line:col  severity  message  rule` per finding (a workbook's at `file:Sheet!A1`), then a summary line. */
import { plural } from '../core/messages';
import type { JsonFinding } from './findings';
import { readLines } from './format-read';
import type { Formatter, Totals } from './format';
import type { Io } from './run';

function findingLine(j: JsonFinding): string {
  const where = j.sheet ? `${j.sheet}${j.cell ? `!${j.cell}` : ''}` : `${j.line}:${j.column}`;
  return `${j.file}:${where}  ${j.severity.padEnd(7)}  ${j.message}  ${j.rule}`;
}

/** The last line: how many problems of which severity, and how many files were linted, not linted, skipped. */
export function summaryLine(t: Totals): string {
  const { counts } = t;
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const linted = t.files - t.notLinted - t.skipped;
  const notLinted = t.notLinted > 0 ? `; ${t.notLinted} of ${plural(t.files, 'file')} not linted` : '';
  const skipped = t.skipped > 0 ? `; ${t.skipped} skipped` : '';
  const see = notLinted || skipped ? `${notLinted}${skipped} (see above)` : '';
  if (total > 0)
    return `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info${counts.hint ? `, ${plural(counts.hint, 'hint')}` : ''})${see}`;
  // "no problems" always says what was read: a file of which no smelter table was read had nothing checked
  if (linted > 0 && t.withoutTable === linted)
    return `– no smelter table read in ${plural(linted, 'file')}: no smelter was checked (the text has no problems)${see}`;
  const read = ` (${plural(t.tables, 'smelter table')}, ${plural(t.rowsRead, 'row')} read${t.withoutTable ? `; no smelter table in ${plural(t.withoutTable, 'file')}` : ''})`;
  return t.notLinted > 0
    ? `✖ no problems found in ${plural(linted, 'file')}${read}${see}`
    : `✓ no problems in ${plural(linted, 'file')}${read}${see}`;
}

/** Which reference the files were checked against: "reference: RMI CMRT 6.5 look-up from FILE, verified". */
export function referenceLine(t: Totals): string | undefined {
  const refs = t.references;
  if (refs.length === 0) return undefined;
  const era =
    t.eraFiles > 0
      ? ` (${plural(t.eraFiles, 'CMRT')} of an older revision judged against ${t.eraFiles === 1 ? 'its' : 'their'} own revision's list first)`
      : '';
  if (refs.length === 1) return `reference: ${refs[0].label}${era}`;
  return `references: ${refs.map((r) => `${r.label} (${plural(r.files, 'file')})`).join('; ')}${era}`;
}

export function textFormatter(io: Io, verbose: boolean): Formatter {
  return {
    file: (r) => {
      if (verbose && r.read) for (const line of readLines(r.file, r.read)) io.out(line);
      for (const j of r.findings) io.out(findingLine(j));
    },
    end: (t) => {
      io.out('');
      const reference = referenceLine(t);
      if (reference) io.out(reference);
      io.out(summaryLine(t));
    },
  };
}
