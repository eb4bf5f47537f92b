/**
 * Typing at full speed: the column colours of the lines in view are asked of the server only once the typing
 * pauses, and a request VS Code cancels (the document changed again) ends at once.
 */
import * as assert from 'node:assert/strict';
import type { CancellationToken, Disposable, TextDocument, TextDocumentChangeEvent } from 'vscode';
import { trackEdits, typingPaused } from '../../client/src/typing';

const PAUSE = 120;
const doc = (uri: string) => ({ uri: { toString: () => uri } }) as unknown as TextDocument;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A minimal VS Code event: listeners, and a way to fire it. */
function emitter<T>() {
  const listeners = new Set<(e: T) => unknown>();
  const event = (listener: (e: T) => unknown): Disposable => {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  };
  return { event, fire: (e: T) => listeners.forEach((l) => l(e)), size: () => listeners.size };
}

/** A cancellation token with its cancel. */
function cancellation() {
  const cancelled = emitter<void>();
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: cancelled.event,
  } as unknown as CancellationToken & { isCancellationRequested: boolean };
  return {
    token,
    cancel: () => {
      token.isCancellationRequested = true;
      cancelled.fire();
    },
  };
}

/** How long `typingPaused` takes and what it says. */
async function timed(p: Promise<boolean>): Promise<{ paused: boolean; ms: number }> {
  const start = Date.now();
  const paused = await p;
  return { paused, ms: Date.now() - start };
}

describe('typing: the column colours wait for a pause in typing', () => {
  it('answers at once for a document not edited lately', async () => {
    const { paused, ms } = await timed(typingPaused(doc('a'), () => Date.now() - 10 * PAUSE, cancellation().token, PAUSE));
    assert.equal(paused, true);
    assert.ok(ms < PAUSE / 2, `${ms} ms`);
  });

  it('waits until the document has not been edited for the pause, counted from its latest edit', async () => {
    let last = Date.now();
    const waiting = timed(typingPaused(doc('a'), () => last, cancellation().token, PAUSE));
    await sleep(PAUSE / 2);
    last = Date.now(); // a keystroke while waiting
    const { paused, ms } = await waiting;
    assert.equal(paused, true);
    assert.ok(ms >= PAUSE * 1.5 - 5, `answered ${ms} ms after the request, before the pause after the last edit`);
  });

  it('ends at once, unanswered, when VS Code cancels the request', async () => {
    const { token, cancel } = cancellation();
    const waiting = timed(typingPaused(doc('a'), () => Date.now(), token, 10 * PAUSE));
    await sleep(20);
    cancel();
    const { paused, ms } = await waiting;
    assert.equal(paused, false);
    assert.ok(ms < PAUSE, `${ms} ms`);
  });

  it('notes the time of edits that change text, per document, until the document closes', () => {
    const changed = emitter<TextDocumentChangeEvent>();
    const closed = emitter<TextDocument>();
    const edits = trackEdits({ onDidChangeTextDocument: changed.event, onDidCloseTextDocument: closed.event });
    const [a, b] = [doc('file:///a.csv'), doc('file:///b.csv')];
    assert.equal(edits.lastEdit(a), 0);
    changed.fire({ document: a, contentChanges: [], reason: undefined }); // a change of state, not of text
    assert.equal(edits.lastEdit(a), 0);
    const before = Date.now();
    changed.fire({ document: a, contentChanges: [{} as TextDocumentChangeEvent['contentChanges'][number]], reason: undefined });
    assert.ok(edits.lastEdit(a) >= before);
    assert.equal(edits.lastEdit(b), 0);
    closed.fire(a);
    assert.equal(edits.lastEdit(a), 0);
    edits.dispose();
    assert.equal(changed.size() + closed.size(), 0, 'no listener left');
  });
});
