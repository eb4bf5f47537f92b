/** One supplier file read for `cmrlint aggregate`: its rows, why it gave none, or that it is a merged table. */
import { isWorkbookFile } from '../node/cmrt';
import { sourceOfFile, SupplierSource } from '../node/aggregate';
import { isMergedOutput } from '../node/merged';
import { cliRequest, internalError, Run, RunReference } from './run';

export interface SourceRead {
  source: SupplierSource;
  /** A table cmrlint aggregate wrote: skipped with a note, not counted as a supplier. */
  merged?: boolean;
  /** Reading it threw (an internal error): said, and the run's exit status is 2. */
  failed?: boolean;
  /** With --debug, the stack of that error. */
  stack?: string[];
}

/** The read of a file whose reading threw: one line naming it, the run goes on. */
export function failedSource(file: string, e: unknown, debug: boolean): SourceRead {
  const [first, ...stack] = internalError(e, debug);
  return { source: { file, rows: [], problem: `not read: ${first}` }, failed: true, stack };
}

export async function readSource(file: string, run: Run, refs: RunReference): Promise<SourceRead> {
  // a workbook is only looked at again when it is no CMRT: a merged one is not, and CMRTs are not read twice
  if (!isWorkbookFile(file) && isMergedOutput(file)) return { source: { file, rows: [] }, merged: true };
  const source = await sourceOfFile(file, cliRequest(run, refs, file));
  if (isWorkbookFile(file) && (source.problem || source.sheets) && isMergedOutput(file))
    return { source: { file, rows: [] }, merged: true };
  return { source };
}
