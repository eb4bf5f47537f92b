/**
 * What every part of a cmrlint run shares: where its output goes, the files (folders expanded), the
 * reference files, and how a file's options are resolved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintOptions, SmelterReference } from '../core';
import { filesUnder, FolderError } from '../node/folders';
import { ignoredConfigsNote, ignoredConfigsUnder, loadReference, markReference, projectRoot, resolveFileOptions } from '../node/options';
import { discoverReference, loadDiscovered } from '../node/discovery';
import type { PrepareRequest } from '../node/prepare';
import type { CommonOptions, LintArgs } from './args';
import { UsageError } from './args';
import { escapeTerminal } from './escape';

/** Where a run writes. `out` and `err` print one line each, escaped for a terminal; `data` prints text exactly (JSON, SARIF, help). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  data(text: string): void;
  /** Standard output is a terminal: a table printed there is escaped like any other text. */
  terminal: boolean;
  /** The script worker threads run (the CLI's own entry point). */
  workerScript: string;
}

/** An Io over two line sinks, escaping the lines of text output. */
export function terminalIo(out: (s: string) => void, err: (s: string) => void, terminal: boolean, workerScript: string): Io {
  return { out: (s) => out(escapeTerminal(s)), err: (s) => err(escapeTerminal(s)), data: out, terminal, workerScript };
}

/** A run's options once its folders are expanded. Sent as is to worker threads. */
export interface Run extends CommonOptions, Partial<Pick<LintArgs, 'rules' | 'countryStyle'>> {
  /** Files found in the folders given: one that turns out not to be ours is skipped with a note. */
  found: Set<string>;
  /** Entries of the folders that were skipped (links to folders or to nothing, documentation): said, and counted. */
  skipped: number;
  /** Those entries, with why (the aggregate's summary lists them). */
  skippedFiles: Array<{ file: string; why: string }>;
  /** Without --reference: the newest verified CMRT among the files, whose look-up is the fallback reference. */
  discovered?: string;
}

/** The lists a run checks against: the --reference files (they replace any other), else the discovered CMRT's. */
export interface RunReference {
  given?: SmelterReference;
  discovered?: SmelterReference;
}

/** A usage error or an unreadable reference: one line, a hint for usage errors, exit status 2. */
export function failed(e: unknown, io: Io, command: string): number {
  io.err(`cmrlint: ${(e as Error).message}`);
  if (e instanceof UsageError) io.err(`Try '${command} --help'.`);
  return 2;
}

/** The --reference files (CMRT workbooks or look-up CSV), merged; they replace the project's reference. */
export async function loadReferences(files: readonly string[]): Promise<SmelterReference | undefined> {
  let ref: SmelterReference | undefined;
  for (const file of files) {
    const loaded = await loadReference(path.resolve(file)).catch((e: Error) => {
      throw new UsageError(e.message);
    });
    ref = ref ? ref.extendedWith(loaded) : loaded;
  }
  // shown as the user wrote it
  return ref && markReference(ref, 'cli', files.length === 1 ? files[0] : ref.info.source);
}

/**
 * The run's lists (docs/trust.md): the --reference files; without them, the newest verified CMRT among the
 * files is found once (run.discovered, for the workers) and its look-up is the fallback after the project's
 * .cmrlint.json. Throws UsageError when a --reference file cannot be read.
 */
export async function runReferences(run: Run): Promise<RunReference> {
  if (run.references.length > 0) return { given: await loadReferences(run.references) };
  run.discovered = (await discoverReference(run.files)).file;
  return workerReferences(run);
}

/** A worker's lists: the --reference files, else the workbook the main thread discovered, loaded again. */
export async function workerReferences(run: Run): Promise<RunReference> {
  if (run.references.length > 0) return { given: await loadReferences(run.references) };
  return run.discovered ? { discovered: await loadDiscovered(run.discovered) } : {};
}

/**
 * Folders among the files become the filings, lists and workbooks under them. What was skipped in them is said
 * on stderr as it is met, unless `say` is false (the aggregate lists it in its summary).
 */
export function expandFolders<T extends CommonOptions>(opts: T, io: Pick<Io, 'err'>, say = true): T & Run {
  const files: string[] = [];
  const found = new Set<string>();
  const skippedFiles: Run['skippedFiles'] = [];
  for (const f of opts.files) {
    let dir = false;
    try {
      dir = fs.statSync(f).isDirectory();
    } catch {
      // not there: reading it says so
    }
    if (!dir) {
      files.push(f);
      continue;
    }
    let under: string[];
    try {
      under = filesUnder(f, (entry, why) => {
        if (say) io.err(`cmrlint: ${entry} skipped: ${why}`);
        skippedFiles.push({ file: entry, why });
      });
    } catch (e) {
      if (e instanceof FolderError) throw new UsageError(e.message);
      throw e;
    }
    if (under.length === 0) io.err(`cmrlint: no filings, smelter lists or CMRT workbooks under ${f}`);
    for (const u of under) {
      files.push(u);
      found.add(u);
    }
  }
  if (files.length === 0) throw new UsageError('no files to lint');
  return { ...opts, files, found, skipped: skippedFiles.length, skippedFiles };
}

/**
 * The run's one note on the .cmrlint.json files inside the projects that do not configure cmrlint (a
 * supplier's folder's): none with --config, which names the one that applies.
 */
export function noteIgnoredConfigs(run: Run, io: Io): void {
  if (run.config) return;
  const note = ignoredConfigsNote(ignoredConfigsUnder(run.files, (f) => projectRoot(f)));
  if (note) io.err(note);
}

/** The options of a file as the CLI resolves them: its .cmrlint.json, then the command line's options. */
export function cliOptionsFor(run: Run, refs: RunReference) {
  return async (file: string): Promise<LintOptions> => (await cliResolve(run, refs, file)).lint;
}

/** A file's options as the CLI resolves them, with the reference in use. */
export function cliResolve(run: Run, refs: RunReference, file: string) {
  return resolveFileOptions(file, {
    root: projectRoot(file),
    configFile: run.config,
    overrides: { rules: run.rules ?? {}, countryStyle: run.countryStyle, ...(run.status ? { status: path.resolve(run.status) } : {}) },
    allowReference: !refs.given,
    allowStatus: true,
    ...(refs.discovered ? { fallbackReference: refs.discovered } : {}),
  });
}

/** How the CLI reads a file: its options, the --reference files, and whether a folder held it. */
export function cliRequest(run: Run, refs: RunReference, file: string): PrepareRequest {
  return { optionsFor: cliOptionsFor(run, refs), reference: refs.given, found: run.found.has(file) };
}

/** The package's version. */
export function version(): string {
  return (require('../../../package.json') as { version: string }).version;
}

/**
 * An error nobody expected (a bug, or a file that trips one), as one line naming what failed, and with
 * --debug the stack after it: never minified source on the terminal.
 */
export function internalError(e: unknown, debug: boolean): string[] {
  const err = e instanceof Error ? e : new Error(String(e));
  const first = `internal error: ${err.name}: ${err.message.split('\n')[0]}`;
  return debug ? [first, ...(err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l))] : [`${first} (--debug prints where)`];
}
