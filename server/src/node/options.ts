/**
 * One resolver of a file's lint options, used by the CLI and the language server alike, so CI reproduces
 * exactly what the editor shows: the project's `.cmrlint.json` (the one at the workspace folder or repository
 * root, or the file named with --config; one inside a data folder only when the root file says
 * `"nested": true`), then the editor's settings or the CLI's flags on top, then the reference list they name,
 * loaded once per path and modification time. Supplier files never choose the configuration (docs/trust.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addIgnore,
  CONFIG_FILE,
  ConfigError,
  ConfigOverrides,
  EMPTY_CONFIG,
  IgnoreEntry,
  layerOptions,
  parseProjectConfig,
  ProjectConfig,
} from '../core/config';
import type { LintOptions } from '../core/lint';
import { bundledReference, SmelterReference } from '../core/data/smelters';
import { formatFromFileName } from '../core/parse/document';
import { FileReadError, readRegularFile, statRegularFile } from './files';
import { referenceFromFile } from './workbook';
import { writeFileSafely } from './write-file';
import { StatusCache } from './status';
import type { StatusAt } from '../core/status/model';

/** Larger .cmrlint.json files are refused: tens of thousands of ignore entries fit in a few MB. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface ResolveRequest {
  /**
   * The project's root: the workspace folder (editor) or projectRoot(file) (CLI). Its .cmrlint.json is the
   * project's; without a root, the file's own folder's .cmrlint.json is used.
   */
  root?: string;
  /** A given configuration file (`--config`): no search. */
  configFile?: string;
  /** Editor settings or CLI flags, on top of the project file. */
  overrides?: ConfigOverrides;
  /** Whether the reference setting may be read (not in an untrusted workspace). */
  allowReference?: boolean;
  /** Whether the status lists may be read (not in an untrusted workspace); as allowReference when not said. */
  allowStatus?: boolean;
  /** Whether to look for a .cmrlint.json at all (not for documents that are not files on disk). */
  searchConfig?: boolean;
  /**
   * The editor's way: a malformed .cmrlint.json or an unreadable reference is reported here and the file
   * is linted without it. Without it (the CLI's way), they throw OptionsError. A .cmrlint.json inside the
   * project that is not used is reported here too (the CLI says so once per run: ignoredConfigsNote).
   */
  onProblem?: (message: string) => void;
}

export interface ResolvedOptions {
  /** The options to lint the file with (its text's decode problems are the caller's to add). */
  lint: LintOptions;
  /** The .cmrlint.json that applies, when there is one. */
  configFile?: string;
  /** The .cmrlint.json files between the file and the project's root that do not apply (nearest first). */
  ignoredConfigs: string[];
  /** Where the reference came from, for logs. */
  referenceSource: string;
}

/** RMI's status lists named by settings or .cmrlint.json, each read once while its file is unchanged. */
const STATUS_LISTS = new StatusCache();

/** An error that stops a file from being linted as configured: a malformed .cmrlint.json, an unreadable reference. */
export class OptionsError extends Error {}

