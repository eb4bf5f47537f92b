/**
 * `cmrlint annex`: from the suppliers' files, the annex a Conflict Minerals Report publishes (Metal, Smelter
 * Name as RMI names it, Country, Smelter ID, RMAP status) and its paragraph of counts, written from the same
 * rows so that text and table agree (linting the annex finds every count consistent). The merge is
 * `cmrlint aggregate`'s (node/aggregate.ts); the statuses come from RMI's lists (`--status`, node/status.ts).
 */
import { isCalendarDate, UsageError } from './args';
import { readSources } from './aggregate';
import { expandFolders, loadReferences, Run } from './run';
import { parseArgs } from 'node:util';
import { ANNEX_FORMATS, AnnexFormat, annexSentences, buildAnnex } from '../core/annex';
import { plural } from '../core/messages';
import { annexFormatOf, annexNotes, annexOutput } from '../node/annex';
import type { SmelterReference } from '../core/data/smelters';
import type { StatusList } from '../core/status/model';
import { mergeSources } from '../node/aggregate';
import { OptionsError, projectRoot, ResolvedOptions, resolveFileOptions } from '../node/options';
import { loadStatusList, StatusFileError } from '../node/status';
import { writeFileSafely } from '../node/write-file';

export const ANNEX_USAGE = `Usage: cmrlint annex [options] FILE|FOLDER...

Writes the annex a Conflict Minerals Report publishes from the suppliers' files (CMRT workbooks, their CSV
exports, CSV/TSV lists, filings' tables; merged as cmrlint aggregate merges them): one row per smelter and
metal with Metal, Smelter Name (RMI's standard name), Country, Smelter ID and, with --status, RMAP Status,
sorted by metal, then name; and a paragraph of counts (smelters per metal, in the Covered Countries,
conformant and active per metal) that cmrlint's count checks find consistent with the table. Smelters that
no supplier identified by a smelter ID are left out, and said.

Options:
  --status FILE                RMI's Conformant and Active lists (the .xlsx, CSV or XML Spreadsheet 2003
                               file downloaded from RMI's facility pages): the RMAP Status column, its counts,
                               and re-audits due or overdue (said on standard error). Without it, the
                               project's .cmrlint.json "status", if it names one
  --as-of DATE                 the date statuses and re-audits are given at (YYYY-MM-DD; default: today)
  -o, --output FILE            write the annex to FILE (.md, .html, .tsv or .xlsx); without it, standard output
  --format md|html|tsv|xlsx    the output format (default: from the output file's name, else md)
  --reference FILE             RMI's list (a CMRT workbook or its Smelter Look-up saved as CSV) that names
                               and CIDs are resolved against (repeatable); else as cmrlint aggregate chooses
  --config FILE                use this .cmrlint.json instead of searching for one
  -h, --help                   print this help and exit

Exit status: 0 the annex was written, 2 usage error, an unreadable file given by name or status list, or
the output could not be written.`;

export interface AnnexIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Today's date, ISO (for --as-of's default; tests fix it). */
  today?: string;
  /** The script worker threads run (the CLI's entry point); without it every file is read on this thread. */
  workerScript?: string;
}

export interface AnnexOptions {
  files: string[];
  status?: string;
  asOf: string;
  output?: string;
  format: AnnexFormat;
  references: string[];
  config?: string;
}

/** The annex command's options from its arguments; 'help' for -h. */
export function parseAnnexArgs(argv: string[], today: string): AnnexOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        status: { type: 'string' },
        'as-of': { type: 'string' },
        output: { type: 'string', short: 'o' },
        format: { type: 'string' },
        reference: { type: 'string', multiple: true },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length === 0) throw new UsageError('no files given');
  const asOf = v['as-of'] ?? today;
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not '${asOf}'`);
  let format = v.format as AnnexFormat | undefined;
  if (format !== undefined && !ANNEX_FORMATS.includes(format))
    throw new UsageError(`--format must be ${ANNEX_FORMATS.join(', ')}, not '${format}'`);
  if (!format) {
    format = v.output ? annexFormatOf(v.output) : 'md';
    if (!format) throw new UsageError(`cannot tell the format from '${v.output}': name it .md, .html, .tsv or .xlsx, or give --format`);
  }
  if (format === 'xlsx' && !v.output) throw new UsageError('an .xlsx annex needs --output FILE');
  return { files: parsed.positionals, status: v.status, asOf, output: v.output, format, references: v.reference ?? [], config: v.config };
}

/** Runs `cmrlint annex` with its arguments (after the word annex); the exit status. */
export async function runAnnex(argv: string[], io: AnnexIo): Promise<number> {
  let opts: AnnexOptions;
  let reference: SmelterReference | undefined;
  let status: StatusList | undefined;
  let project: ResolvedOptions;
  let run: Run;
  try {
    const parsed = parseAnnexArgs(argv, io.today ?? new Date().toISOString().slice(0, 10));
    if (parsed === 'help') {
      io.out(ANNEX_USAGE);
      return 0;
    }
    opts = parsed;
    run = expandFolders({ files: opts.files, references: opts.references, config: opts.config, debug: false }, io);
    opts.files = run.files;
    reference = await loadReferences(opts.references);
    project = await resolveFileOptions(opts.files[0], {
      root: projectRoot(opts.files[0]),
      configFile: opts.config,
      allowReference: !reference,
    }).catch((e: Error) => {
      throw e instanceof OptionsError ? new UsageError(e.message) : e;
    });
    // --status, else the project's "status" in .cmrlint.json
    status = opts.status ? loadStatusList(opts.status) : project.lint.status?.list;
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof StatusFileError)) throw e;
    io.err(`cmrlint annex: ${e.message}`);
    if (e instanceof UsageError) io.err('Run cmrlint annex --help for usage.');
    return 2;
  }
  for (const note of status?.info.notes ?? []) io.err(`cmrlint: status list ${note}`);
  // read as aggregate reads them: merged tables left out, a file's internal error one line
  const { sources, unreadable } = await readSources(run, { given: reference }, io);
  const agg = await mergeSources(sources, reference ?? project.lint.reference, io.err);
  const annex = buildAnnex(agg, status, opts.asOf);
  const output = annexOutput(annex, opts.format);
  const paragraph = opts.format === 'tsv' || opts.format === 'xlsx' ? annexSentences(annex) : [];
  if (opts.output) {
    try {
      writeFileSafely(opts.output, output);
    } catch (e) {
      io.err(`cmrlint: cannot write ${opts.output}: ${(e as Error).message}`);
      return 2;
    }
    for (const s of paragraph) io.out(s);
    io.out(`wrote the annex of ${plural(annex.total, 'smelter')} to ${opts.output}`);
  } else {
    io.out((output as string).replace(/\n$/, ''));
    for (const s of paragraph) io.err(s);
  }
  for (const line of annexNotes(annex)) io.err(line);
  return unreadable ? 2 : 0;
}
