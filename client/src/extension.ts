/**
 * The VS Code side of cmrlint: starts the language server for filings and smelter lists and adds the
 * commands. Everything about filings lives in the server; this file only wires VS Code to it.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  CancellationError,
  CancellationToken,
  commands,
  Diagnostic,
  ExtensionContext,
  languages,
  MarkdownString,
  Progress,
  ProgressLocation,
  StatusBarAlignment,
  TabInputCustom,
  TabInputText,
  TextDocumentContentProvider,
  ThemeColor,
  Uri,
  ViewColumn,
  WebviewPanel,
  window,
  workspace,
} from 'vscode';
import { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, vsdiag } from 'vscode-languageclient/node';
import {
  CMRT_SCHEME,
  CMRT_SUFFIX,
  CmrtTextRequest,
  FileStatus,
  FileStatusRequest,
  InitializationOptions,
  LintWorkbooksNotification,
  LintWorkspaceRequest,
  ProgressNotification,
  ServerCommands,
  SHOW_RULE_DOCS_COMMAND,
  SummaryData,
  SummaryRequest,
} from '../../server/src/protocol';
import type { RequestType } from 'vscode-languageclient/node';
import { toggleRules } from './rules';
import { countsText, MenuItem, showStatusMenu, statusMenu, statusView, tooltipOf } from './status';
import { summaryHtml } from './summaryHtml';
import { registerSeasonCommands } from './season';
import { registerWorkbookView } from './workbook';
import { registerColumnAlignment } from './alignedTables';
import { paintTextView } from './workbookText';
import { EditTimes, trackEdits, typingPaused } from './typing';

let client: LanguageClient | undefined;
/** When each document was last edited: the column colours wait for a pause in typing (typing.ts). */
let edits: EditTimes | undefined;

/**
 * EDGAR's names of a Conflict Minerals Report exhibit as HTML (ex1-01, ex101, dex101, cmr, form-sd…). Globs
 * match case-sensitively and take no nested groups, hence the spellings one by one. The server reads such a
 * file through its rendering and says nothing of an HTML page that is no filing.
 */
const HTML_EXHIBIT =
  '**/{*ex*1*01*,*Ex*1*01*,*EX*1*01*,*cmr*,*CMR*,*form-sd*,*Form-SD*,*FORM-SD*,*form_sd*,*conflict*mineral*,*Conflict*Mineral*,*CONFLICT*MINERAL*}.{htm,html,HTM,HTML}';
/** An EDGAR complete submission saved under its accession number (0000950170-24-066115.txt): its HTML exhibits are read. */
const EDGAR_SUBMISSION = '**/*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]*.txt';

/** The files "Lint workspace" may lint from disk, watched so that their findings go when they change. */
const LINTED_ON_DISK = '**/*.{txt,md,csv,tsv,htm,html,TXT,MD,CSV,TSV,HTM,HTML}';

/** Files linted without any configuration. CSV/TSV files that are not smelter lists get no diagnostics. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: 'cmr' },
  { pattern: '**/*{form-sd,Form-SD,FORM-SD,form_sd}*.{txt,md}' },
  { pattern: '**/*.cmr.{txt,md}' },
  { pattern: '**/*.{csv,tsv,CSV,TSV}' },
  { pattern: HTML_EXHIBIT },
  { pattern: EDGAR_SUBMISSION },
  // "Open CMRT as text": a workbook's Smelter List as a read-only document
  { scheme: CMRT_SCHEME },
];

