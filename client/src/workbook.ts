/**
 * The workbook view: a read-only custom editor for .xlsx workbooks (a CMRT, EMRT or AMRT with its findings at
 * their cells; any other workbook, such as a merged smelter list, as plain grids). Its data comes from the
 * language server (cmrlint/workbookView). A Problems entry of a workbook finding leads to its cell: VS Code
 * hands a Problems entry's range only to text editors, so a workbook's findings are published under its
 * cmrt-cell: URI (protocol.ts), whose blank text document this module turns, as soon as it opens, into the
 * workbook view selecting that cell.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  commands,
  CustomDocument,
  CustomReadonlyEditorProvider,
  DiagnosticSeverity,
  Disposable,
  EventEmitter,
  ExtensionContext,
  FileDecoration,
  FileDecorationProvider,
  languages,
  RelativePattern,
  TabInputText,
  TextDocumentContentProvider,
  TextEditor,
  ThemeColor,
  Uri,
  ViewColumn,
  WebviewPanel,
  window,
  workspace,
} from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { CMRT_CELL_SCHEME, SHOW_RULE_DOCS_COMMAND, WORKBOOK_VIEW_TYPE, WorkbookViewRequest } from '../../server/src/protocol';
import { workbookHtml } from './workbookHtml';
import { registerTextViewPainting } from './workbookText';

/** A sheet cell to show. */
export interface CellTarget {
  sheet: string;
  row: number;
  col: number;
}

export type ViewMessage = { type: string; [k: string]: unknown };

