/**
 * A worker thread of the pool: loads the --reference files (or the discovered CMRT's look-up) once, then lints (or, for aggregate, reads) the
 * files it is given by index. A file whose reading throws is sent back as that file's failure; the worker
 * goes on with the next.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { failedReport, lintFile, LintRun } from './lint-file';
import type { WorkerResult } from './pool';
import { failedSource, readSource } from './read-source';
import { Run, RunReference, workerReferences } from './run';

/** What a worker does with a file: lint it (a report), or read its rows for aggregation. */
export type WorkerMode = 'lint' | 'rows';

export interface WorkerData {
  cmrlintWorker: true;
  run: Run;
  mode: WorkerMode;
}

export function isCmrlintWorker(data: unknown): boolean {
  return (data as Partial<WorkerData> | undefined)?.cmrlintWorker === true;
}

function readOne(file: string, { run, mode }: WorkerData, refs: RunReference): Promise<unknown> {
  const work = mode === 'rows' ? readSource(file, run, refs) : lintFile(file, run as LintRun, refs);
  return work.catch((e: unknown) => (mode === 'rows' ? failedSource(file, e, run.debug) : failedReport(file, e, run.debug)));
}

export async function workerMain(): Promise<void> {
  const data = workerData as WorkerData;
  const refs = await workerReferences(data.run);
  parentPort!.on('message', (index: number) => {
    void readOne(data.run.files[index], data, refs).then((result) =>
      parentPort!.postMessage({ index, result } satisfies WorkerResult<unknown>),
    );
  });
}