/** The read-only text of a CMRT workbook's Smelter List: cmrt:/path/to/supplier.xlsx.tsv, rendered by the server. */
const cmrtText: TextDocumentContentProvider = {
  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const workbook = uri.with({ scheme: 'file', path: uri.path.endsWith(CMRT_SUFFIX) ? uri.path.slice(0, -CMRT_SUFFIX.length) : uri.path });
    const r = await client?.sendRequest(CmrtTextRequest, { uri: workbook.toString() });
    if (!r) return 'cmrlint: the language server is not running\n';
    return 'text' in r ? r.text : `cmrlint: ${r.error}\n`;
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
  if (files.length > 0) await client?.sendNotification(LintWorkbooksNotification, { uris: files.map((f) => f.toString()) });
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
    synchronize: {
      configurationSection: 'cmrlint',
      // .cmrlint.json, and the files linted from disk: their findings stay until they change
      fileEvents: [workspace.createFileSystemWatcher('**/.cmrlint.json'), workspace.createFileSystemWatcher(LINTED_ON_DISK)],
    },
    diagnosticCollectionName: 'cmrlint',
    // pulled on every change and on save (with cmrlint.run "onSave" the server lints on save only)
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      // a rule's code in the Problems panel, the hover and the peek opens the same rendered page as the quick
      // fix "Show documentation" (the server links the Markdown file; VS Code would open it as raw text)
      handleDiagnostics(uri, diagnostics, next) {
        // "Open CMRT as text": painted on the text, listed once under the workbook (workbookText.ts)
        next(uri, paintTextView(uri, diagnostics) ? [] : diagnostics.map(withDocsCommand));
      },
      // pull diagnostics (LSP 3.17): a pull the client cancelled because the document changed again is no
      // answer (the language client would show an empty list until the next one): it is asked again
      async provideDiagnostics(document, previousResultId, token, next) {
        const report = await next(document, previousResultId, token);
        if (token.isCancellationRequested) throw new CancellationError();
        if (report?.kind === vsdiag.DocumentDiagnosticReportKind.full)
          // "Open CMRT as text": painted on the text, listed once under the workbook (workbookText.ts)
          report.items = paintTextView(document instanceof Uri ? document : document.uri, report.items)
            ? []
            : report.items.map(withDocsCommand);
        return report;
      },
      provideWorkspaceDiagnostics(resultIds, token, resultReporter, next) {
        return next(resultIds, token, (chunk) => {
          for (const item of chunk?.items ?? [])
            if (item.kind === vsdiag.DocumentDiagnosticReportKind.full) item.items = item.items.map(withDocsCommand);
          resultReporter(chunk);
        });
      },
      // the column colours of the lines in view, once the typing pauses (typing.ts)
      async provideDocumentRangeSemanticTokens(document, range, token, next) {
        return !edits || (await typingPaused(document, edits.lastEdit, token)) ? next(document, range, token) : undefined;
      },
      // "Ignore this finding": asks why (written beside the entry in .cmrlint.json) and says what it wrote
      async executeCommand(command, args, next) {
        if (command !== ServerCommands.ignoreFinding) return next(command, args) as Promise<unknown>;
        return ignoreWithReason(args, (a) => next(command, a) as Promise<unknown>);
      },
    },
    // Restricted Mode: the server reads no reference file the workspace names
    initializationOptions: { trusted: workspace.isTrusted } satisfies InitializationOptions,
  };
  client = new LanguageClient('cmrlint', 'cmrlint', serverOptions, clientOptions);
  await client.start();
  await lintWorkbooks();
}

/** What the last "Ignore this finding" told the user (for the tests). */
let lastIgnored: string | undefined;

/** Asks the reason for an ignore entry, lets the server write it, and confirms where (Escape: nothing written). */
async function ignoreWithReason(args: unknown[], run: (args: unknown[]) => Promise<unknown>): Promise<unknown> {
  const [, rule, row] = args as [string, string, string];
  const reason = await window.showInputBox({
    title: `cmrlint: ignore ${rule} on this row`,
    prompt: 'Why is this finding not a problem? (kept with the entry in .cmrlint.json; Escape to cancel)',
    placeHolder: 'e.g. confirmed with the supplier on 2025-03-01',
  });
  if (reason === undefined) return { ignored: false };
  const r = (await run([...args.slice(0, 3), reason])) as { ignored?: boolean; file?: string } | undefined;
  if (r?.ignored && r.file) {
    lastIgnored = `cmrlint: ${rule} ignored for "${row.length > 60 ? `${row.slice(0, 57)}…` : row}" in ${workspace.asRelativePath(r.file)}${reason.trim() ? ` (reason: ${reason.trim()})` : ''}.`;
    void window.showInformationMessage(lastIgnored, 'Open .cmrlint.json').then((a) => a && window.showTextDocument(Uri.file(r.file!)));
  }
  return r;
}

