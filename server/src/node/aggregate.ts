/**
 * Aggregation at the edge: suppliers' files read into plain rows (one file at a time, so memory stays flat),
 * merged by the core, written as TSV, CSV, JSON or an .xlsx workbook.
 */
import * as path from 'node:path';
import { analyzeText, MAX_TEXT_LENGTH } from '../core/lint';
import { kindSummary } from '../core/file-kind';
import {
  aggregate,
  Aggregate,
  attachFindings,
  placeText,
  renderTable,
  SourceFile,
  sourceRowsOf,
  summaryLines,
  tableCells,
} from '../core/aggregate';
import { PrepareRequest, prepareFile } from './prepare';
import { rowsInHtml } from './html';
import { writeXlsx } from './xlsx-write';
import { loadReference } from './options';
import { compareRevisions, isRmiRevision, lookupDistrust } from './revision';
import { isMergedOutput, MERGED_NOTE } from './merged';
import { FamilyTable, familyTables } from './templates/families';
import type { TemplateFamily } from '../core/workbook';
import { bundledReference, SmelterReference } from '../core/data/smelters';

export type AggregateFormat = 'tsv' | 'csv' | 'json' | 'xlsx';

export const AGGREGATE_FORMATS: readonly AggregateFormat[] = ['tsv', 'csv', 'json', 'xlsx'];

/** The output format an output file's name asks for. */
export function formatOfOutput(file: string): AggregateFormat | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return (AGGREGATE_FORMATS as readonly string[]).includes(ext)
    ? (ext as AggregateFormat)
    : ext === 'tab' || ext === 'txt'
      ? 'tsv'
      : undefined;
}

/** A supplier file's rows; for a CMRT whose own look-up cannot stand for RMI's list, why (revision.lookupDistrust). */
export interface SupplierSource extends SourceFile {
  /** Where the file was read from, when `file` names it otherwise (relative to the editor's workspace). */
  path?: string;
  lookupRefused?: string;
  /** The RMI template a workbook was read as: an EMRT's or AMRT's smelters go to their own table. */
  family?: TemplateFamily;
  /** A workbook that is no RMI template, read by its sheets (its rows are placed at their sheets: "Reported In"). */
  sheets?: boolean;
}

/** The merged 3TG table, and one table per other template family (EMRT, AMRT) when suppliers sent them. */
export type TemplateAggregate = Aggregate & { families?: FamilyTable[] };

/** One supplier file as plain rows, or why it gave none. */
export async function sourceOfFile(file: string, req: PrepareRequest): Promise<SupplierSource> {
  const prepared = await prepareFile(file, req);
  if (!prepared.ok) return { file, rows: [], problem: prepared.reason, ...(prepared.skip ? { notOurs: true } : {}) };
  if (prepared.decoded.text === undefined) return { file, rows: [], problem: 'not a text file (binary content)' };
  if (prepared.text.length > MAX_TEXT_LENGTH)
    return {
      file,
      rows: [],
      problem: `too large: ${(prepared.text.length / 1048576).toFixed(0)} M characters (cmrlint reads up to ${MAX_TEXT_LENGTH / 1048576} M)`,
    };
  const read = analyzeText(prepared.text, prepared.options);
  // RMI's look-up or status list, or a table of something else: no supplier's list, said in the summary
  if (read.fileKind) return { file, rows: [], problem: kindSummary(read.fileKind), notOurs: true };
  if (read.model.tables.length === 0) return { file, rows: [], problem: 'no smelter table', notOurs: true };
  const w = prepared.workbook;
  const lookup = !w?.reference ? {} : w.lookupDistrust ? { lookupRefused: w.lookupDistrust } : { lookupRevision: w.context.revision };
  const family = w?.context.template?.family;
  const rows = sourceRowsOf(file, read);
  return {
    file,
    rows: prepared.html ? rowsInHtml(prepared.html, rows) : rows,
    ...lookup,
    ...(family && family !== 'CMRT' ? { family } : {}),
    ...(w?.context.sheets ? { sheets: true } : {}),
  };
}

