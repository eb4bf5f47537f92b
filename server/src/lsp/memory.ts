/**
 * The large-text policy: after linting a document this large, a full garbage collection once the server is idle.
 * V8 keeps the pages a 100k-row lint grew to, and gives them back to the system only after a full collection;
 * without it the server's resident memory stays at its peak (the budget is 300 MB after a 100k-row list).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** A text this long leaves a large heap behind its lint (a merged list of tens of thousands of rows). */
export const LARGE_TEXT = 1024 * 1024;
/** How long the server must have been idle after such a lint before the collection. */
const IDLE_MS = 250;

/** The collector, exposed at run time: the editor starts the server without --expose-gc. */
const fullGc: (() => void) | undefined = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();

/** One pending collection per server; `isIdle` says whether no lint is waiting to run. */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly isIdle: () => boolean) {}

  /** After a lint of `textLength` characters: collect when the server is idle, if the text was large. */
  afterLint(textLength: number): void {
    if (!fullGc || textLength <= LARGE_TEXT) return;
    this.dispose();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.isIdle()) fullGc();
    }, IDLE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