/** The command URI that opens a rule's rendered documentation, made once per rule (a pull of a large list converts thousands). */
const docsCommandUris = new Map<string, Uri>();
function docsCommandUri(rule: string): Uri {
  let uri = docsCommandUris.get(rule);
  if (!uri) docsCommandUris.set(rule, (uri = Uri.parse(`command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([rule]))}`)));
  return uri;
}

function withDocsCommand(d: Diagnostic): Diagnostic {
  if (d.source !== 'cmrlint' || typeof d.code !== 'object' || !d.code) return d;
  d.code = { value: d.code.value, target: docsCommandUri(String(d.code.value)) };
  return d;
}

/** What a long request gives: the server's answer, or Cancelled when the user stopped it. */
type OrCancelled<R> = R | { cancelled: true };

/** Runs a long server request with a cancellable progress notification fed by the server's cmrlint/progress. */
async function withServerProgress<P, R>(title: string, request: RequestType<P, R, void>, params: P): Promise<OrCancelled<R> | undefined> {
  if (!client) return undefined;
  return window.withProgress(
    { location: ProgressLocation.Notification, title, cancellable: true },
    async (progress: Progress<{ message?: string; increment?: number }>, token: CancellationToken) => {
      let last = 0;
      const sub = client!.onNotification(ProgressNotification, (p) => {
        const pct = p.total ? (p.done / p.total) * 100 : 0;
        progress.report({ message: `${p.done + 1} of ${p.total}: ${p.file}`, increment: pct - last });
        last = pct;
      });
      try {
        return await client!.sendRequest(request, params, token);
      } catch (e) {
        // the user's Cancel: the request may end in a cancellation error rather than the server's answer
        if (token.isCancellationRequested) return { cancelled: true };
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}

/** The summary view: one panel, reused; what its page posts is kept for the tests. */
let summaryPanel: WebviewPanel | undefined;
const summaryMessages: Array<{ type: string; [k: string]: unknown }> = [];

/**
 * Shows the summary view; `beside` names the column of the file it is about, which the summary must not
 * cover (a webview hidden before its page loads would never ask for its data).
 */
function showSummary(data: SummaryData, beside?: ViewColumn): WebviewPanel {
  if (!summaryPanel) {
    summaryPanel = window.createWebviewPanel('cmrlint.summary', `cmrlint: ${data.title}`, ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    summaryPanel.onDidDispose(() => (summaryPanel = undefined));
    summaryPanel.webview.onDidReceiveMessage((m: { type: string; rule?: string }) => {
      summaryMessages.push(m);
      if (m.type === 'openRule' && typeof m.rule === 'string') void commands.executeCommand(SHOW_RULE_DOCS_COMMAND, m.rule);
    });
  }
  summaryPanel.title = `cmrlint: ${data.title}`;
  summaryMessages.length = 0;
  summaryPanel.webview.html = summaryHtml(data, randomBytes(16).toString('base64'), summaryPanel.webview.cspSource);
  const covers = beside !== undefined && summaryPanel.viewColumn === beside;
  summaryPanel.reveal(covers ? (beside === ViewColumn.One ? ViewColumn.Two : ViewColumn.One) : undefined, false);
  return summaryPanel;
}

/** The file the summary is about: the argument, the active editor's document, or the active tab (a workbook). */
function activeFile(arg?: Uri): Uri | undefined {
  if (arg instanceof Uri) return arg;
  const doc = window.activeTextEditor?.document;
  if (doc) return doc.uri;
  const input = window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof TabInputText || input instanceof TabInputCustom ? input.uri : undefined;
}

/** The status bar item: the active file's findings, reference and trust (status.ts); a click opens its menu. */
function statusItem(context: ExtensionContext) {
  const item = window.createStatusBarItem('cmrlint.status', StatusBarAlignment.Left, 10);
  item.name = 'cmrlint';
  item.command = 'cmrlint.statusMenu';
  let shown = false;
  // the server's word on the active file (counts, reference), asked again whenever its diagnostics change
  let status: { uri: string; value: FileStatus } | undefined;
  const current = (uri: Uri) => (status?.uri === uri.toString() ? status.value : undefined);
  const render = () => {
    const doc = window.activeTextEditor?.document;
    const value = doc && current(doc.uri);
    // only for the files cmrlint lints: "no findings" on an unrelated file would mislead
    if (!doc || (languages.match(selector(), doc) === 0 && !(value && value.counts.problems + value.counts.hints > 0))) {
      item.hide();
      shown = false;
      return;
    }
    shown = true;
    const view = statusView(value);
    item.text = view.text;
    item.tooltip = tooltipOf(view);
    item.backgroundColor = view.warning ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const update = () => {
    render();
    const uri = window.activeTextEditor?.document.uri;
    if (!uri || !client) return;
    void client
      .sendRequest(FileStatusRequest, { uri: uri.toString() })
      .then((answer) => {
        if (window.activeTextEditor?.document.uri.toString() !== uri.toString()) return;
        status = { uri: uri.toString(), value: withRestrictedSetting(answer, uri) };
        render();
        void sayRestrictedOnce(context, status.value);
      })
      .catch(() => undefined);
  };
  const menu = (): MenuItem[] => {
    const uri = window.activeTextEditor?.document.uri;
    return statusMenu(uri, uri && current(uri), () => client?.outputChannel.show(true));
  };
  context.subscriptions.push(
    languages.onDidChangeDiagnostics((e) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === active)) update();
    }),
    window.onDidChangeActiveTextEditor(update),
    workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('cmrlint') && update()),
    commands.registerCommand('cmrlint.statusMenu', () => showStatusMenu(menu())),
  );
  update();
  return Object.assign(item, { isShown: () => shown, menu, update });
}

/**
 * In Restricted Mode VS Code gives the server no workspace value of cmrlint.reference (a restricted setting),
 * so the server sees the bundled list as chosen: the client, which can see that the workspace names one, says
 * it is Restricted Mode that keeps it out.
 */
function withRestrictedSetting(status: FileStatus, uri: Uri): FileStatus {
  if (workspace.isTrusted || status.reference.source !== 'bundled') return status;
  const named = workspace.getConfiguration('cmrlint', uri).inspect<string>('reference');
  const file = [named?.workspaceFolderValue, named?.workspaceValue].find((v) => typeof v === 'string' && v.trim());
  return file
    ? {
        ...status,
        restricted: true,
        reference: { label: `bundled list (Restricted Mode: ${file} is not read)`, source: 'restricted', file, verified: false },
      }
    : status;
}

/**
 * Restricted Mode changes the findings (no reference the workspace names is read): said once per workspace
 * in a notification, with the way to trust it, besides the status item and the summary.
 */
async function sayRestrictedOnce(context: ExtensionContext, status: FileStatus): Promise<void> {
  if (status.reference.source !== 'restricted' || context.workspaceState.get('cmrlint.restrictedSaid')) return;
  await context.workspaceState.update('cmrlint.restrictedSaid', true);
  const manage = 'Manage Workspace Trust';
  const answer = await window.showWarningMessage(
    `cmrlint: Restricted Mode: linting with the bundled smelter list, not ${path.basename(status.reference.file ?? "the workspace's reference")}; findings differ until you trust this workspace.`,
    manage,
  );
  if (answer === manage) await commands.executeCommand('workbench.trust.manage');
}

/** What the extension exposes to other extensions (and to its integration tests). */
export interface CmrlintApi {
  /** The status bar item's text for the active editor; undefined when it is hidden (a file cmrlint does not lint). */
  statusText(): string | undefined;
  /** The status item's tooltip for the active editor. */
  statusTooltip(): string | undefined;
  /** The status item's menu for the active editor: its entries' labels and details. */
  statusMenu(): Array<{ label: string; description?: string; detail?: string }>;
  /** What the last "Ignore this finding" did, as the user was told. */
  lastIgnored(): string | undefined;
  /** What the summary view's page has posted since it was last filled (ready, focus, openRule). */
  summaryMessages(): ReadonlyArray<{ type: string; [k: string]: unknown }>;
  /** What the workbook views' pages have posted (ready, selected, openRule), oldest first. */
  workbookMessages(): ReadonlyArray<{ type: string; [k: string]: unknown }>;
  /** What the aggregate and season commands told the user, oldest first. */
  seasonMessages(): readonly string[];
  /** How many pads line up the tables of the document's visible editors (0: not aligned). */
  alignedPads(uri: string): number;
}

export async function activate(context: ExtensionContext): Promise<CmrlintApi> {
  edits = trackEdits(workspace);
  context.subscriptions.push(edits);
  const status = statusItem(context);
  const workbooks = registerWorkbookView(context, () => client);
  const alignment = registerColumnAlignment(context);
  // "Aggregate smelter lists" and the season's commands (season.ts)
  const season = registerSeasonCommands(context, {
    run: withServerProgress,
    showSummary,
    openWorkbook: (u) => workbooks.open(u, ViewColumn.One),
  });
  context.subscriptions.push(
    commands.registerCommand('cmrlint.fixAll', async () => {
      const editor = window.activeTextEditor;
      if (!editor) return;
      // the server's command, registered by the language client from the server's capabilities
      await commands.executeCommand(ServerCommands.applyFixAll, editor.document.uri.toString(), editor.document.version);
    }),
    workspace.registerTextDocumentContentProvider(CMRT_SCHEME, cmrtText),
    commands.registerCommand('cmrlint.openCmrtAsText', async (arg?: Uri) => {
      const workbook = await targetWorkbook(arg);
      if (!workbook) return;
      const doc = await workspace.openTextDocument(Uri.from({ scheme: CMRT_SCHEME, path: `${workbook.path}${CMRT_SUFFIX}` }));
      await window.showTextDocument(doc, { preview: false });
    }),
    (() => {
      const watcher = workspace.createFileSystemWatcher('**/*.xlsx');
      watcher.onDidCreate((u) => void lintWorkbooks([u]));
      watcher.onDidChange((u) => void lintWorkbooks([u]));
      watcher.onDidDelete((u) => void lintWorkbooks([u]));
      return watcher;
    })(),
    // one page per rule, rendered: from the Problems panel's code link, the hover, the quick fix and the summary
    commands.registerCommand(SHOW_RULE_DOCS_COMMAND, async (rule: string) => {
      if (typeof rule !== 'string' || !/^[a-z0-9-]+$/.test(rule)) return; // a rule id, nothing else names a page
      await commands.executeCommand('markdown.showPreview', Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${rule}.md`))));
    }),
    commands.registerCommand('cmrlint.showSummary', async (arg?: Uri) => {
      const uri = activeFile(arg);
      if (!uri || !client) {
        void window.showInformationMessage('cmrlint: open a filing, a smelter list or a CMRT workbook to see its summary.');
        return;
      }
      const r = await client.sendRequest(SummaryRequest, { uri: uri.toString() });
      if ('summary' in r) showSummary(r.summary);
      else void window.showWarningMessage(`cmrlint: ${r.error}`);
    }),
    commands.registerCommand('cmrlint.toggleRules', () => toggleRules(context)),
    commands.registerCommand('cmrlint.lintWorkspace', async () => {
      const r = await withServerProgress('cmrlint: linting the workspace', LintWorkspaceRequest, {});
      if (!r) return;
      if ('error' in r) void window.showErrorMessage(`cmrlint: ${r.error}`);
      else if ('cancelled' in r)
        void window.showInformationMessage('files' in r ? `cmrlint: stopped after ${r.linted} of ${r.files} files.` : 'cmrlint: stopped.');
      else
        void window.showInformationMessage(
          `cmrlint linted ${r.linted} of ${r.files} files: ${r.counts ? countsText(r.counts) : `${r.problems} problems`} (Problems panel).`,
        );
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
  return {
    statusText: () => (status.isShown() ? status.text : undefined),
    statusTooltip: () => (status.isShown() && status.tooltip instanceof MarkdownString ? status.tooltip.value : undefined),
    statusMenu: () => status.menu().map(({ label, description, detail }) => ({ label, description, detail })),
    lastIgnored: () => lastIgnored,
    summaryMessages: () => summaryMessages,
    workbookMessages: () => workbooks.messages(),
    seasonMessages: () => season.said(),
    alignedPads: (uri) => alignment.padsOf(uri),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
