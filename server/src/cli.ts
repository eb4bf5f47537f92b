#!/usr/bin/env node
/**
 * cmrlint command line: lints filings and smelter lists with the same core as the editor.
 *   cmrlint [--format text|json] [--country-style auto|cmrt|iso] [--reference lookup.csv] FILE...
 * Exit status: 0 no error findings, 1 error findings, 2 usage error or unreadable file.
 */
import * as fs from 'node:fs';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as path from 'node:path';
import { Finding, lintText, LintOptions, LintResult, RULES, Severity, SmelterReference } from './core';
import { COUNTRY_STYLES, CountryStyleSetting, RULE_SETTINGS, RuleSetting } from './core/config';
import { LineIndex } from './core/text';
import { describeFixes, fixAll } from './core/fix';
import { placeOf } from './core/places';
import { loadReference, repositoryRoot, resolveFileOptions } from './node/options';
import { PrepareRequest, prepareFile } from './node/prepare';
import type { DecodedText } from './core/text';
import { sarifLog } from './node/sarif';
import { filesUnder, FolderError } from './node/folders';
import { rulesDocsDir } from './node/docs';
import { SourceFile, summaryLines } from './core/aggregate';
import { AGGREGATE_FORMATS, AggregateFormat, aggregateOutput, formatOfOutput, mergeSources, sourceOfFile } from './node/aggregate';
import { plural } from './core/messages';