/** The language client once it runs (it may still be starting when VS Code restores a workbook view). */
async function runningClient(get: () => LanguageClient | undefined): Promise<LanguageClient | undefined> {
  for (let i = 0; i < 200; i++) {
    const c = get();
    if (c?.state === State.Running) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

class WorkbookViews implements CustomReadonlyEditorProvider {
  /** The open views of each workbook (its URI), and those whose page has its data. */
  private readonly panels = new Map<string, Set<WebviewPanel>>();
  private readonly loaded = new WeakSet<WebviewPanel>();
  /** Where a view about to open must go (a Problems entry's cell). */
  private readonly pending = new Map<string, CellTarget>();
  /** What the pages posted (ready, selected, openRule), for the tests as the summary's messages. */
  readonly messages: ViewMessage[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {}

  openCustomDocument(uri: Uri): CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: CustomDocument, panel: WebviewPanel): void {
    const key = document.uri.toString();
    const set = this.panels.get(key) ?? new Set<WebviewPanel>();
    this.panels.set(key, set.add(panel));
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    panel.webview.html = workbookHtml(randomBytes(16).toString('base64'), panel.webview.cspSource);
    // the workbook saved again (by Excel, or the aggregate written over it): the view follows
    const watcher = workspace.createFileSystemWatcher(
      new RelativePattern(Uri.joinPath(document.uri, '..'), path.posix.basename(document.uri.path)),
    );
    const subscriptions: Disposable[] = [
      watcher,
      watcher.onDidChange(() => void this.load(panel, document.uri)),
      watcher.onDidCreate(() => void this.load(panel, document.uri)),
      panel.webview.onDidReceiveMessage((m: ViewMessage) => {
        this.messages.push(m);
        if (m.type === 'ready') void this.load(panel, document.uri);
        if (m.type === 'openRule' && typeof m.rule === 'string') void commands.executeCommand(SHOW_RULE_DOCS_COMMAND, m.rule);
      }),
    ];
    panel.onDidDispose(() => {
      set.delete(panel);
      if (set.size === 0) this.panels.delete(key);
      Disposable.from(...subscriptions).dispose();
    });
  }

  private async load(panel: WebviewPanel, uri: Uri): Promise<void> {
    const title = path.posix.basename(uri.path);
    const client = await runningClient(this.client);
    const r = client
      ? await client
          .sendRequest(WorkbookViewRequest, { uri: uri.toString() })
          .catch((e: unknown) => ({ error: `the language server did not answer: ${e instanceof Error ? e.message : String(e)}` }))
      : { error: 'the cmrlint language server is not running' };
    if ('error' in r) {
      await panel.webview.postMessage({ type: 'error', title, error: `cmrlint: ${r.error}` });
      return;
    }
    await panel.webview.postMessage({ type: 'data', view: r.view });
    this.loaded.add(panel);
    this.revealPending(uri);
  }

  private revealPending(uri: Uri): void {
    const target = this.pending.get(uri.toString());
    const ready = [...(this.panels.get(uri.toString()) ?? [])].filter((p) => this.loaded.has(p));
    if (!target || ready.length === 0) return;
    this.pending.delete(uri.toString());
    for (const p of ready) void p.webview.postMessage({ type: 'reveal', ...target });
  }

  /** Opens the workbook's view (or brings its open view forward), at a cell if given. */
  async open(uri: Uri, target?: CellTarget, viewColumn?: ViewColumn, preserveFocus = false): Promise<void> {
    if (target) this.pending.set(uri.toString(), target);
    await commands.executeCommand('vscode.openWith', uri, WORKBOOK_VIEW_TYPE, { viewColumn, preview: false, preserveFocus });
    this.revealPending(uri);
  }
}

/** The cmrlint findings of a workbook's cmrt-cell: document. */
function cellFindings(uri: Uri) {
  return languages.getDiagnostics(uri).filter((d) => d.source === 'cmrlint');
}

/**
 * The blank text a cmrt-cell: document holds: the lines its findings' ranges need, each as long as they need
 * there (the others empty), so VS Code keeps a Problems entry's range as it is when it opens the document
 * there. A finding in row 1,000,000 costs a million line breaks, not a million padded lines.
 */
const cellDocument: TextDocumentContentProvider = {
  provideTextDocumentContent(uri: Uri): string {
    const widths = new Map<number, number>();
    for (const d of cellFindings(uri)) widths.set(d.range.end.line, Math.max(widths.get(d.range.end.line) ?? 0, d.range.end.character));
    const lines: string[] = new Array<string>(Math.max(1, ...[...widths.keys()].map((l) => l + 1))).fill('');
    for (const [line, width] of widths) lines[line] = ' '.repeat(width);
    return `${lines.join('\n')}\n`;
  },
};

/** The cell a Problems entry names: the finding with the entry's range says its sheet ("Smelter List!E14: …"). */
function targetOf(editor: TextEditor): CellTarget | undefined {
  const { start, end } = editor.selection;
  const ds = cellFindings(editor.document.uri);
  const d = ds.find((x) => x.range.start.isEqual(start) && x.range.end.isEqual(end)) ?? ds.find((x) => x.range.start.isEqual(start));
  const sheet = d && /^(.+)![A-Z]{1,3}\d+: /.exec(d.message)?.[1];
  return sheet ? { sheet, row: start.line + 1, col: start.character + 1 } : undefined;
}

/** A cmrt-cell: document opened from the Problems panel: the workbook view takes its place, at the cell. */
async function followToCell(views: WorkbookViews, editor: TextEditor): Promise<void> {
  await new Promise((r) => setTimeout(r, 50)); // the entry's range arrives with the editor or just after it
  const hop = editor.document.uri;
  const workbook = hop.with({ scheme: 'file' });
  // focus stays where the entry left it: in the Problems panel after a single click; after a double click or
  // Enter in the blank document, which hands it to the view when it closes
  await views.open(workbook, targetOf(editor), editor.viewColumn, true);
  const tabs = window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof TabInputText && t.input.uri.toString() === hop.toString());
  await window.tabGroups.close(tabs, true);
}

/**
 * The explorer's problem colour and count on a workbook, as VS Code gives a text file with diagnostics: the
 * workbook's findings are published under its cmrt-cell: URI, which the explorer does not show.
 */
function workbookDecorations(): Disposable {
  const changed = new EventEmitter<Uri[]>();
  const provider: FileDecorationProvider = {
    onDidChangeFileDecorations: changed.event,
    provideFileDecoration(uri: Uri): FileDecoration | undefined {
      if (uri.scheme !== 'file' || !/\.xlsx$/i.test(uri.path)) return undefined;
      const ds = cellFindings(uri.with({ scheme: CMRT_CELL_SCHEME }));
      const errors = ds.filter((d) => d.severity === DiagnosticSeverity.Error).length;
      const warnings = ds.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
      if (errors + warnings === 0) return undefined;
      const n = errors || warnings;
      return new FileDecoration(
        n > 99 ? '99+' : String(n),
        `cmrlint: ${errors} errors, ${warnings} warnings`,
        new ThemeColor(errors ? 'list.errorForeground' : 'list.warningForeground'),
      );
    },
  };
  return Disposable.from(
    changed,
    window.registerFileDecorationProvider(provider),
    languages.onDidChangeDiagnostics((e) => {
      // a workbook's findings changed: its decoration (a text file's change is no message to the explorer)
      const workbooks = e.uris.filter((u) => u.scheme === CMRT_CELL_SCHEME).map((u) => u.with({ scheme: 'file' }));
      if (workbooks.length > 0) changed.fire(workbooks);
    }),
  );
}

/** Registers the workbook view, and returns how to open a workbook in it (the aggregate's .xlsx result). */
export function registerWorkbookView(
  context: ExtensionContext,
  client: () => LanguageClient | undefined,
): { open(uri: Uri, viewColumn?: ViewColumn): Promise<void>; messages(): readonly ViewMessage[] } {
  const views = new WorkbookViews(client);
  // the editor's activation and its selection both announce a cmrt-cell: document: it is followed once
  const following = new Set<string>();
  const follow = (editor: TextEditor | undefined) => {
    const key = editor?.document.uri.toString();
    if (!editor || !key || editor.document.uri.scheme !== CMRT_CELL_SCHEME || following.has(key)) return;
    following.add(key);
    void followToCell(views, editor).finally(() => following.delete(key));
  };
  context.subscriptions.push(
    registerTextViewPainting(),
    workbookDecorations(),
    window.registerCustomEditorProvider(WORKBOOK_VIEW_TYPE, views, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
    workspace.registerTextDocumentContentProvider(CMRT_CELL_SCHEME, cellDocument),
    window.onDidChangeActiveTextEditor(follow),
    window.onDidChangeTextEditorSelection((e) => follow(e.textEditor)),
    commands.registerCommand('cmrlint.openWorkbookView', async (uri?: Uri) => {
      const target = uri ?? (await window.showOpenDialog({ filters: { 'Excel workbook': ['xlsx'] }, title: 'Workbook to view' }))?.[0];
      if (target) await views.open(target);
    }),
  );
  return { open: (uri, viewColumn) => views.open(uri, undefined, viewColumn), messages: () => views.messages };
}
