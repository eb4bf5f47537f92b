/** `cmrlint aggregate`: many suppliers' lists → one smelter table and a summary. */
import { applyStatus } from '../core/status/apply';
import type { StatusList } from '../core/status/model';
import { loadStatusList, StatusFileError } from '../node/status';
import * as fs from 'node:fs';
import type { SmelterReference } from '../core';
import { compareWithPrevious, summaryLines } from '../core/aggregate';
import { PreviousFileError, readPrevious } from '../node/previous';
import { writeLetters } from '../node/letters';
import { familyLines } from '../node/templates/families';
import { plural } from '../core/messages';
import { aggregateOutput, AggregateFormat, formatOfOutput, mergeSources, SupplierSource } from '../node/aggregate';
import { WriteError } from '../node/write-file';
import { AggregateArgs, parseAggregateArgs, UsageError } from './args';
import { isMergedOutput, MERGED_NOTE } from '../node/merged';
import { eachFile, useWorkers } from './pool';
import { failedSource, readSource, SourceRead } from './read-source';
import { cliOptionsFor, cliRequest, expandFolders, failed, Io, loadReferences, noteIgnoredConfigs, Run, RunReference } from './run';
import { AGGREGATE_USAGE } from './usage';
import { writeOver } from './write';
import type { WorkerData } from './worker';

type AggregateRun = Run & AggregateArgs & { format: AggregateFormat };

