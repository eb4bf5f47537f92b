/** `cmrlint [options] FILE|FOLDER...`: lints the files, on worker threads when there are many, in one output format. */
import { RULES } from '../core';
import { parseLintArgs } from './args';
import type { Formatter, FormatterFactory, Totals } from './format';
import { jsonFormatter } from './format-json';
import { sarifFormatter } from './format-sarif';
import { referenceLine, textFormatter } from './format-text';
import { githubFormatter } from './format-github';
import { summaryFormatter } from './format-summary';
import * as fs from 'node:fs';
import { WriteError } from '../node/write-file';
import { writeOver } from './write';
import { failedReport, FileReport, lintFile, LintRun } from './lint-file';
import { eachFile, useWorkers } from './pool';
import { expandFolders, failed, Io, noteIgnoredConfigs, RunReference, runReferences, version } from './run';
import { USAGE } from './usage';
import type { WorkerData } from './worker';

const FORMATTERS: Record<LintRun['format'], FormatterFactory> = {
  text: textFormatter,
  json: jsonFormatter,
  sarif: sarifFormatter,
  github: githubFormatter,
};

/** Several formatters fed the same reports. */
function tee(formatters: Formatter[]): Formatter {
  return { file: (r) => formatters.forEach((f) => f.file(r)), end: (t) => formatters.forEach((f) => f.end(t)) };
}

/**
 * The --format output, and the files --sarif (replaced whole) and --summary (appended to, as GitHub's step
 * summary is) ask for; `failures` hears of a file that could not be written.
 */
function formatters(run: LintRun, io: Io, failures: string[]): Formatter {
  const out = [FORMATTERS[run.format](io, run.verbose)];
  const sarifFile = run.sarifOutput;
  if (sarifFile) {
    let text = '';
    const sarif = sarifFormatter({ ...io, data: (s) => (text += s) });
    out.push({
      file: sarif.file,
      end: (t) => {
        sarif.end(t);
        try {
          writeOver(sarifFile, text + '\n');
        } catch (e) {
          if (!(e instanceof WriteError)) throw e;
          failures.push(e.message);
        }
      },
    });
  }
  const summaryFile = run.summaryOutput;
  if (summaryFile)
    out.push(
      summaryFormatter((md) => {
        try {
          fs.appendFileSync(summaryFile, md);
        } catch (e) {
          failures.push(`cannot write the summary to ${summaryFile}: ${(e as Error).message.split('\n')[0]}`);
        }
      }),
    );
  return out.length === 1 ? out[0] : tee(out);
}

const SEVERITY_KEYS = ['error', 'warning', 'info', 'hint'] as const;

/** Every file linted, each report handed to `take` in the files' order, on workers or on this thread. */
async function lintAll(run: LintRun, refs: RunReference, io: Io, take: (r: FileReport) => void): Promise<void> {
  const workerData: WorkerData = { cmrlintWorker: true, run, mode: 'lint' };
  return eachFile({
    workers: useWorkers(run.files.length, run.fix),
    script: io.workerScript,
    workerData,
    files: run.files,
    here: (file) => lintFile(file, run, refs),
    failed: (file, e) => failedReport(file, e, run.debug),
    take,
  });
}

/** One more file checked against a reference (the run's references in the order first used). */
function countReference(references: Totals['references'], label: string): void {
  const known = references.find((r) => r.label === label);
  if (known) known.files++;
  else references.push({ label, files: 1 });
}

/** The run's totals, kept as the reports come in. */
function tally(run: LintRun, io: Io, formatter: Formatter): { totals: Totals; take: (r: FileReport) => void } {
  const totals: Totals = {
    counts: { error: 0, warning: 0, info: 0, hint: 0 },
    files: run.files.length + run.skipped,
    notLinted: 0,
    skipped: run.skipped,
    notLintedFiles: [],
    references: [],
    eraFiles: 0,
    tables: 0,
    rowsRead: 0,
    withoutTable: 0,
  };
  const take = (r: FileReport) => {
    for (const line of r.notes) io.err(line);
    formatter.file(r);
    for (const k of SEVERITY_KEYS) totals.counts[k] += r.counts[k];
    if (r.skipped) totals.skipped++;
    if (r.reference) countReference(totals.references, r.reference.label);
    if (r.era) totals.eraFiles++;
    if (r.read) {
      // a table of no rows (a header-like line of some other table) is no smelter table read
      const read = r.read.tables.filter((t) => t.rows > 0).length;
      totals.tables += read;
      totals.rowsRead += r.read.rows;
      if (read === 0) totals.withoutTable++;
    }
    if (r.notLinted) {
      totals.notLinted++;
      totals.notLintedFiles.push({ file: r.file, message: r.notes.join(' ').replace(/^cmrlint: /, '') });
    }
  };
  return { totals, take };
}

export async function lintMain(argv: string[], io: Io): Promise<number> {
  let run: LintRun;
  let refs: RunReference;
  try {
    const args = parseLintArgs(argv);
    if (args === 'help') {
      io.data(USAGE);
      return 0;
    }
    if (args === 'version') {
      io.data(version());
      return 0;
    }
    if (args === 'rules') {
      for (const r of RULES) io.out(`${r.id.padEnd(24)}${r.defaultSeverity.padEnd(9)}${r.description}`);
      return 0;
    }
    run = expandFolders(args, io);
    refs = await runReferences(run);
  } catch (e) {
    // a reference that cannot be read is an unreadable file, not a crash
    return failed(e, io, 'cmrlint');
  }
  noteIgnoredConfigs(run, io);
  const failures: string[] = [];
  const formatter = formatters(run, io, failures);
  const { totals, take } = tally(run, io, formatter);
  let unreadable = false;
  await lintAll(run, refs, io, (r) => {
    unreadable ||= r.unreadable;
    take(r);
  });
  formatter.end(totals);
  // JSON findings are data: the reference is said on stderr, as the notes are
  const reference = run.format === 'json' ? referenceLine(totals) : undefined;
  if (reference) io.err(`cmrlint: ${reference}`);
  for (const f of failures) io.err(`cmrlint: ${f}`);
  if (unreadable || failures.length > 0) return 2;
  if (run.maxWarnings !== undefined && totals.counts.warning > run.maxWarnings) {
    io.err(`cmrlint: ${totals.counts.warning} warnings, more than --max-warnings ${run.maxWarnings}`);
    return 1;
  }
  return totals.counts.error > 0 ? 1 : 0;
}
