/**
 * Many files are read by worker threads, one per core up to eight (a season's folder of supplier workbooks):
 * each worker takes a file's index, reads it whole and sends back its result, and the results are taken in
 * the files' order, so the output is the same as on one thread. --fix writes files and stays on the main
 * thread.
 *
 * A worker that dies (a crash, out of memory) costs only the file it held: that file's result is its failure,
 * and a new worker takes the remaining files.
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';

/** Fewer files than this are read on the main thread: starting workers costs more than it saves. */
export const WORKER_MIN_FILES = 8;

function cores(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** Whether a run of these files uses workers (never for --fix; CMRLINT_WORKERS=0 turns them off). */
export function useWorkers(files: number, fix = false): boolean {
  return !fix && files >= WORKER_MIN_FILES && Math.min(cores(), files) > 1 && process.env.CMRLINT_WORKERS !== '0';
}

export interface PoolJob<T> {
  /** The script the workers run, and what they are given as workerData. */
  script: string;
  workerData: unknown;
  files: readonly string[];
  /** A file's result when its worker died holding it. */
  failed(file: string, e: Error): T;
  /** Each file's result, in the files' order. */
  take(result: T): void;
}

/** The worker protocol: the main thread posts a file's index, the worker posts `{ index, result }` back. */
export interface WorkerResult<T> {
  index: number;
  result: T;
}

/** Hands the files out to worker threads and takes their results in the files' order. */
export async function inWorkers<T>(job: PoolJob<T>): Promise<void> {
  const { files } = job;
  const done = new Map<number, T>();
  let next = 0; // the next file to hand out
  let taken = 0; // files taken so far, in order
  const deliver = (index: number, result: T) => {
    done.set(index, result);
    while (done.has(taken)) {
      job.take(done.get(taken)!);
      done.delete(taken++);
    }
  };
  await new Promise<void>((resolve) => {
    let running = 0;
    const start = () => {
      running++;
      let held: number | undefined; // the file this worker is reading
      let lost: Error | undefined;
      const worker = new Worker(job.script, { workerData: job.workerData });
      const give = () => {
        if (next < files.length) worker.postMessage((held = next++));
        else void worker.terminate();
      };
      worker.on('message', (m: WorkerResult<T>) => {
        held = undefined;
        deliver(m.index, m.result);
        give();
      });
      worker.on('error', (e) => (lost = e));
      worker.on('exit', (code) => {
        running--;
        if (held !== undefined) {
          deliver(held, job.failed(files[held], lost ?? new Error(`its worker thread stopped (exit code ${code})`)));
          if (next < files.length) start();
        }
        if (running === 0) resolve();
      });
      give();
    };
    for (let w = Math.min(cores(), 8, files.length); w > 0; w--) start();
  });
  if (taken !== files.length) throw new Error(`${files.length - taken} files were not read by the workers`);
}

/**
 * Each file's result handed to `take` in the files' order: on worker threads when `workers`, else one file
 * after the other on this thread (`here`); a file whose reading throws gives `failed`'s result either way.
 */
export async function eachFile<T>(job: PoolJob<T> & { workers: boolean; here: (file: string) => Promise<T> }): Promise<void> {
  if (job.workers) return inWorkers(job);
  for (const file of job.files) job.take(await job.here(file).catch((e: unknown) => job.failed(file, e as Error)));
}