/** Writes fixed text back in the file's own encoding (UTF-8 with or without BOM, UTF-16 with BOM). */
function encodeLike(decoded: DecodedText, text: string): Buffer | undefined {
  if (decoded.encoding === 'utf-16le') return Buffer.concat([Buffer.from(decoded.bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
  if (decoded.encoding === 'utf-16be') return Buffer.concat([Buffer.from(decoded.bom ? [0xfe, 0xff] : []), Buffer.from(text, 'utf16le').swap16()]);
  if (decoded.encoding !== 'utf-8') return undefined;
  return Buffer.concat([decoded.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

interface Options {
  fix: boolean;
  format: 'text' | 'json' | 'sarif';
  countryStyle?: CountryStyleSetting;
  rules: Record<string, RuleSetting>;
  config?: string;
  references: string[];
  files: string[];
  /** Files found in the folders given: one that turns out not to be ours is skipped with a note. */
  found?: Set<string>;
}

const USAGE = `Usage: cmrlint [options] FILE|FOLDER...
       cmrlint aggregate [options] FILE|FOLDER...   (merge suppliers' lists: cmrlint aggregate --help)

Lints SEC Form SD / Conflict Minerals Report filings (.txt, .md), smelter lists (.csv, .tsv) and
suppliers' CMRT workbooks (.xlsx: their Smelter List, checked against the workbook's own revision).
A FOLDER stands for the lists, workbooks and filings under it (a workbook that is not a CMRT, a CSV
without a smelter table are skipped with a note).

Options:
  --format text|json|sarif     output format (default: text; sarif: SARIF 2.1.0 for code scanning)
  --country-style auto|cmrt|iso
                               how country names should be written (default: the project's
                               .cmrlint.json, else auto: the style most country cells of the file use)
  --rule ID=SEVERITY           set a rule's severity: off, hint, info, warning or error (repeatable;
                               on top of the "rules" of .cmrlint.json)
  --config FILE                use this .cmrlint.json instead of searching for one
  --reference FILE             your CMRT workbook (.xlsx; its "Smelter Look-up" sheet, in any of the
                               template's languages) or that sheet saved as CSV:
                               CIDs are checked against it instead of the bundled list, and CIDs it
                               does not hold are reported (repeatable: the files are merged)
  --fix                        apply the safe fixes in place (official country names, the file's
                               majority spelling, CID normalisation, deleting exact duplicate rows;
                               the same fix-all as the editor), then report what remains
  --list-rules                 print the rules and exit
  -h, --help                   print this help and exit
  -v, --version                print the version and exit

Project configuration: the nearest .cmrlint.json in the file's folder or above, up to the repository
root (or the current folder outside a repository): its "rules", "countryStyle", "reference" and
"ignore" apply, with the options above on top — the same resolution as the editor's.

Exit status: 0 no error-severity finding, 1 at least one, 2 usage error or unreadable file.`;

class UsageError extends Error {}

/** A usage error or an unreadable reference: one line, a hint for usage errors, exit status 2. */
function failed(e: unknown, err: (s: string) => void, command: string): number {
  err(`cmrlint: ${(e as Error).message}`);
  if (e instanceof UsageError) err(`Try '${command} --help'.`);
  return 2;
}

/**
 * Walks a command line: options as `--name value` or `--name=value`, file names, and `--` before file names
 * that start with '-'. `option` handles one option and says whether it knows it; `value()` takes its value.
 */
function walkArgs(argv: string[], option: (name: string, value: () => string) => boolean): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      for (const f of argv.slice(i + 1)) files.push(f); // no spread: argv can hold 200k names
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      files.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [name, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (!option(name, value)) throw new UsageError(`unknown option '${a}'`);
  }
  return files;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' | 'rules' {
  const o: Options = { fix: false, format: 'text', rules: {}, references: [], files: [] };
  let asked: 'help' | 'version' | 'rules' | undefined;
  o.files = walkArgs(argv, (name, value) => {
    switch (name) {
      case '-h':
      case '--help':
        asked ??= 'help';
        return true;
      case '-v':
      case '--version':
        asked ??= 'version';
        return true;
      case '--list-rules':
        asked ??= 'rules';
        return true;
      case '--fix':
        o.fix = true;
        return true;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
        o.format = v;
        return true;
      }
      case '--country-style': {
        const v = value();
        if (!COUNTRY_STYLES.includes(v as CountryStyleSetting)) throw new UsageError(`--country-style must be auto, cmrt or iso, not '${v}'`);
        o.countryStyle = v as CountryStyleSetting;
        return true;
      }
      case '--rule': {
        const v = value();
        const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(v);
        if (!m) throw new UsageError(`--rule needs ID=SEVERITY, not '${v}'`);
        if (!RULES.some((r) => r.id === m[1])) throw new UsageError(`--rule: unknown rule '${m[1]}' (cmrlint --list-rules lists them)`);
        if (!RULE_SETTINGS.includes(m[2] as RuleSetting)) throw new UsageError(`--rule ${m[1]}: the severity must be one of ${RULE_SETTINGS.join(', ')}, not '${m[2]}'`);
        o.rules[m[1]] = m[2] as RuleSetting;
        return true;
      }
      case '--config':
        o.config = value();
        return true;
      case '--reference':
        o.references.push(value());
        return true;
      default:
        return false;
    }
  });
  if (asked) return asked;
  if (o.files.length === 0) throw new UsageError('no files given');
  return o;
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  rule: string;
  message: string;
  related?: Array<{ line: number; column: number; endLine: number; endColumn: number; message: string; sheet?: string; cell?: string }>;
  /** For workbook findings: the sheet and cell (line and column are then the sheet row and column). */
  sheet?: string;
  cell?: string;
}

/** A finding of a workbook: its place is the sheet cell (line = sheet row, column = sheet column). */
function toJsonAtCell(file: string, result: LintResult, f: Finding): JsonFinding {
  const at = (offset: number) => placeOf(result.model, result.analysis, offset);
  const p = f.place ?? at(f.start);
  const where = p ? { line: p.row, column: p.col, endLine: p.row, endColumn: p.col, sheet: p.sheet, cell: p.address } : { line: 0, column: 0, endLine: 0, endColumn: 0, sheet: result.model.workbook!.sheet };
  const out: JsonFinding = { file, ...where, severity: f.severity, rule: f.rule, message: f.message };
  if (f.related) {
    out.related = f.related.map((r) => {
      const q = r.place ?? at(r.start);
      return q ? { line: q.row, column: q.col, endLine: q.row, endColumn: q.col, sheet: q.sheet, cell: q.address, message: r.message } : { line: 0, column: 0, endLine: 0, endColumn: 0, message: r.message };
    });
  }
  return out;
}

function toJson(file: string, lines: LineIndex, f: Finding): JsonFinding {
  const s = lines.positionAt(f.start);
  const e = lines.positionAt(f.end);
  const out: JsonFinding = {
    file,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  };
  if (f.related) {
    out.related = f.related.map((r) => {
      const rs = lines.positionAt(r.start);
      const re = lines.positionAt(r.end);
      return { line: rs.line + 1, column: rs.character + 1, endLine: re.line + 1, endColumn: re.character + 1, message: r.message };
    });
  }
  return out;
}

/** The --reference files (CMRT workbooks or look-up CSV), merged; they replace the project's reference. */
async function loadReferences(files: string[]): Promise<SmelterReference | undefined> {
  let ref: SmelterReference | undefined;
  for (const file of files) {
    const loaded = await loadReference(path.resolve(file)).catch((e: Error) => {
      throw new UsageError(e.message);
    });
    ref = ref ? ref.extendedWith(loaded) : loaded;
  }
  return ref;
}

/** Where the .cmrlint.json search stops for a file: its repository's root, else the current folder when the file is in it. */
function searchRoot(file: string): string {
  const repo = repositoryRoot(file);
  if (repo) return repo;
  const cwd = process.cwd();
  const abs = path.resolve(file);
  return abs.startsWith(cwd + path.sep) ? cwd : path.dirname(abs);
}

/** What linting one file gave: lines for stdout and stderr, JSON findings, counts. Workers send it as is. */
interface FileReport {
  file: string;
  out: string[];
  err: string[];
  json: JsonFinding[];
  counts: Record<Severity, number>;
  unreadable: boolean;
  notLinted: boolean;
}

const SEVERITY_KEYS: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Folders among the files become the filings, lists and workbooks under them. */
function expandFolders(opts: Options, err: (s: string) => void): void {
  const files: string[] = [];
  const found = new Set<string>();
  for (const f of opts.files) {
    let dir = false;
    try {
      dir = fs.statSync(f).isDirectory();
    } catch {
      // not there: lintFile says so
    }
    if (!dir) {
      files.push(f);
      continue;
    }
    let under: string[];
    try {
      under = filesUnder(f);
    } catch (e) {
      if (e instanceof FolderError) throw new UsageError(e.message);
      throw e;
    }
    if (under.length === 0) err(`cmrlint: no filings, smelter lists or CMRT workbooks under ${f}`);
    for (const u of under) {
      files.push(u);
      found.add(u);
    }
  }
  if (files.length === 0) throw new UsageError('no files to lint');
  opts.files = files;
  opts.found = found;
}

/** The options of a file as the CLI resolves them: its .cmrlint.json, then the command line's options. */
function cliOptionsFor(opts: Options, reference: SmelterReference | undefined) {
  return async (file: string): Promise<LintOptions> =>
    (
      await resolveFileOptions(file, {
        root: searchRoot(file),
        configFile: opts.config,
        overrides: { rules: opts.rules, countryStyle: opts.countryStyle },
        allowReference: !reference,
      })
    ).lint;
}

/** How the CLI reads a file: its options, the --reference files, and whether a folder held it. */
function cliRequest(opts: Options, reference: SmelterReference | undefined, file: string): PrepareRequest {
  return { optionsFor: cliOptionsFor(opts, reference), reference, found: opts.found?.has(file) };
}

/** Reads, (with --fix) fixes and lints one file. */
async function lintFile(file: string, opts: Options, reference: SmelterReference | undefined): Promise<FileReport> {
  const report: FileReport = { file, out: [], err: [], json: [], counts: { error: 0, warning: 0, info: 0, hint: 0 }, unreadable: false, notLinted: false };
  const prepared = await prepareFile(file, cliRequest(opts, reference, file));
  if (!prepared.ok) {
    report.err.push(`cmrlint: ${prepared.message}`);
    return prepared.skip ? report : { ...report, unreadable: true, notLinted: true };
  }
  const { decoded, options, workbook } = prepared;
  let text = decoded.text ?? '';
  if (opts.fix && workbook) report.err.push(`cmrlint: ${file}: --fix does not write workbooks; its findings follow`);
  if (opts.fix && decoded.text !== undefined && !workbook) {
    const fixed = fixAll(text, options);
    if (fixed.text !== text) {
      const bytes = encodeLike(decoded, fixed.text);
      if (!bytes) {
        report.err.push(`cmrlint: ${file} not fixed: it is ${decoded.encoding}, not UTF-8; save it as UTF-8 first`);
      } else {
        try {
          writeFileSync(file, bytes);
          text = fixed.text;
          report.err.push(`cmrlint: ${file}: fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'}: ${describeFixes(fixed.byRule)}`);
        } catch (e) {
          report.err.push(`cmrlint: cannot write ${file}: ${(e as Error).message}`);
          report.unreadable = true;
        }
      }
    }
  }
  const result = lintText(text, options);
  if (result.model.tables.length === 0 && options.requireTable && opts.found?.has(file)) {
    report.err.push(`cmrlint: ${file} skipped: no smelter table (a CSV found in a folder that is not a smelter list)`);
    return report;
  }
  let reported = result.findings.map((f) => ({ f, j: result.model.workbook ? toJsonAtCell(file, result, f) : toJson(file, result.model.lines, f) }));
  // a workbook's findings in sheet, row and column order (Declaration findings carry no text offset)
  if (result.model.workbook) reported = reported.sort((a, b) => (a.j.sheet ?? '').localeCompare(b.j.sheet ?? '') || a.j.line - b.j.line || a.j.column - b.j.column);
  for (const { f, j } of reported) {
    report.counts[f.severity]++;
    if (opts.format !== 'text') report.json.push(j);
    else report.out.push(`${file}:${j.sheet ? `${j.sheet}${j.cell ? `!${j.cell}` : ''}` : `${j.line}:${j.column}`}  ${f.severity.padEnd(7)}  ${f.message}  ${f.rule}`);
  }
  return report;
}

/**
 * Many files are linted by worker threads, one per core (a season's folder of supplier workbooks): each reads
 * and lints whole files and sends back their report, which is printed in the files' order. --fix writes files
 * and stays on the main thread.
 */
const WORKER_MIN_FILES = 8;

function useWorkers(opts: Options): boolean {
  return !opts.fix && opts.files.length >= WORKER_MIN_FILES && Math.min(os.availableParallelism?.() ?? os.cpus().length, opts.files.length) > 1 && process.env.CMRLINT_WORKERS !== '0';
}

/** What a worker does with a file: lint it (a report), or read its rows for aggregation. */
type WorkerMode = 'lint' | 'rows';

/** Hands the files out to worker threads and takes their results in the files' order. */
async function inWorkers<T>(opts: Options, mode: WorkerMode, take: (r: T) => void): Promise<void> {
  const count = Math.min(os.availableParallelism?.() ?? os.cpus().length, 8, opts.files.length);
  const done = new Map<number, T>();
  let next = 0; // the next file to hand out
  let printed = 0; // files taken so far, in order
  await new Promise<void>((resolve, reject) => {
    let running = count;
    for (let w = 0; w < count; w++) {
      const worker = new Worker(__filename, { workerData: { opts, mode } });
      const give = () => {
        if (next < opts.files.length) worker.postMessage(next++);
        else void worker.terminate();
      };
      worker.on('message', (m: { index: number; result: T }) => {
        done.set(m.index, m.result);
        while (done.has(printed)) {
          take(done.get(printed)!);
          done.delete(printed++);
        }
        give();
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        if (--running === 0) resolve();
      });
      give();
    }
  });
  if (printed !== opts.files.length) throw new Error(`cmrlint: ${opts.files.length - printed} files were not read by the workers`);
}

/** A worker: loads the references once, then lints (or reads) the files it is given by index. */
async function workerMain(): Promise<void> {
  const { opts, mode } = workerData as { opts: Options; mode: WorkerMode };
  const reference = await loadReferences(opts.references);
  parentPort!.on('message', (index: number) => {
    const file = opts.files[index];
    const work: Promise<unknown> = mode === 'rows' ? sourceOfFile(file, cliRequest(opts, reference, file)) : lintFile(file, opts, reference);
    void work.then(
      (result) => parentPort!.postMessage({ index, result }),
      (e: Error) =>
        parentPort!.postMessage({
          index,
          result:
            mode === 'rows'
              ? ({ file, rows: [], problem: `not read: ${e.message}` } satisfies SourceFile)
              : ({ file, out: [], err: [`cmrlint: ${file} not linted: ${e.message}`], json: [], counts: { error: 0, warning: 0, info: 0, hint: 0 }, unreadable: true, notLinted: true } satisfies FileReport),
        }),
    );
  });
}

const AGGREGATE_USAGE = `Usage: cmrlint aggregate [options] FILE|FOLDER...

Merges suppliers' smelter lists (CMRT workbooks, their CSV exports, CSV/TSV lists, filings' tables) into
one smelter table: one row per smelter and metal, keyed by CID, then by the reference's standard name and
aliases, then by the normalised name and metal, with where each smelter was reported and by how many
suppliers. Smelters placed in two countries, CIDs given to two smelters and smelters given two CIDs are
listed as conflicts with both sides' files and cells. A summary (smelters per metal and country, in the
Covered Countries, placeholders, suppliers without a usable list) is printed.

Options:
  -o, --output FILE            write the table to FILE (.tsv, .csv, .json or .xlsx; the summary is printed);
                               without it the table goes to standard output and the summary to standard error
  --format tsv|csv|json|xlsx   the output format (default: from the output file's name, else tsv)
  --reference FILE             RMI's list (a CMRT workbook or its Smelter Look-up saved as CSV): names and
                               CIDs are resolved against it (repeatable). Without it, the project's
                               .cmrlint.json reference, else RMI's list of the newest revision among the
                               suppliers' CMRTs (each carries its revision's list), else the bundled list
  --config FILE                use this .cmrlint.json instead of searching for one
  -h, --help                   print this help and exit

Exit status: 0 the table was written, 2 usage error, an unreadable file given by name, or the output
could not be written.`;

/** \`cmrlint aggregate\`: many suppliers' lists → one smelter table and a summary. */
async function aggregateMain(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const opts: Options = { fix: false, format: 'text', rules: {}, references: [], files: [] };
  let format: AggregateFormat | undefined;
  let output: string | undefined;
  let reference: SmelterReference | undefined;
  try {
    let help = false;
    opts.files = walkArgs(argv, (name, value) => {
      if (name === '-h' || name === '--help') help = true;
      else if (name === '-o' || name === '--output') output = value();
      else if (name === '--format') {
        const v = value();
        if (!(AGGREGATE_FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be ${AGGREGATE_FORMATS.join(', ')}, not '${v}'`);
        format = v as AggregateFormat;
      } else if (name === '--reference') opts.references.push(value());
      else if (name === '--config') opts.config = value();
      else return false;
      return true;
    });
    if (help) {
      out(AGGREGATE_USAGE);
      return 0;
    }
    if (opts.files.length === 0) throw new UsageError('no files given');
    if (!format) {
      format = output ? formatOfOutput(output) : 'tsv';
      if (!format) throw new UsageError(`cannot tell the format from '${output}': name it .tsv, .csv, .json or .xlsx, or give --format`);
    }
    if (format === 'xlsx' && !output) throw new UsageError('an .xlsx table needs --output FILE');
    expandFolders(opts, err);
    reference = await loadReferences(opts.references);
  } catch (e) {
    return failed(e, err, 'cmrlint aggregate');
  }
  const sources: SourceFile[] = [];
  let unreadable = false;
  const take = (s: SourceFile) => {
    sources.push(s);
    // a file found in a folder that is no supplier list is in the summary, not on stderr
    if (s.problem && !(opts.found?.has(s.file) && s.notOurs)) {
      err(`cmrlint: ${s.file}: ${s.problem}`);
      if (!opts.found?.has(s.file)) unreadable = true;
    }
  };
  if (useWorkers(opts)) await inWorkers(opts, 'rows', take);
  else for (const file of opts.files) take(await sourceOfFile(file, cliRequest(opts, reference, file)));
  // the reference the rows are resolved against: the --reference files, the project's, else the suppliers' newest RMI list
  const project = reference ? undefined : (await cliOptionsFor(opts, undefined)(opts.files[0]).catch(() => undefined))?.reference;
  const agg = await mergeSources(sources, reference ?? project);
  const table = aggregateOutput(agg, format);
  const summary = summaryLines(agg);
  if (output) {
    try {
      writeFileSync(output, table);
    } catch (e) {
      err(`cmrlint: cannot write ${output}: ${(e as Error).message}`);
      return 2;
    }
    for (const line of summary) out(line);
    out(`\nwrote ${plural(agg.rows.length, 'smelter')} to ${output}`);
  } else {
    out((table as string).replace(/\r?\n$/, ''));
    for (const line of summary) err(line);
  }
  return unreadable ? 2 : 0;
}

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv[0] === 'aggregate') return aggregateMain(argv.slice(1), out, err);
  let opts: ReturnType<typeof parseArgs>;
  let reference: SmelterReference | undefined;
  try {
    opts = parseArgs(argv);
    if (opts === 'help') {
      out(USAGE);
      return 0;
    }
    if (opts === 'version') {
      out(require('../../package.json').version);
      return 0;
    }
    if (opts === 'rules') {
      for (const r of RULES) out(`${r.id.padEnd(24)}${r.defaultSeverity.padEnd(9)}${r.description}`);
      return 0;
    }
    expandFolders(opts, err);
    reference = await loadReferences(opts.references);
  } catch (e) {
    // a reference that cannot be read is an unreadable file, not a crash
    return failed(e, err, 'cmrlint');
  }
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const json: JsonFinding[] = [];
  let unreadable = false;
  let notLinted = 0;
  const notLintedFiles: Array<{ file: string; message: string }> = [];
  const take = (r: FileReport) => {
    for (const line of r.err) err(line);
    for (const line of r.out) out(line);
    for (const j of r.json) json.push(j); // not push(...): a file can have more findings than a call takes arguments
    for (const k of SEVERITY_KEYS) counts[k] += r.counts[k];
    if (r.unreadable) unreadable = true;
    if (r.notLinted) {
      notLinted++;
      notLintedFiles.push({ file: r.file, message: r.err.join(' ').replace(/^cmrlint: /, '') });
    }
  };
  if (useWorkers(opts)) await inWorkers(opts, 'lint', take);
  else for (const file of opts.files) take(await lintFile(file, opts, reference));
  const errors = counts.error;
  if (opts.format === 'sarif') {
    out(JSON.stringify(sarifLog({ rules: RULES, findings: json, version: require('../../package.json').version, docsDir: rulesDocsDir(), notLinted: notLintedFiles }), null, 2));
  } else if (opts.format === 'json') {
    out(JSON.stringify(json, null, 2));
  } else {
    const total = counts.error + counts.warning + counts.info + counts.hint;
    const skipped = notLinted > 0 ? `; ${notLinted} of ${opts.files.length} file${opts.files.length === 1 ? '' : 's'} not linted (see above)` : '';
    const linted = opts.files.length - notLinted;
    out(
      total === 0
        ? notLinted > 0
          ? `\n✖ no problems found in ${linted} file${linted === 1 ? '' : 's'}${skipped}`
          : `\n✓ no problems in ${opts.files.length} file${opts.files.length === 1 ? '' : 's'}`
        : `\n✖ ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info${counts.hint ? `, ${counts.hint} hint${counts.hint === 1 ? '' : 's'}` : ''})${skipped}`,
    );
  }
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
}

if (!isMainThread && (workerData as { opts?: unknown } | undefined)?.opts) {
  void workerMain();
} else if (require.main === module) {
  const lines: string[] = [];
  void main(process.argv.slice(2), (s) => lines.push(s), (s) => process.stderr.write(s + '\n')).then((code) =>
    process.stdout.write(lines.length ? lines.join('\n') + '\n' : '', () => process.exit(code)),
  );
}
