/**
 * The VS Code side of cmrlint: starts the language server for filings and smelter lists and adds the
 * commands. Everything about filings lives in the server; this file only wires VS Code to it.
 */
import * as path from 'node:path';
import { commands, DiagnosticSeverity, ExtensionContext, languages, StatusBarAlignment, StatusBarItem, TabInputCustom, TabInputText, TextDocumentContentProvider, Uri, window, workspace } from 'vscode';
import { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Files linted without any configuration. CSV/TSV files that are not smelter lists get no diagnostics. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: 'cmr' },
  { pattern: '**/*{form-sd,Form-SD,FORM-SD,form_sd}*.{txt,md}' },
  { pattern: '**/*.cmr.{txt,md}' },
  { pattern: '**/*.{csv,tsv,CSV,TSV}' },
  // "Open CMRT as text": a workbook's Smelter List as a read-only document
  { scheme: 'cmrt' },
];

/** The read-only text of a CMRT workbook's Smelter List: cmrt:/path/to/supplier.xlsx.tsv, rendered by the server. */
const cmrtText: TextDocumentContentProvider = {
  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const workbook = Uri.file(uri.path.replace(/\.tsv$/, ''));
    const r = (await client?.sendRequest('cmrlint/cmrtText', { uri: workbook.toString() })) as { text?: string; error?: string } | undefined;
    return r?.text ?? `cmrlint: ${r?.error ?? 'the language server is not running'}\n`;
  },
};

/** The workbook a command is about: the explorer's selection, the active tab's file, or one the user picks. */
async function targetWorkbook(arg?: Uri): Promise<Uri | undefined> {
  if (arg instanceof Uri && /\.xlsx$/i.test(arg.path)) return arg;
  const input = window.tabGroups.activeTabGroup.activeTab?.input;
  const active = input instanceof TabInputText || input instanceof TabInputCustom ? input.uri : undefined;
  if (active && /\.xlsx$/i.test(active.path)) return active;
  const files = await workspace.findFiles('**/*.xlsx', '**/node_modules/**', 500);
  const pick = await window.showQuickPick(
    files.map((f) => ({ label: workspace.asRelativePath(f), uri: f })),
    { placeHolder: 'CMRT workbook to open as text' },
  );
  return pick?.uri;
}

/** Sends the workspace's workbooks to the server, which lints those that are CMRTs (their findings go to the Problems panel). */
async function lintWorkbooks(uris?: Uri[]): Promise<void> {
  const files = uris ?? (await workspace.findFiles('**/*.xlsx', '**/node_modules/**', 1000));
  if (files.length > 0) await client?.sendNotification('cmrlint/lintWorkbooks', { uris: files.map((f) => f.toString()) });
}

function selector(): DocumentSelector {
  const extra = workspace.getConfiguration('cmrlint').get<string[]>('filePatterns', []);
  return [...DOCUMENT_SELECTOR, ...extra.filter((p) => typeof p === 'string' && p.trim()).map((pattern) => ({ pattern }))];
}

async function startClient(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    synchronize: { configurationSection: 'cmrlint', fileEvents: workspace.createFileSystemWatcher('**/.cmrlint.json') },
    diagnosticCollectionName: 'cmrlint',
    // Restricted Mode: the server reads no reference file the workspace names
    initializationOptions: { trusted: workspace.isTrusted },
  };
  client = new LanguageClient('cmrlint', 'cmrlint', serverOptions, clientOptions);
  await client.start();
  await lintWorkbooks();
}

/** The status bar item: the active file's cmrlint findings, by severity; a click opens the Problems panel. */
function statusItem(context: ExtensionContext): StatusBarItem & { isShown(): boolean } {
  const item = window.createStatusBarItem('cmrlint.status', StatusBarAlignment.Left, 10);
  item.name = 'cmrlint';
  item.command = 'workbench.actions.view.problems';
  let shown = false;
  const update = () => {
    const doc = window.activeTextEditor?.document;
    const ours = doc ? languages.getDiagnostics(doc.uri).filter((d) => d.source === 'cmrlint') : [];
    // only for the files cmrlint lints: "no findings" on an unrelated file would mislead
    if (!doc || (ours.length === 0 && languages.match(selector(), doc) === 0)) {
      item.hide();
      shown = false;
      return;
    }
    shown = true;
    const n = (s: DiagnosticSeverity) => ours.filter((d) => d.severity === s).length;
    const [errors, warnings, other] = [n(DiagnosticSeverity.Error), n(DiagnosticSeverity.Warning), n(DiagnosticSeverity.Information) + n(DiagnosticSeverity.Hint)];
    item.text = ours.length === 0 ? '$(check) cmrlint' : `$(checklist) cmrlint: ${errors} $(error) ${warnings} $(warning)${other ? ` ${other} $(info)` : ''}`;
    item.tooltip = ours.length === 0 ? 'cmrlint: no findings in this file' : `cmrlint: ${errors} errors, ${warnings} warnings, ${other} notes in this file. Click for the Problems panel.`;
    item.show();
  };
  context.subscriptions.push(languages.onDidChangeDiagnostics(update), window.onDidChangeActiveTextEditor(update));
  update();
  return Object.assign(item, { isShown: () => shown });
}

/** What the extension exposes to other extensions (and to its integration tests). */
export interface CmrlintApi {
  /** The status bar item's text for the active editor; undefined when it is hidden (a file cmrlint does not lint). */
  statusText(): string | undefined;
}

export async function activate(context: ExtensionContext): Promise<CmrlintApi> {
  const status = statusItem(context);
  context.subscriptions.push(
    commands.registerCommand('cmrlint.fixAll', async () => {
      const editor = window.activeTextEditor;
      if (!editor) return;
      // the server's command, registered by the language client from the server's capabilities
      await commands.executeCommand('cmrlint.applyFixAll', editor.document.uri.toString(), editor.document.version);
    }),
    workspace.registerTextDocumentContentProvider('cmrt', cmrtText),
    commands.registerCommand('cmrlint.openCmrtAsText', async (arg?: Uri) => {
      const workbook = await targetWorkbook(arg);
      if (!workbook) return;
      const doc = await workspace.openTextDocument(Uri.from({ scheme: 'cmrt', path: `${workbook.path}.tsv` }));
      await window.showTextDocument(doc, { preview: false });
    }),
    (() => {
      const watcher = workspace.createFileSystemWatcher('**/*.xlsx');
      watcher.onDidCreate((u) => void lintWorkbooks([u]));
      watcher.onDidChange((u) => void lintWorkbooks([u]));
      watcher.onDidDelete((u) => void lintWorkbooks([u]));
      return watcher;
    })(),
    commands.registerCommand('cmrlint.showRuleDocs', async (docUri: string) => {
      await commands.executeCommand('markdown.showPreview', Uri.parse(docUri));
    }),
    // Which files are linted is the client's document selector: restart the client when it changes.
    workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('cmrlint.filePatterns')) return;
      await client?.stop();
      await startClient(context);
    }),
    // once the user trusts the workspace, restart so the configured reference is read
    workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      await startClient(context);
    }),
    { dispose: () => void client?.stop() },
    status,
  );
  await startClient(context);
  return { statusText: () => (status.isShown() ? status.text : undefined) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
