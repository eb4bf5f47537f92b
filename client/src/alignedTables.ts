/**
 * Lines up the columns of tab-separated tables in the editor (filings and .tsv lists), as Rainbow CSV's virtual
 * alignment does: the text is not changed; pads (columnAlign.ts) are drawn before each tab, and the editor's
 * tab size is set to 1 so each tab is one column wide wherever it stands. A tab size of 16 left every row
 * jagged (a 17-character name pushed its row's next cells a whole stop further).
 * Setting cmrlint.alignColumns turns it off (and gives the file back its tab size).
 */
import { Disposable, ExtensionContext, Range, TextDocument, TextEditor, window, workspace } from 'vscode';
import { tablePads } from './columnAlign';

const LANGUAGES = new Set(['cmr', 'tsv']);
/** Larger documents are left as they are: alignment is for reading a filing or a list, not a 100k-row export. */
const MAX_LINES = 5000;
const SETTING = 'cmrlint.alignColumns';

function wanted(document: TextDocument): boolean {
  return (
    LANGUAGES.has(document.languageId) &&
    document.lineCount <= MAX_LINES &&
    workspace.getConfiguration('cmrlint', document).get<boolean>('alignColumns', true)
  );
}

/** Registers the alignment; returns how many pads each document's editors show (for the tests). */
export function registerColumnAlignment(context: ExtensionContext): { padsOf(uri: string): number } {
  const type = window.createTextEditorDecorationType({});
  const timers = new Map<string, NodeJS.Timeout>();
  const painted = new Map<string, number>();

  const unpaint = (editor: TextEditor) => {
    editor.setDecorations(type, []);
    // the file's own tab size back (as its settings give it), once it was aligned
    if (painted.delete(editor.document.uri.toString()))
      editor.options = { tabSize: workspace.getConfiguration('editor', editor.document).get<number>('tabSize') };
  };
  const paint = (editor: TextEditor) => {
    if (!wanted(editor.document)) return unpaint(editor);
    const lines = Array.from({ length: editor.document.lineCount }, (_, i) => editor.document.lineAt(i).text);
    const pads = tablePads(lines);
    if (pads.length === 0 && !lines.some((l) => l.includes('\t'))) return unpaint(editor);
    if (editor.options.tabSize !== 1) editor.options = { tabSize: 1 };
    painted.set(editor.document.uri.toString(), pads.length);
    editor.setDecorations(
      type,
      pads.map((p) => ({
        range: new Range(p.line, p.character, p.line, p.character),
        renderOptions: { before: { contentText: '\u00a0'.repeat(p.width) } },
      })),
    );
  };
  const paintVisible = () => window.visibleTextEditors.forEach(paint);
  // an edit repaints its document's editors once typing pauses (pads of a whole table may move)
  const later = (document: TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        for (const e of window.visibleTextEditors) if (e.document === document) paint(e);
      }, 150),
    );
  };
  context.subscriptions.push(
    type,
    window.onDidChangeVisibleTextEditors(paintVisible),
    workspace.onDidOpenTextDocument(paintVisible), // also a document whose language was changed
    workspace.onDidChangeTextDocument((e) => {
      if (LANGUAGES.has(e.document.languageId) && e.contentChanges.length) later(e.document);
    }),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) paintVisible();
    }),
    new Disposable(() => timers.forEach(clearTimeout)),
  );
  paintVisible();
  return { padsOf: (uri) => painted.get(uri) ?? 0 };
}
