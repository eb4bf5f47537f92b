/** The command line's commands: lint (the default), `aggregate` and `annex`. */
import { aggregateMain } from './aggregate';
import { runAnnex } from './annex';
import { lintMain } from './lint';
import type { Io } from './run';

export function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'aggregate') return aggregateMain(argv.slice(1), io);
  // the annex on standard output exactly for a pipe or a file, its control characters escaped on a terminal
  if (argv[0] === 'annex')
    return runAnnex(argv.slice(1), {
      out: (s) => (io.terminal ? io.out(s) : io.data(s)),
      err: (s) => io.err(s),
      workerScript: io.workerScript,
    });
  return lintMain(argv, io);
}