/** The file's identity on disk (device and inode, through symbolic links), or undefined when it is not there. */
function identity(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * The output must not be one of the inputs (by path, symbolic link or hard link): a file given by name is
 * refused; a merged table found in a folder (last run's output) is left out, and this run replaces it.
 */
function leaveOutOutput(run: AggregateRun, io: Io): void {
  const out = run.output && identity(run.output);
  if (!out) return;
  const same = run.files.filter((f) => identity(f) === out);
  for (const f of same) {
    if (!run.found.has(f) || !isMergedOutput(f))
      throw new UsageError(`the output ${run.output} is also an input (${f}): write the table to another file`);
    io.err(`cmrlint: ${f} skipped: ${MERGED_NOTE}, which this run replaces`);
    run.skipped++;
  }
  if (same.length) run.files = run.files.filter((f) => !same.includes(f));
}

function parse(argv: string[], io: Io): AggregateRun | 'help' {
  const args = parseAggregateArgs(argv);
  if (args === 'help') return 'help';
  const format = args.format ?? (args.output ? formatOfOutput(args.output) : 'tsv');
  if (!format) throw new UsageError(`cannot tell the format from '${args.output}': name it .tsv, .csv, .json or .xlsx, or give --format`);
  if (format === 'xlsx' && !args.output) throw new UsageError('an .xlsx table needs --output FILE');
  // what the folders hold that is no supplier's list is said in the summary
  const run = { ...expandFolders(args, io, false), format };
  leaveOutOutput(run, io);
  if (run.files.length === 0) throw new UsageError('no files to read');
  return run;
}

/** Where reading the suppliers' files reports; without a worker script every file is read on this thread. */
export type SourcesIo = Pick<Io, 'err'> & { workerScript?: string };

/** Every file read, each handed to `take` in the files' order, on workers or on this thread. */
async function readAll(run: Run, refs: RunReference, io: SourcesIo, take: (r: SourceRead) => void): Promise<void> {
  const workerData: WorkerData = { cmrlintWorker: true, run, mode: 'rows' };
  return eachFile({
    workers: io.workerScript !== undefined && useWorkers(run.files.length),
    script: io.workerScript ?? '',
    workerData,
    files: run.files,
    here: (file) => readSource(file, run, refs),
    failed: (file, e) => failedSource(file, e, run.debug),
    take,
  });
}

/** The suppliers' files read: their sources (merged tables left out, with a note), and whether one given by name could not be read. */
export async function readSources(
  run: Run,
  refs: RunReference,
  io: SourcesIo,
): Promise<{ sources: SupplierSource[]; unreadable: boolean }> {
  const sources: SupplierSource[] = [];
  let unreadable = false;
  await readAll(run, refs, io, ({ source: s, merged, failed: threw, stack }) => {
    if (merged) return io.err(`cmrlint: ${s.file} skipped: ${MERGED_NOTE}`);
    sources.push(s);
    // a file found in a folder that is no supplier list is in the summary, not on stderr
    if (s.problem && !(run.found.has(s.file) && s.notOurs)) {
      io.err(`cmrlint: ${s.file}: ${s.problem}`);
      for (const line of stack ?? []) io.err(line);
      if (threw || !run.found.has(s.file)) unreadable = true;
    }
  });
  return { sources, unreadable };
}

/** The table: to the output file (replaced whole or not at all) with the summary on stdout, else on stdout with the summary on stderr. */
function write(run: AggregateRun, table: string | Uint8Array, summary: string[], smelters: number, io: Io): boolean {
  if (!run.output) {
    const text = (table as string).replace(/\r?\n$/, '');
    // data for a pipe or a file, exactly; a terminal is shown its control characters escaped
    if (io.terminal) for (const line of text.split(/\r?\n/)) io.out(line);
    else io.data(text);
    for (const line of summary) io.err(line);
    return true;
  }
  try {
    writeOver(run.output, table);
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    io.err(`cmrlint: ${e.message}`);
    return false;
  }
  for (const line of summary) io.out(line);
  io.out('');
  io.out(`wrote ${plural(smelters, 'smelter')} to ${run.output}`);
  return true;
}

export async function aggregateMain(argv: string[], io: Io): Promise<number> {
  let run: AggregateRun;
  let reference: SmelterReference | undefined;
  try {
    const parsed = parse(argv, io);
    if (parsed === 'help') {
      io.data(AGGREGATE_USAGE);
      return 0;
    }
    run = parsed;
    reference = await loadReferences(run.references);
  } catch (e) {
    return failed(e, io, 'cmrlint aggregate');
  }
  noteIgnoredConfigs(run, io);
  const { sources, unreadable } = await readSources(run, { given: reference }, io);
  // the reference the rows are resolved against: the --reference files, the project's, else the suppliers' newest RMI list
  const projectOptions = await cliOptionsFor(run, {})(run.files[0]).catch(() => undefined);
  const agg = await mergeSources(sources, reference ?? projectOptions?.reference, (line) => io.err(line));
  agg.summary.skipped.unshift(...run.skippedFiles);
  // RMAP statuses: --status, else the project's "status" in .cmrlint.json
  let status: StatusList | undefined;
  try {
    status = run.status ? loadStatusList(run.status) : projectOptions?.status?.list;
  } catch (e) {
    if (!(e instanceof StatusFileError)) throw e;
    io.err(`cmrlint aggregate: ${e.message}`);
    return 2;
  }
  const today = run.asOf ?? new Date().toISOString().slice(0, 10);
  if (status) {
    for (const note of status.info.notes) io.err(`cmrlint: status list ${note}`);
    applyStatus(agg, status, today);
  }
  // last season's table: read after the statuses are set, so that a status change is seen
  if (run.previous) {
    try {
      compareWithPrevious(agg, await readPrevious(run.previous), run.previous);
    } catch (e) {
      if (!(e instanceof PreviousFileError)) throw e;
      io.err(`cmrlint aggregate: ${e.message}`);
      return 2;
    }
  }
  const summary = summaryLines(agg);
  // the EMRT and AMRT smelters, counted apart from the 3TG table (the Form SD annex)
  summary.splice(2, 0, ...familyLines(agg.families ?? []));
  if (run.letters) {
    try {
      const suppliers = sources.filter((s) => !s.notOurs);
      const refs = { given: reference ?? projectOptions?.reference };
      const letters = await writeLetters(run.letters, suppliers, (f) => cliRequest(run, refs, f), agg, today, writeOver);
      summary.push(letters.line);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      io.err(`cmrlint aggregate: ${e.message}`);
      return 2;
    }
  }
  if (!write(run, aggregateOutput(agg, run.format), summary, agg.rows.length, io)) return 2;
  return unreadable ? 2 : 0;
}
