/**
 * One resolver of a file's lint options, used by the CLI and the language server alike, so CI reproduces
 * exactly what the editor shows: the project's `.cmrlint.json` (found from the file's folder upwards, never
 * above the workspace folder or repository root), then the editor's settings or the CLI's flags on top,
 * then the reference list they name, loaded once per path and modification time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addIgnore, CONFIG_FILE, ConfigError, ConfigOverrides, EMPTY_CONFIG, IgnoreEntry, layerOptions, parseProjectConfig, ProjectConfig } from '../core/config';
import type { LintOptions } from '../core/lint';
import { bundledReference, SmelterReference } from '../core/data/smelters';
import { formatFromFileName } from '../core/parse/document';
import { FileReadError, readRegularFile, statRegularFile } from './files';
import { referenceFromFile } from './workbook';

/** Larger .cmrlint.json files are refused: tens of thousands of ignore entries fit in a few MB. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface ResolveRequest {
  /** Where the search for .cmrlint.json stops: the workspace folder, or the repository root. */
  root?: string;
  /** A given configuration file (`--config`): no search. */
  configFile?: string;
  /** Editor settings or CLI flags, on top of the project file. */
  overrides?: ConfigOverrides;
  /** Whether the reference setting may be read (not in an untrusted workspace). */
  allowReference?: boolean;
  /** Whether to look for a .cmrlint.json at all (not for documents that are not files on disk). */
  searchConfig?: boolean;
  /**
   * The editor's way: a malformed .cmrlint.json or an unreadable reference is reported here and the file
   * is linted without it. Without it (the CLI's way), they throw OptionsError.
   */
  onProblem?: (message: string) => void;
}

export interface ResolvedOptions {
  /** The options to lint the file with (its text's decode problems are the caller's to add). */
  lint: LintOptions;
  /** The .cmrlint.json that applies, when there is one. */
  configFile?: string;
  /** Where the reference came from, for logs. */
  referenceSource: string;
}

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

/** The nearest .cmrlint.json in the file's folder or above, not above `root` (only the file's folder without one). */
export function findConfigFile(file: string, root?: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  const stop = root ? path.resolve(root) : dir;
  if (root && dir !== stop && !dir.startsWith(stop + path.sep)) return undefined; // the file is outside the root
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (dir === stop) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
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
  const configFile = request.searchConfig === false ? undefined : request.configFile ? path.resolve(request.configFile) : findConfigFile(file, request.root);
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
  return {
    configFile,
    referenceSource: reference.info.source,
    lint: {
      format: formatFromFileName(file),
      countryStyle: effective.countryStyle,
      severities: effective.severities,
      reference,
      ignore: project.ignore,
      relativePath: configFile ? path.relative(path.dirname(configFile), path.resolve(file)) : undefined,
    },
  };
}

/** Adds an ignore entry to a .cmrlint.json (creating it), keeping its other entries and keys. */
export function writeIgnoreEntry(file: string, entry: IgnoreEntry): void {
  let existing: Record<string, unknown> = {};
  let config: ProjectConfig = EMPTY_CONFIG;
  if (fs.existsSync(file)) {
    const text = readRegularFile(file, MAX_CONFIG_BYTES).toString('utf8');
    config = parseProjectConfig(text, file);
    existing = JSON.parse(text.replace(/^\ufeff/, '')) as Record<string, unknown>;
  }
  const updated = addIgnore(config, entry);
  fs.writeFileSync(file, JSON.stringify({ ...existing, ignore: updated.ignore }, null, 2) + '\n');
  configCache.delete(file);
}
