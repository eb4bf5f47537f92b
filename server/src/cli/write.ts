/**
 * The files the CLI writes (a fixed filing, the merged table), replaced whole or not at all (writeFileSafely).
 * Through a symbolic link the file it points at is replaced, never the link; a path that is not a regular file
 * (a device such as /dev/stdout, a FIFO, a folder) is refused rather than renamed over.
 */
import * as fs from 'node:fs';
import { writeFileSafely, WriteError } from '../node/write-file';

/** The path to replace: the file, or the one its symbolic link points at. */
function targetOf(file: string): string {
  try {
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    const target = st?.isSymbolicLink() ? fs.realpathSync(file) : file;
    const real = fs.statSync(target, { throwIfNoEntry: false });
    if (real && !real.isFile()) throw new WriteError(`cannot write ${file}: it is not a regular file (a device, FIFO or folder)`);
    return target;
  } catch (e) {
    if (e instanceof WriteError) throw e;
    throw new WriteError(
      `cannot write ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'a symbolic link to nothing' : (e as Error).message.split('\n')[0]}`,
    );
  }
}

/** Writes the data in place of the file; throws WriteError (one line, the file unchanged) when it cannot. */
export function writeOver(file: string, data: string | Uint8Array): void {
  writeFileSafely(targetOf(file), data);
}
