/**
 * The season's requests over the suppliers' files on disk, as the CLI's `aggregate` and `annex` do them:
 * "Aggregate smelter lists" (with the RMAP Status column when a status list is configured), "Compare with
 * last season's table…" (`--previous`), "Write letters to suppliers…" (`--letters`) and "Write the report's
 * annex…" (`cmrlint annex`). Each reads the selection one file at a time, cancellable between files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationToken, Connection } from 'vscode-languageserver/node';
import { changeLines, compareWithPrevious } from '../../core/aggregate';
import { annexSentences, buildAnnex } from '../../core/annex';
import { applyStatus } from '../../core/status/apply';
import type { StatusAt } from '../../core/status/model';
import { aggregateSummary } from '../../core/summary';
import { aggregateOutput, formatOfOutput, mergeSources, readSelection, SupplierSource, TemplateAggregate } from '../../node/aggregate';
import { annexFormatOf, annexNotes, annexOutput } from '../../node/annex';
import { filesUnder } from '../../node/folders';
import { writeLetters } from '../../node/letters';
import { PreviousFileError, readPrevious } from '../../node/previous';
import { writeFileSafely, WriteError } from '../../node/write-file';
import {
  AggregateParams,
  AggregateRequest,
  AnnexParams,
  AnnexRequest,
  AnnexResult,
  Cancelled,
  CompareRequest,
  CompareResult,
  Failed,
  LettersParams,
  LettersRequest,
  LettersResult,
  ProgressNotification,
} from '../../protocol';
import type { ServerContext } from '../context';
import { pathToUri, uriToPath } from '../uri';

export function registerSeasonRequests(connection: Connection, ctx: ServerContext): void {
  connection.onRequest(AggregateRequest, (params, token) => aggregate(connection, ctx, params, undefined, token));
  connection.onRequest(CompareRequest, (params, token) => aggregate(connection, ctx, params, params.previous, token));
  connection.onRequest(LettersRequest, (params, token) => letters(connection, ctx, params, token));
  connection.onRequest(AnnexRequest, (params, token) => annex(connection, ctx, params, token));
}

/** A selection merged: the sources read, the merged table with its statuses, the status list used. */
interface Season {
  sources: SupplierSource[];
  found: Set<string>;
  agg: TemplateAggregate;
  status?: StatusAt;
  /** Today, ISO: the date statuses and re-audits are given at. */
  asOf: string;
  /** What the status list said of itself and the suppliers' look-ups not used: one line each. */
  notes: string[];
}

/** A file's path relative to its workspace folder (as the CLI run there names it), else as it is; '/' between folders. */
function workspaceRelative(ctx: ServerContext, file: string): string {
  const folder = ctx.workspaceFolderOf(file);
  return folder ? path.relative(folder, file).split(path.sep).join('/') : file;
}

/**
 * The files of a selection of files and folders (URIs); those found in a folder are marked `found`; what the
 * folders hold that is no supplier's file (documentation) is in `skipped`, with why.
 */
function selectedFiles(uris: readonly string[]): { files: string[]; found: Set<string>; skipped: Array<{ file: string; why: string }> } {
  const files: string[] = [];
  const found = new Set<string>();
  const skipped: Array<{ file: string; why: string }> = [];
  for (const p of uris.map(uriToPath)) {
    if (!fs.statSync(p).isDirectory()) {
      files.push(p);
      continue;
    }
    for (const f of filesUnder(p, (file, why) => skipped.push({ file, why }))) {
      files.push(f);
      found.add(f);
    }
  }
  return { files, found, skipped };
}

/**
 * The selection read and merged as "Aggregate smelter lists" merges it, against the configured reference, with
 * the RMAP statuses of the configured status list (cmrlint.status, else "status" in .cmrlint.json) at today.
 */
