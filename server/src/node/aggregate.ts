/**
 * Aggregation at the edge: suppliers' files read into plain rows (one file at a time, so memory stays flat),
 * merged by the core, written as TSV, CSV, JSON or an .xlsx workbook.
 */
import * as path from 'node:path';
import { analyzeText, MAX_TEXT_LENGTH } from '../core/lint';
import { aggregate, Aggregate, attachFindings, placeText, renderTable, SourceFile, sourceRowsOf, summaryLines, tableCells } from '../core/aggregate';
import { PrepareRequest, prepareFile } from './prepare';
import { writeXlsx } from './xlsx-write';
import { loadReference } from './options';
import { bundledReference, SmelterReference } from '../core/data/smelters';

export type AggregateFormat = 'tsv' | 'csv' | 'json' | 'xlsx';

export const AGGREGATE_FORMATS: readonly AggregateFormat[] = ['tsv', 'csv', 'json', 'xlsx'];

/** The output format an output file's name asks for. */
export function formatOfOutput(file: string): AggregateFormat | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return (AGGREGATE_FORMATS as readonly string[]).includes(ext) ? (ext as AggregateFormat) : ext === 'tab' || ext === 'txt' ? 'tsv' : undefined;
}

/** One supplier file as plain rows, or why it gave none. */
export async function sourceOfFile(file: string, req: PrepareRequest): Promise<SourceFile> {
  const prepared = await prepareFile(file, req);
  if (!prepared.ok) return { file, rows: [], problem: prepared.reason, ...(prepared.skip ? { notOurs: true } : {}) };
  if (prepared.decoded.text === undefined) return { file, rows: [], problem: 'not a text file (binary content)' };
  if (prepared.text.length > MAX_TEXT_LENGTH) return { file, rows: [], problem: `too large: ${(prepared.text.length / 1048576).toFixed(0)} M characters (cmrlint reads up to ${MAX_TEXT_LENGTH / 1048576} M)` };
  const read = analyzeText(prepared.text, prepared.options);
  if (read.model.tables.length === 0) return { file, rows: [], problem: 'no smelter table', notOurs: true };
  const lookupRevision = prepared.workbook?.reference ? (prepared.workbook.context.revision ?? '0') : undefined;
  return { file, rows: sourceRowsOf(file, read), ...(lookupRevision ? { lookupRevision } : {}) };
}

/**
 * The list the merged rows are resolved against: the one given (--reference, the project's), else RMI's list
 * of the newest revision among the suppliers' own CMRTs (every CMRT carries it), else the bundled list.
 */
export async function aggregateReference(given: SmelterReference | undefined, sources: readonly SourceFile[]): Promise<SmelterReference> {
  if (given && given !== bundledReference()) return given;
  let newest: SourceFile | undefined;
  for (const s of sources) if (s.lookupRevision && (!newest || parseFloat(s.lookupRevision) > parseFloat(newest.lookupRevision!))) newest = s;
  if (newest) {
    try {
      return await loadReference(path.resolve(newest.file));
    } catch {
      // read a moment ago; if it cannot be read now, the bundled list serves
    }
  }
  return bundledReference();
}

/** The aggregate's output in a format: text for TSV, CSV and JSON; bytes for .xlsx. */
export function aggregateOutput(agg: Aggregate, format: AggregateFormat): string | Uint8Array {
  if (format === 'tsv' || format === 'csv') return renderTable(agg, format);
  if (format === 'json') return JSON.stringify({ summary: agg.summary, smelters: agg.rows, conflicts: agg.conflicts, notMerged: agg.notMerged }, null, 2) + '\n';
  const cells = tableCells(agg);
  return writeXlsx([
    { name: 'Smelters', rows: cells.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 4 ? Number(v) : v)))), widths: [10, 48, 28, 22, 10, 40, 60, 24] },
    {
      name: 'Conflicts',
      rows: [['Kind', 'Smelter', 'Value', 'Reported by', 'Where', 'Conflict'], ...agg.conflicts.flatMap((c) => c.sides.map((s) => [c.kind, c.smelter, s.value, s.source, s.places.map(placeText).join('; '), c.message]))],
      widths: [10, 48, 28, 20, 60, 80],
    },
    {
      name: 'Not merged',
      rows: [['File', 'Where', 'Why', 'Metal', 'Smelter Name', 'Country', 'Smelter Identification'], ...agg.notMerged.map((r) => [r.file, r.place, r.why ?? '', r.metalText, r.name, r.countryText, r.idText])],
      widths: [40, 18, 60, 10, 40, 20, 20],
    },
    {
      name: 'Summary',
      rows: [
        ['Summary', ''],
        ...summaryLines(agg).map((l) => [l.trim(), '']),
        ['', ''],
        ['Metal', 'Smelters'],
        ...agg.summary.perMetal.map((m) => [m.metal, m.smelters]),
        ['', ''],
        ['Country', 'Smelters'],
        ...agg.summary.perCountry.map((c) => [c.country, c.smelters]),
        ['', ''],
        ['Smelters in the Covered Countries', agg.summary.covered.length],
        ...agg.summary.covered.map((c) => [`${c.name} (${c.metal}${c.cid ? `, ${c.cid}` : ''})`, c.country]),
      ],
      widths: [80, 14],
    },
  ]);
}

/** Reads the files one after the other (the editor's command), saying how far it got; stops when cancelled. */
export async function collectSources(
  files: readonly string[],
  req: (file: string) => PrepareRequest,
  progress: (done: number, file: string) => void,
  cancelled: () => boolean,
): Promise<SourceFile[] | undefined> {
  const out: SourceFile[] = [];
  for (const file of files) {
    if (cancelled()) return undefined;
    progress(out.length, file);
    out.push(await sourceOfFile(file, req(file)));
    // let the connection read a cancellation between files
    await new Promise((r) => setImmediate(r));
  }
  return out;
}

/**
 * The editor's aggregation: the files read one after the other (cancellable between files), resolved against
 * the configured reference (else the suppliers' newest RMI list), merged, and what the linter still says about
 * each merged row attached. Undefined when cancelled.
 */
export async function aggregateFiles(
  files: readonly string[],
  req: (file: string) => PrepareRequest,
  configured: SmelterReference | undefined,
  progress: (done: number, file: string) => void,
  cancelled: () => boolean,
): Promise<Aggregate | undefined> {
  const sources = await collectSources(files, req, progress, cancelled);
  return sources ? mergeSources(sources, configured) : undefined;
}

/**
 * The suppliers' rows merged against the configured reference (else their newest RMI list), each merged row
 * with what the linter still says of it.
 */
export async function mergeSources(sources: readonly SourceFile[], configured: SmelterReference | undefined): Promise<Aggregate> {
  const reference = await aggregateReference(configured, sources);
  const agg = aggregate(sources, reference);
  attachFindings(agg, reference);
  return agg;
}
