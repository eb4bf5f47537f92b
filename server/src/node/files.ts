/**
 * Reading files the user (or a workspace) points at, safely: only regular files (never a FIFO, a device
 * such as /dev/zero, or a directory, even behind a symlink), opened without blocking, and never more than
 * a size cap, so no path can make the CLI or the server hang or read without bound.
 */
import * as fs from 'node:fs';
import { count } from '../core/messages';

/**
 * A filing, a supplier list or a workbook is a few MB. Texts over 12 MB are refused (see MAX_TEXT_LENGTH in
 * the core: memory grows with the text); a workbook is compressed, so its file may be up to 64 MB.
 */
export const MAX_TEXT_BYTES = 12 * 1024 * 1024;
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export class FileReadError extends Error {}

/** Why a path cannot be read as a file, in a few words, from an fs error. */
function describeError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return e.message;
  }
}

/** Size and modification time of a regular file (following symlinks), or an error saying why it is not one. */
export function statRegularFile(file: string): { size: number; mtimeMs: number } {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new FileReadError(describeError(e as NodeJS.ErrnoException));
  }
  if (st.isDirectory()) throw new FileReadError('is a directory');
  if (!st.isFile()) throw new FileReadError('is not a regular file (a device, FIFO or socket)');
  return { size: st.size, mtimeMs: st.mtimeMs };
}

/**
 * The bytes of a regular file of at most `maxBytes`. Opened with O_NONBLOCK and checked again on the open
 * descriptor (the path may have been swapped for a FIFO in between); reads stop at the cap even if the
 * file grows while being read.
 */
export function readRegularFile(file: string, maxBytes = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new FileReadError(describeError(e as NodeJS.ErrnoException));
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new FileReadError('is a directory');
    if (!st.isFile()) throw new FileReadError('is not a regular file (a device, FIFO or socket)');
    if (st.size > maxBytes)
      throw new FileReadError(
        `is ${formatSize(st.size) === formatSize(maxBytes) ? `${count(st.size)} bytes` : formatSize(st.size)}; files over ${formatSize(maxBytes)} are not read`,
      );
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const r = fs.readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > st.size) throw new FileReadError('changed while being read');
    }
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

export function formatSize(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(bytes >= 10 * 1048576 ? 0 : 1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The first bytes of a regular file (at most `bytes`), as readRegularFile opens it: never blocking on a FIFO
 * or device, whatever its size.
 */
export function readHead(file: string, bytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new FileReadError(describeError(e as NodeJS.ErrnoException));
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw new FileReadError('is not a regular file (a device, FIFO or socket)');
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, fs.readSync(fd, buf, 0, bytes, 0));
  } finally {
    fs.closeSync(fd);
  }
}