async function mergeSelection(
  connection: Connection,
  ctx: ServerContext,
  uris: readonly string[],
  token: CancellationToken,
): Promise<Season | Cancelled | Failed> {
  let selection: ReturnType<typeof selectedFiles>;
  try {
    selection = selectedFiles(uris);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const { files, found } = selection;
  if (files.length === 0) return { error: 'no filings, smelter lists or CMRT workbooks in the selection' };
  const first = files[0];
  const options = await ctx.fileOptions(first, await ctx.settingsFor(pathToUri(first))).catch(() => undefined);
  // a supplier's look-up refused as the reference (docs/trust.md): said, never silent
  const warn = (note: string) => void connection.window.showWarningMessage(`cmrlint: ${note}`);
  const sources = await readSelection(
    files,
    (f) => ctx.diskRequest(f, found.has(f)),
    (done, file) =>
      void connection.sendNotification(ProgressNotification, { task: 'aggregate', done, total: files.length, file: path.basename(file) }),
    () => token.isCancellationRequested || ctx.disposed,
    warn,
    (f) => workspaceRelative(ctx, f),
  );
  if (!sources) return { cancelled: true };
  const agg = await mergeSources(sources, options?.reference, warn);
  agg.summary.skipped.unshift(...selection.skipped.map((s) => ({ ...s, file: workspaceRelative(ctx, s.file) })));
  const status = options?.status;
  const asOf = status?.asOf ?? new Date().toISOString().slice(0, 10);
  if (status) applyStatus(agg, status.list, asOf);
  const notes = (status?.list.info.notes ?? []).map((n) => `Status list ${n}`);
  return { sources, found, agg, ...(status ? { status } : {}), asOf, notes };
}

/**
 * "Aggregate smelter lists" and, with `previous`, "Compare with last season's table…": the merged table written
 * to `output`; compared, what changed in one line (`changes`) and in the summary's notes.
 */
async function aggregate(
  connection: Connection,
  ctx: ServerContext,
  params: AggregateParams,
  previous: string | undefined,
  token: CancellationToken,
): Promise<CompareResult> {
  const output = uriToPath(params.output);
  const format = formatOfOutput(output);
  if (!format) return { error: `cannot tell the format from ${path.basename(output)}: name it .tsv, .csv, .json or .xlsx` };
  const season = await mergeSelection(connection, ctx, params.uris ?? [], token);
  if (!('agg' in season)) return season;
  const { agg } = season;
  let changes: string[] = [];
  if (previous !== undefined) {
    // read after the statuses are set, so that a status change is seen
    try {
      const file = uriToPath(previous);
      changes = changeLines(compareWithPrevious(agg, await readPrevious(file), path.basename(file))).map((l) => l.trim());
    } catch (e) {
      if (e instanceof PreviousFileError) return { error: e.message };
      throw e;
    }
  }
  try {
    writeFileSafely(output, aggregateOutput(agg, format));
  } catch (e) {
    return { error: (e as Error).message };
  }
  connection.console.log(
    `aggregated ${season.sources.length} files into ${output}: ${agg.rows.length} smelters, ${agg.conflicts.length} conflicts`,
  );
  const summary = aggregateSummary(path.basename(output), agg);
  return {
    output: params.output,
    smelters: agg.rows.length,
    conflicts: agg.conflicts.length,
    summary: { ...summary, notes: [...season.notes, ...changes, ...summary.notes] },
    changes: changes[0] ?? '',
  };
}

/** "Write letters to suppliers…": one letter per supplier file with something to correct, in the folder chosen. */
async function letters(
  connection: Connection,
  ctx: ServerContext,
  params: LettersParams,
  token: CancellationToken,
): Promise<LettersResult> {
  const season = await mergeSelection(connection, ctx, params.uris ?? [], token);
  if (!('agg' in season)) return season;
  const dir = uriToPath(params.folder);
  const suppliers = season.sources.filter((s) => !s.notOurs);
  try {
    const done = await writeLetters(dir, suppliers, (f) => ctx.diskRequest(f, season.found.has(f)), season.agg, season.asOf);
    connection.console.log(done.line);
    return { letters: done.written.map(pathToUri), clean: done.clean };
  } catch (e) {
    if (e instanceof WriteError) return { error: e.message };
    throw e;
  }
}

/** "Write the report's annex…": the annex and its paragraph of counts written to the file chosen. */
async function annex(connection: Connection, ctx: ServerContext, params: AnnexParams, token: CancellationToken): Promise<AnnexResult> {
  const output = uriToPath(params.output);
  const format = annexFormatOf(output);
  if (!format) return { error: `cannot tell the format from ${path.basename(output)}: name it .md, .html, .tsv or .xlsx` };
  const season = await mergeSelection(connection, ctx, params.uris ?? [], token);
  if (!('agg' in season)) return season;
  const built = buildAnnex(season.agg, season.status?.list, season.asOf);
  try {
    writeFileSafely(output, annexOutput(built, format));
  } catch (e) {
    return { error: (e as Error).message };
  }
  // what the status list says of itself goes to the output channel; what the annex leaves out and the re-audits to the user
  for (const note of season.notes) connection.console.log(note);
  const notes = annexNotes(built).map((l) => l.replace(/^cmrlint: /, ''));
  connection.console.log(`wrote the annex of ${built.total} smelters to ${output}`);
  return { output: params.output, smelters: built.total, paragraph: annexSentences(built), notes };
}