/**
 * The list the merged rows are resolved against, in the trust order of docs/trust.md: the one given
 * (--reference, else the project's .cmrlint.json), else RMI's list of the newest revision among the suppliers'
 * own CMRTs whose look-up is verified (a revision RMI published, its fingerprint: revision.lookupDistrust), else the
 * bundled list. The suppliers' look-ups that were not eligible are said in one line through `note`.
 */
export async function aggregateReference(
  given: SmelterReference | undefined,
  sources: readonly SupplierSource[],
  note?: (line: string) => void,
): Promise<SmelterReference> {
  if (given && given !== bundledReference()) return given;
  const refused = sources.flatMap((s) => (s.lookupRefused ? [{ file: s.file, why: s.lookupRefused }] : []));
  const candidates = sources
    .filter((s) => isRmiRevision(s.lookupRevision))
    .sort((a, b) => compareRevisions(b.lookupRevision!, a.lookupRevision!));
  let chosen: SmelterReference | undefined;
  for (const s of candidates) {
    const loaded = await loadReference(path.resolve(s.path ?? s.file)).catch(() => undefined); // read a moment ago: if not now, the next one
    // the file may have changed since it was read: it must still pass
    const why = loaded ? lookupDistrust(loaded, loaded.info.revision) : undefined;
    if (why) refused.push({ file: s.file, why });
    else if (loaded) {
      chosen = loaded;
      break;
    }
  }
  if (refused.length > 0) note?.(refusedNote(refused, chosen));
  return chosen ?? bundledReference();
}

/** One line on the suppliers' look-ups not used as the reference, and what was used instead. */
function refusedNote(refused: ReadonlyArray<{ file: string; why: string }>, chosen: SmelterReference | undefined): string {
  const shown = refused.slice(0, 3).map((r) => `${r.file} (${r.why})`);
  if (refused.length > 3) shown.push(`${refused.length - 3} more`);
  const instead = chosen ? `${chosen.info.source}, CMRT ${chosen.info.revision}` : bundledReference().info.source;
  return `cmrlint: note: the Smelter Look-up of ${refused.length === 1 ? 'a supplier CMRT is' : `${refused.length} supplier CMRTs are`} not used as the reference: ${shown.join('; ')}; checked against ${instead} instead`;
}

/** The aggregate's output in a format: text for TSV, CSV and JSON; bytes for .xlsx. */
export function aggregateOutput(agg: TemplateAggregate, format: AggregateFormat): string | Uint8Array {
  if (format === 'tsv' || format === 'csv') return renderTable(agg, format); // the 3TG table: the Form SD annex
  const families = agg.families ?? [];
  if (format === 'json')
    return (
      JSON.stringify(
        {
          summary: agg.summary,
          smelters: agg.rows,
          conflicts: agg.conflicts,
          notMerged: agg.notMerged,
          ...(families.length ? { families } : {}),
        },
        null,
        2,
      ) + '\n'
    );
  const cells = tableCells(agg);
  return writeXlsx([
    {
      name: 'Smelters',
      rows: cells.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 4 ? Number(v) : v)))),
      widths: [10, 48, 28, 22, 10, 40, 60, 24],
    },
    {
      name: 'Conflicts',
      rows: [
        ['Kind', 'Smelter', 'Value', 'Reported by', 'Where', 'Conflict'],
        ...agg.conflicts.flatMap((c) =>
          c.sides.map((s) => [c.kind, c.smelter, s.value, s.source, s.places.map(placeText).join('; '), c.message]),
        ),
      ],
      widths: [10, 48, 28, 20, 60, 80],
    },
    {
      name: 'Not merged',
      rows: [
        ['File', 'Where', 'Why', 'Metal', 'Smelter Name', 'Country', 'Smelter Identification'],
        ...agg.notMerged.map((r) => [r.file, r.place, r.why ?? '', r.metalText, r.name, r.countryText, r.idText]),
      ],
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
    ...families.map((t) => ({
      name: t.title,
      rows: [
        ['Mineral', 'Smelter Name', 'Country', 'Smelter Identification', 'Suppliers', 'Reported at'],
        ...t.rows.map((r) => [r.mineral, r.name, r.country, r.cid, r.suppliers, r.places.join('; ')]),
        ['', ''],
        ['Mineral', 'Smelters'],
        ...t.perMineral.map((m) => [m.mineral, m.smelters]),
      ],
      widths: [18, 48, 22, 22, 10, 60],
    })),
  ]);
}

