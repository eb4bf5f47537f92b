/**
 * Every file cmrlint writes (a fixed filing, a merged table, an ignore entry in .cmrlint.json) is written
 * atomically: to a temporary file beside it, flushed, then renamed over it, keeping the old file's mode. A
 * failed write (a full disk, a file size limit, a killed process) leaves the old file whole, never a
 * truncated filing.
 *
 * Written by hand: write-file-atomic (npm's own) was measured here and its synchronous path writes once and
 * ignores a short write, so under a file size limit it renamed a truncated file over the original.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class WriteError extends Error {}

let counter = 0;

/** Writes the data in place of the file, or throws WriteError saying why, with the file as it was. */
export function writeFileSafely(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.cmrlint-${process.pid}-${counter++}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    // a new file: the default mode
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    // writeFileSync on a descriptor loops until every byte is written and throws on a short write's error
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (mode !== undefined) fs.chmodSync(temp, mode); // the umask may have narrowed it
    fs.renameSync(temp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw new WriteError(`cannot write ${file}: ${describe(e as NodeJS.ErrnoException)} (the file is unchanged)`);
  }
}

function describe(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EFBIG':
      return 'over the file size limit';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such folder';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e.message.split('\n')[0];
  }
}
