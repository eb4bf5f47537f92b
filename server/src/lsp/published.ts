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

let nextResultId = 1;

export class PublishedStore {
  private readonly entries = new Map<string, Published>();
  private waiters = new Set<Waiter>();
  private disposed = false;

  get(uri: string): Published | undefined {
    return this.entries.get(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** New diagnostics for `uri` (undefined: the lint failed, the previous ones stay, marked as of `version`). */
  set(uri: string, diagnostics: Diagnostic[] | undefined, version?: number): Published {
    const previous = this.entries.get(uri);
    const entry =
      diagnostics === undefined && previous
        ? { ...previous, version }
        : { resultId: String(nextResultId++), diagnostics: diagnostics ?? [], version };
    this.entries.set(uri, entry);
    this.wake();
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

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = new Set();
    for (const w of waiting) w();
  }
}
