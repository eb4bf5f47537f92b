/**
 * Document URIs ↔ file system paths, through vscode-uri (the URI implementation VS Code itself uses), so a
 * Windows document `file:///c%3A/Users/Ana/form-sd.txt` is the file `c:\Users\Ana\form-sd.txt` and the URI the
 * server sends for a path is the one VS Code sends for it (drive letter and colon encoded alike).
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CMRT_SCHEME, CMRT_SUFFIX } from '../protocol';

/** The file a URI names (file:, vscode-remote:), or the path part of another (untitled:Untitled-1), for its format. */
export function uriToPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

/** The file: URI of a path, encoded as VS Code encodes its documents' URIs. */
export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

/** A document the server can read from disk, with a folder whose .cmrlint.json applies (not untitled:, git:, cmrt:...). */
export function isOnDisk(uri: string): boolean {
  const u = URI.parse(uri);
  return (u.scheme === 'file' || u.scheme === 'vscode-remote') && u.path.startsWith('/');
}

/** The workbook a `cmrt:` document renders ("Open CMRT as text"): its path without the added suffix. */
export function workbookOfVirtual(uri: string): string | undefined {
  const u = URI.parse(uri);
  if (u.scheme !== CMRT_SCHEME) return undefined;
  const p = u.path.endsWith(CMRT_SUFFIX) ? u.path.slice(0, -CMRT_SUFFIX.length) : u.path;
  return u.with({ scheme: 'file', authority: '', path: p }).fsPath;
}

/**
 * The workspace folder holding a file (the innermost, for nested folders). Compared with path.relative, not by
 * prefix: Windows paths differ in case and separators, and a folder /a/b must not hold /a/bc.
 */
export function folderOf(file: string, folders: readonly string[]): string | undefined {
  const inside = (folder: string) => {
    const rel = path.relative(folder, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  return folders.filter(inside).sort((a, b) => b.length - a.length)[0];
}
