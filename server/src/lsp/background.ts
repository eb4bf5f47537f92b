/**
 * Work on files from disk that nobody waits for (the workspace's CMRT workbooks, read at start and when they
 * change): one file at a time, the event loop given back before each, so hovers, completions and diagnostics of
 * open documents are answered between two files however many workbooks the workspace holds.
 */

/** Lets every message and timer already due run before going on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FileQueue {
  /** The URIs waiting, in arrival order; one that changes again while waiting is read once, at its turn. */
  private readonly pending = new Set<string>();
  private draining: Promise<void> | undefined;
  private disposed = false;

  /** `work` reports its own failures: one file's never stops the others. */
  constructor(private readonly work: (uri: string) => Promise<unknown>) {}

  add(uris: Iterable<string>): void {
    if (this.disposed) return;
    for (const uri of uris) this.pending.add(uri);
    this.draining ??= this.drain();
  }

  /** Resolves when every file added so far has been done (or the queue was disposed). */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  /** Drops what is waiting; the file being read is the last. */
  dispose(): void {
    this.disposed = true;
    this.pending.clear();
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        await yieldToEventLoop();
        const next = this.pending.values().next();
        if (this.disposed || next.done) return;
        this.pending.delete(next.value);
        await this.work(next.value).catch(() => undefined);
      }
    } finally {
      this.draining = undefined; // at once, so that an add after the last file starts a new drain
    }
  }
}
