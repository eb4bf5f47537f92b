/**
 * When each open document is linted: at once when it opens or is saved, and while typing after a debounce
 * that saves work in a burst of edits. Owns its timers; `dispose` stops them all.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Wait this long after the last keystroke before linting again. */
export const DEBOUNCE_MS = 150;

export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The version last scheduled per document, linted or in flight: opening fires both open and change. */
  private readonly scheduledVersions = new Map<string, number>();
  /** How long each document's last lint took, and when it last changed, in ms. */
  private readonly lintTimes = new Map<string, number>();
  private readonly lastChange = new Map<string, number>();
  private run: (doc: TextDocument) => void = () => undefined;

  /** What to do when a document is due: set once, by the diagnostics handler. */
  onDue(run: (doc: TextDocument) => void): void {
    this.run = run;
  }

  /** No lint is waiting to run. */
  get idle(): boolean {
    return this.timers.size === 0;
  }

  /** A lint of the document waits for its timer (the debounce). */
  pending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Lints a document after `delay` ms; a version already scheduled is not scheduled again unless forced. */
  schedule(doc: TextDocument, delay = DEBOUNCE_MS, force = false): void {
    if (!force && this.scheduledVersions.get(doc.uri) === doc.version) return;
    this.scheduledVersions.set(doc.uri, doc.version);
    this.cancel(doc.uri);
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        this.run(doc);
      }, delay),
    );
  }

  /**
   * A document's content changed while typing. An edit when nothing is pending is linted at once if the
   * document lints in less time than the debounce would wait, or if it is isolated (the last edit was longer
   * than the debounce ago): a burst's further edits wait for the burst to end, and a large document is not
   * linted on every keystroke.
   */
  changed(doc: TextDocument): void {
    const now = Date.now();
    const isolated = now - (this.lastChange.get(doc.uri) ?? 0) >= DEBOUNCE_MS;
    this.lastChange.set(doc.uri, now);
    const cheap = (this.lintTimes.get(doc.uri) ?? Infinity) < DEBOUNCE_MS;
    this.schedule(doc, !this.timers.has(doc.uri) && (cheap || isolated) ? 0 : DEBOUNCE_MS);
  }

  /** How long a document's lint took, for the next `changed`. */
  linted(uri: string, ms: number): void {
    this.lintTimes.set(uri, ms);
  }

  /** A document closed: nothing more is scheduled or remembered for it. */
  forget(uri: string): void {
    this.cancel(uri);
    this.scheduledVersions.delete(uri);
    this.lintTimes.delete(uri);
    this.lastChange.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
  }
}
