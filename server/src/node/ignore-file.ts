/** Finding, reading and writing .cmrlint.json on disk (shared by the CLI and the language server). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addIgnore, IGNORE_FILE, IgnoreConfig, IgnoreEntry, parseIgnoreFile } from '../core/ignore';

export interface LoadedIgnores {
  /** The .cmrlint.json that applies, when there is one. */
  file?: string;
  config: IgnoreConfig;
}

/** The nearest .cmrlint.json in the file's folder or above (up to `stopAt`, or the file system root). */
export function findIgnoreFile(filePath: string, stopAt?: string): string | undefined {
  let dir = path.dirname(path.resolve(filePath));
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(dir, IGNORE_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (dir === stop) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads the .cmrlint.json that applies to a file. Throws IgnoreFileError when it is malformed. */
export function loadIgnores(filePath: string, stopAt?: string): LoadedIgnores {
  const file = findIgnoreFile(filePath, stopAt);
  if (!file) return { config: { ignore: [] } };
  return { file, config: parseIgnoreFile(fs.readFileSync(file, 'utf8'), file) };
}

/** The path of a filing relative to the folder of its .cmrlint.json (for entries that name a file). */
export function relativeTo(ignoreFile: string | undefined, filePath: string): string | undefined {
  return ignoreFile ? path.relative(path.dirname(ignoreFile), path.resolve(filePath)) : undefined;
}

/** Adds an entry to a .cmrlint.json (creating it), keeping the other entries and any other keys. */
export function writeIgnore(file: string, entry: IgnoreEntry): void {
  let existing: Record<string, unknown> = {};
  let config: IgnoreConfig = { ignore: [] };
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    config = parseIgnoreFile(text, file);
    existing = JSON.parse(text.replace(/^\ufeff/, '')) as Record<string, unknown>;
  }
  const updated = addIgnore(config, entry);
  fs.writeFileSync(file, JSON.stringify({ ...existing, ignore: updated.ignore }, null, 2) + '\n');
}
