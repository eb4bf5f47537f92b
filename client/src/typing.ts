/**
 * Typing at full speed: work that redraws what is on screen waits for a pause in typing. The column colours
 * of a table (semantic tokens of the lines in view) are asked again after each edit once VS Code's own short
 * debounce (100–150 ms) has passed: during a burst of keystrokes each answer replaced the tokens of every
 * line in view and the editor redrew them all, often in the frame of the next keystroke. Meanwhile the editor
 * keeps the colours it has in step with the edits (a cell typed into keeps its colour), so the answer waits
 * until the typing pauses. VS Code types only: this module loads without VS Code (unit tests).
 */
import type { CancellationToken, Disposable, Event, TextDocument, TextDocumentChangeEvent } from 'vscode';

/** How long after the last edit of a document the typing counts as paused. */
export const TYPING_PAUSE_MS = 350;

/** The events `trackEdits` listens to: VS Code's `workspace`. */
export interface DocumentEvents {
  onDidChangeTextDocument: Event<TextDocumentChangeEvent>;
  onDidCloseTextDocument: Event<TextDocument>;
}

/** When each open document was last edited (ms since the epoch; 0: not since it opened). */
export interface EditTimes extends Disposable {
  lastEdit: (document: TextDocument) => number;
}

export function trackEdits(events: DocumentEvents): EditTimes {
  const edited = new Map<string, number>();
  const subscriptions = [
    events.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) edited.set(e.document.uri.toString(), Date.now());
    }),
    events.onDidCloseTextDocument((d) => edited.delete(d.uri.toString())),
  ];
  return {
    lastEdit: (document) => edited.get(document.uri.toString()) ?? 0,
    dispose: () => {
      for (const s of subscriptions) s.dispose();
    },
  };
}

/**
 * Resolves true once `document` has not been edited for `pauseMs` (at once if it was not edited lately), and
 * false as soon as `token` is cancelled (VS Code cancels the request when the document changes again).
 */
export async function typingPaused(
  document: TextDocument,
  lastEdit: (document: TextDocument) => number,
  token: CancellationToken,
  pauseMs = TYPING_PAUSE_MS,
): Promise<boolean> {
  for (;;) {
    if (token.isCancellationRequested) return false;
    const wait = lastEdit(document) + pauseMs - Date.now();
    if (wait <= 0) return true;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        cancelled.dispose();
        resolve();
      };
      const timer = setTimeout(done, wait);
      const cancelled = token.onCancellationRequested(done);
    });
  }
}
