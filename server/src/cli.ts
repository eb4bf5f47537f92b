#!/usr/bin/env node
/**
 * cmrlint command line: lints filings, smelter lists and CMRT workbooks with the same core as the editor, and
 * merges suppliers' lists (`cmrlint aggregate`). The entry point only: the commands, their arguments, output
 * formats and worker pool are in cli/; `cmrlint --help` and `cmrlint aggregate --help` tell the options.
 * Exit status: 0 no error findings, 1 error findings, 2 usage error or a file that could not be read or linted.
 *
 * This file is also what the pool's worker threads run (esbuild bundles it into server/out/cli.js).
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { debugFromEnv } from './cli/args';
import { main } from './cli/main';
import { internalError, terminalIo } from './cli/run';
import { isCmrlintWorker, workerMain } from './cli/worker';

/** Runs the command line, stdout written at the end; an error nobody expected is one line (with --debug, its stack), exit 2. */
function run(): void {
  const lines: string[] = [];
  const err = (s: string) => process.stderr.write(s + '\n');
  const io = terminalIo((s) => lines.push(s), err, process.stdout.isTTY === true, __filename);
  const argv = process.argv.slice(2);
  // a run that failed before its options were read still honours --debug
  const debug = argv.includes('--debug') || debugFromEnv();
  void main(argv, io)
    .catch((e: unknown) => {
      for (const line of internalError(e, debug)) io.err(line.startsWith('    at ') ? line : `cmrlint: ${line}`);
      return 2;
    })
    .then((code) => process.stdout.write(lines.length ? lines.join('\n') + '\n' : '', () => process.exit(code)));
}

if (!isMainThread && isCmrlintWorker(workerData)) void workerMain();
else if (require.main === module) run();