/** The repository a file is in (the nearest folder above it holding .git), for the CLI's search limit. */
export function repositoryRoot(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The folder whose .cmrlint.json is the project's for the CLI: the file's repository root, else the current
 * folder. Never the file's own folder, which may be a supplier's.
 */
export function projectRoot(file: string, cwd: string = process.cwd()): string {
  return repositoryRoot(file) ?? path.resolve(cwd);
}

/** Whether `dir` is `root` or a folder under it. */
function isWithin(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The .cmrlint.json files in the file's folder and the folders above it, below `root` (nearest first). */
function configsBelow(file: string, root: string): string[] {
  const found: string[] = [];
  for (let dir = path.dirname(path.resolve(file)); dir !== root; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) found.push(candidate);
    if (path.dirname(dir) === dir) break;
  }
  return found;
}

/** Whether the project's .cmrlint.json lets nested ones apply (a malformed one does not: resolving it says why). */
function allowsNested(rootConfig: string): boolean {
  try {
    return loadProjectConfig(rootConfig).nested === true;
  } catch (e) {
    if (e instanceof OptionsError) return false;
    throw e;
  }
}

/** The .cmrlint.json that applies to a file, and those inside the project that do not. */
export interface ConfigChoice {
  file?: string;
  ignored: string[];
}

/**
 * The project's .cmrlint.json for a file: the one at `root`; with `"nested": true` in it, the nearest one
 * between the file's folder and the root instead. None for a file outside the root. Without a root (a file
 * opened in the editor without a workspace folder), the one in the file's own folder.
 */
export function chooseConfigFile(file: string, root?: string): ConfigChoice {
  const folder = path.dirname(path.resolve(file));
  if (root === undefined) {
    const own = path.join(folder, CONFIG_FILE);
    return { file: fs.existsSync(own) ? own : undefined, ignored: [] };
  }
  const top = path.resolve(root);
  if (!isWithin(folder, top)) return { ignored: [] };
  const rootConfig = path.join(top, CONFIG_FILE);
  const hasRoot = fs.existsSync(rootConfig);
  const nested = configsBelow(file, top);
  if (nested.length > 0 && hasRoot && allowsNested(rootConfig)) return { file: nested[0], ignored: [] };
  return { file: hasRoot ? rootConfig : undefined, ignored: nested };
}

/** The .cmrlint.json that applies to a file (chooseConfigFile), if any. */
export function findConfigFile(file: string, root?: string): string | undefined {
  return chooseConfigFile(file, root).file;
}

/** Why a .cmrlint.json inside the project is not used, in one line (the editor's message). */
export function ignoredConfigMessage(config: string, root?: string): string {
  const shown = root ? path.relative(root, config) : config;
  return `${shown} is not used: only the .cmrlint.json at the project's root (the workspace folder, the repository) configures cmrlint; one in a subfolder applies when the root's says "nested": true`;
}

/** The .cmrlint.json files inside the projects of these files that do not apply to them, each once. */
export function ignoredConfigsUnder(files: Iterable<string>, rootOf: (file: string) => string | undefined): string[] {
  const ignored = new Set<string>();
  for (const file of files) for (const c of chooseConfigFile(file, rootOf(file)).ignored) ignored.add(c);
  return [...ignored].sort();
}

/** The CLI's note, once per run, on the .cmrlint.json files it did not use (undefined when there are none). */
export function ignoredConfigsNote(ignored: readonly string[], cwd: string = process.cwd()): string | undefined {
  if (ignored.length === 0) return undefined;
  const shown = ignored.slice(0, 5).map((c) => path.relative(cwd, c) || c);
  const more = ignored.length > 5 ? ` and ${ignored.length - 5} more` : '';
  return `cmrlint: note: not used: ${shown.join(', ')}${more}: only the .cmrlint.json at the project's root (or --config) configures cmrlint; one in a subfolder applies only when the root's says "nested": true (docs/trust.md)`;
}

interface Cached<T> {
  key: string;
  value: T;
}

const configCache = new Map<string, Cached<ProjectConfig>>();
const referenceCache = new Map<string, Cached<Promise<SmelterReference>>>();

function cacheKey(file: string): string {
  const st = statRegularFile(file);
  return `${st.size}:${st.mtimeMs}`;
}

/** A .cmrlint.json, parsed; cached until the file changes. Throws OptionsError when it is malformed. */
export function loadProjectConfig(file: string): ProjectConfig {
  try {
    const key = cacheKey(file);
    const cached = configCache.get(file);
    if (cached && cached.key === key) return cached.value;
    const value = parseProjectConfig(readRegularFile(file, MAX_CONFIG_BYTES).toString('utf8'), file);
    configCache.set(file, { key, value });
    return value;
  } catch (e) {
    if (e instanceof ConfigError) throw new OptionsError(e.message);
    if (e instanceof FileReadError) throw new OptionsError(`cannot read ${file}: ${e.message}`);
    throw e;
  }
}

/** A reference list (CMRT workbook or look-up CSV), loaded once per path and version of the file. */
export function loadReference(file: string): Promise<SmelterReference> {
  let key: string;
  try {
    key = cacheKey(file);
  } catch (e) {
    return Promise.reject(new OptionsError(`cannot read the reference ${file}: ${(e as Error).message}`));
  }
  const cached = referenceCache.get(file);
  if (cached && cached.key === key) return cached.value;
  const value = referenceFromFile(file).catch((e: Error) => {
    referenceCache.delete(file);
    throw new OptionsError(e instanceof FileReadError ? `cannot read the reference ${file}: ${e.message}` : e.message);
  });
  referenceCache.set(file, { key, value });
  return value;
}

/** Forgets loaded configuration files (a watcher saw one change). */
export function forgetConfigs(): void {
  configCache.clear();
}

/**
 * The options for linting `file`: project file, then overrides, then the reference they name (relative
 * paths: from the .cmrlint.json's folder for the project's, from `root` or the current folder for the
 * overrides'). Throws OptionsError when the configuration or the reference cannot be used.
 */
export async function resolveFileOptions(file: string, request: ResolveRequest = {}): Promise<ResolvedOptions> {
  const report = (e: unknown) => {
    if (!(e instanceof OptionsError) || !request.onProblem) throw e;
    request.onProblem(e.message);
  };
  const choice: ConfigChoice =
    request.searchConfig === false
      ? { ignored: [] }
      : request.configFile
        ? { file: path.resolve(request.configFile), ignored: [] }
        : chooseConfigFile(file, request.root);
  const configFile = choice.file;
  for (const ignored of choice.ignored) request.onProblem?.(ignoredConfigMessage(ignored, request.root));
  let project = EMPTY_CONFIG;
  if (configFile) {
    try {
      project = loadProjectConfig(configFile);
    } catch (e) {
      report(e);
    }
  }
  const effective = layerOptions(project, request.overrides);
  let reference: SmelterReference = bundledReference();
  if (effective.reference && request.allowReference !== false) {
    const base = effective.reference.from === 'project' ? path.dirname(configFile!) : (request.root ?? process.cwd());
    try {
      reference = await loadReference(path.resolve(base, effective.reference.path));
    } catch (e) {
      report(e);
    }
  }
  // like the reference, a file the workspace names is not read in an untrusted workspace
  const status = (request.allowStatus ?? request.allowReference) !== false ? effective.status : undefined;
  const statusFile = status
    ? path.resolve(status.from === 'project' ? path.dirname(configFile!) : (request.root ?? process.cwd()), status.path)
    : undefined;
  let statusAt: StatusAt | undefined;
  if (statusFile) {
    try {
      statusAt = { list: STATUS_LISTS.get(statusFile), asOf: new Date().toISOString().slice(0, 10) };
    } catch (e) {
      report(new OptionsError((e as Error).message));
    }
  }
  return {
    configFile,
    ignoredConfigs: choice.ignored,
    referenceSource: reference.info.source,
    lint: {
      format: formatFromFileName(file),
      countryStyle: effective.countryStyle,
      severities: effective.severities,
      reference,
      ignore: project.ignore,
      relativePath: configFile ? path.relative(path.dirname(configFile), path.resolve(file)) : undefined,
      ...(statusAt ? { status: statusAt } : {}),
      ...(effective.revisions ? { requestedRevisions: effective.revisions } : {}),
    },
  };
}

/**
 * Adds an ignore entry to a .cmrlint.json (creating it), keeping its other entries and keys, atomically. The
 * file is the one that applies to the finding's file (findConfigFile), else a new one at the project's root.
 */
export function writeIgnoreEntry(file: string, entry: IgnoreEntry): void {
  let existing: Record<string, unknown> = {};
  let config: ProjectConfig = EMPTY_CONFIG;
  if (fs.existsSync(file)) {
    const text = readRegularFile(file, MAX_CONFIG_BYTES).toString('utf8');
    config = parseProjectConfig(text, file);
    existing = JSON.parse(text.replace(/^\ufeff/, '')) as Record<string, unknown>;
  }
  const updated = addIgnore(config, entry);
  writeFileSafely(file, JSON.stringify({ ...existing, ignore: updated.ignore }, null, 2) + '\n');
  configCache.delete(file);
}
