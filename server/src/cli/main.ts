/** The command line's two commands: lint (the default) and `aggregate`. */
import { aggregateMain } from './aggregate';
import { lintMain } from './lint';
import type { Io } from './run';

export function main(argv: string[], io: Io): Promise<number> {
  return argv[0] === 'aggregate' ? aggregateMain(argv.slice(1), io) : lintMain(argv, io);
}
