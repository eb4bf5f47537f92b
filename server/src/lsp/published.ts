/**
 * The diagnostics the server has for each file, for LSP 3.17 pull diagnostics (textDocument/diagnostic and
 * workspace/diagnostic): those of open documents (`live`, one entry per linted version) and those of files
 * linted from disk ("Lint workspace", the workspace's CMRT workbooks, a workspace-linted file closed again).
 * Each entry has a result id unique in the session, so a client that already has it is told "unchanged".
 * A pull waits here for the lint of the version it asks about; a workspace pull waits for a file's change
 * (a long poll: no busy loop). `dispose` releases every waiter.
 */
import type { Diagnostic } from 'vscode-languageserver/node';

export interface Published {
  resultId: string;
  diagnostics: Diagnostic[];
  /** The document version they are of (open documents only). */
  version?: number;
}

type Waiter = () => void;

/** The same diagnostics, in the same order (ranges, messages, codes, related information). */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a === b || (a.length === b.length && JSON.stringify(a) === JSON.stringify(b));
}

let nextResultId = 1;

export class PublishedStore {
  private readonly entries = new Map<string, Published>();
  private readonly waiting = new Waiting();

  get(uri: string): Published | undefined {
    return this.entries.get(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /**
   * New diagnostics for `uri` (undefined: the lint failed, the previous ones stay, marked as of `version`).
   * An open document's diagnostics (given with a version) equal to its previous ones keep their result id:
   * typing inside a cell mostly changes no finding, and a client that has them is answered "unchanged"
   * (nothing to convert, send or redraw). A file's from disk always get a new id (the workspace pull sends it).
   */
  set(uri: string, diagnostics: Diagnostic[] | undefined, version?: number): Published {
    const previous = this.entries.get(uri);
    const entry =
      previous && (diagnostics === undefined || (version !== undefined && sameDiagnostics(previous.diagnostics, diagnostics)))
        ? { ...previous, version }
        : { resultId: String(nextResultId++), diagnostics: diagnostics ?? [], version };
    this.entries.set(uri, entry);
    this.waiting.wake();
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Every entry dropped (settings changed): pulls wait for the lints that follow. */
  clear(): void {
    this.entries.clear();
  }

  /** The entries, for a workspace pull. */
  all(): IterableIterator<[string, Published]> {
    return this.entries.entries();
  }

  /**
   * Resolves with what `ready` finds, at once or after a later `set`; undefined when `cancelled` turns true
   * (checked on every change and every `pollMs`) or the store is disposed.
   */
  when<T>(ready: () => T | undefined, cancelled: () => boolean, pollMs = 100): Promise<T | undefined> {
    return this.waiting.when(ready, cancelled, pollMs);
  }

  dispose(): void {
    this.entries.clear();
    this.waiting.dispose();
  }
}

/**
 * Requests waiting for something another part of the session produces (a lint, diagnostics): each waits on a
 * condition, checked again at every `wake` and every poll, never in a busy loop. `dispose` releases them all.
 */
export class Waiting {
  private waiters = new Set<Waiter>();
  private disposed = false;

  /** Resolves with what `ready` finds, at once or after a `wake`; undefined when `cancelled` turns true or on dispose. */
  async when<T>(ready: () => T | undefined, cancelled: () => boolean, pollMs = 100): Promise<T | undefined> {
    for (;;) {
      const value = ready();
      if (value !== undefined) return value;
      if (this.disposed || cancelled()) return undefined;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, pollMs);
        this.waiters.add(done);
      });
    }
  }

  /** Something changed: every waiter checks its condition again. */
  wake(): void {
    const waiting = this.waiters;
    this.waiters = new Set();
    for (const w of waiting) w();
  }

  dispose(): void {
    this.disposed = true;
    this.wake();
  }
}