/** Reads the files one after the other (the editor's command), saying how far it got; stops when cancelled. */
export async function collectSources(
  files: readonly string[],
  req: (file: string) => PrepareRequest,
  progress: (done: number, file: string) => void,
  cancelled: () => boolean,
): Promise<SupplierSource[] | undefined> {
  const out: SupplierSource[] = [];
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
 * The editor's reading of a selection: the files read one after the other (cancellable between files; tables
 * cmrlint merged before left out, said through `note`), each named by `nameOf`. Undefined when cancelled.
 */
export async function readSelection(
  files: readonly string[],
  req: (file: string) => PrepareRequest,
  progress: (done: number, file: string) => void,
  cancelled: () => boolean,
  note?: (line: string) => void,
  /** How a file is named in the table ("Reported In"): the editor names them relative to the workspace, as the CLI does. */
  nameOf: (file: string) => string = (f) => f,
): Promise<SupplierSource[] | undefined> {
  // a table cmrlint merged before (last run's output saved among the suppliers' files) is no supplier's list
  const suppliers: string[] = [];
  for (const f of files) {
    if (isMergedOutput(f)) note?.(`${path.basename(f)} left out: ${MERGED_NOTE}`);
    else suppliers.push(f);
  }
  const sources = await collectSources(suppliers, req, progress, cancelled);
  return sources?.map((s) => named(s, nameOf(s.file)));
}

/**
 * The editor's aggregation: the selection read (readSelection), resolved against the configured reference
 * (else the suppliers' newest RMI list), merged, and what the linter still says about each merged row
 * attached. Undefined when cancelled.
 */
export async function aggregateFiles(
  files: readonly string[],
  req: (file: string) => PrepareRequest,
  configured: SmelterReference | undefined,
  progress: (done: number, file: string) => void,
  cancelled: () => boolean,
  note?: (line: string) => void,
  nameOf: (file: string) => string = (f) => f,
): Promise<Aggregate | undefined> {
  const sources = await readSelection(files, req, progress, cancelled, note, nameOf);
  return sources ? mergeSources(sources, configured, note) : undefined;
}

/** A source and its rows under another name (`path` keeps where it was read from). */
function named(s: SupplierSource, name: string): SupplierSource {
  return name === s.file ? s : { ...s, file: name, path: s.file, rows: s.rows.map((r) => ({ ...r, file: name })) };
}

/**
 * The suppliers' rows merged against the configured reference (else their newest RMI list), each merged row
 * with what the linter still says of it. `note` hears of the suppliers' look-ups not used as the reference.
 */
export async function mergeSources(
  sources: readonly SupplierSource[],
  configured: SmelterReference | undefined,
  note?: (line: string) => void,
): Promise<TemplateAggregate> {
  const reference = await aggregateReference(configured, sources, note);
  // the 3TG table lists an EMRT's or AMRT's cobalt, aluminium... rows as not merged (not conflict minerals);
  // they are merged in their family's own table
  const agg: TemplateAggregate = aggregate(sources, reference);
  attachFindings(agg, reference);
  const families = familyTables(sources);
  if (families.length > 0) agg.families = families;
  return agg;
}
