/**
 * The cmrlint language server: thin LSP handlers over the protocol-free core.
 * Start with `node server/out/server.js --stdio` (or --node-ipc, as the VS Code client does).
 */
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  createConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  ExecuteCommandParams,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceEdit,
  DocumentSymbol,
  DocumentSymbolParams,
  SymbolKind,
  CompletionItem,
  CompletionItemKind,
  CompletionParams,
  MessageType,
  DiagnosticSeverity,
  ShowMessageNotification,
  CancellationToken,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { uriPath } from './lsp/uri';
import { SOURCE, toCellDiagnostic, toDiagnostic } from './lsp/convert';
import { lintText, LintOptions, LintResult } from './core';
import { sameLintOptions } from './core/lint';
import type { Finding, Fix } from './core';
import { CONFIG_FILE, COUNTRY_STYLES, ConfigOverrides, CountryStyleSetting, RULE_SETTINGS, RuleSetting } from './core/config';
import { actionsAt, isRelevant } from './core/actions';
import { describeFixes, fixAll, fixAllEdits, minimalEdit } from './core/fix';
import { hoverAt } from './core/hover';
import { count } from './core/messages';
import { outline, OutlineSymbol } from './core/outline';
import { completeAt } from './core/completion';
import { findConfigFile, forgetConfigs, resolveFileOptions, writeIgnoreEntry } from './node/options';
import { isWorkbookFile, readWorkbookFile, workbookLintOptions } from './node/cmrt';
import { pathToFileURL } from 'node:url';
import { PrepareRequest, prepareFile } from './node/prepare';
import { filesUnder } from './node/folders';
import { aggregateFiles, aggregateOutput, formatOfOutput } from './node/aggregate';
import { aggregateSummary, fileSummary } from './core/summary';
import { relintLineOnly } from './core/incremental';

/** The editor's cmrlint.* settings, as read from the client. */
interface Settings {
  overrides: ConfigOverrides;
  /** Lint while typing, or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Most diagnostics published per file (as linters' maxNumberOfProblems). */
  maxProblems: number;
}

const DEFAULT_MAX_PROBLEMS = 1000;
const DEFAULTS: Settings = { overrides: {}, run: 'onType', maxProblems: DEFAULT_MAX_PROBLEMS };
/** Wait this long after the last keystroke before linting again. */
const DEBOUNCE_MS = 150;
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const APPLY_FIX_ALL_COMMAND = 'cmrlint.applyFixAll';
export const SHOW_DOCS_COMMAND = 'cmrlint.showRuleDocs';
export const IGNORE_COMMAND = 'cmrlint.ignoreFinding';

const connection = createConnection(ProposedFeatures.all);
/**
 * The line each open document has been edited on since its last lint, when every edit since then stayed inside
 * that one line ('many' otherwise): such a document is linted again from its previous lint (incremental.ts).
 */
const editedLine = new Map<string, number | 'many'>();

const documents = new TextDocuments<TextDocument>({
  create: TextDocument.create,
  update(doc, changes, version) {
    for (const c of changes) {
      const line = 'range' in c && c.range.start.line === c.range.end.line && !/[\r\n]/.test(c.text) ? c.range.start.line : 'many';
      const known = editedLine.get(doc.uri);
      editedLine.set(doc.uri, known === undefined || known === line ? line : 'many');
    }
    return TextDocument.update(doc, changes, version);
  },
});
let canRequestConfiguration = false;
/** In an untrusted workspace (VS Code's Restricted Mode) no reference file the workspace names is read. */
let trusted = true;
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();
/** The last lint of each open document, for code actions and hovers on that version. */
const results = new Map<string, { version: number; result: LintResult; options: LintOptions }>();

let workspaceFolders: string[] = [];

connection.onInitialize((params: InitializeParams): InitializeResult => {
  canRequestConfiguration = !!params.capabilities.workspace?.configuration;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriPath(f.uri));
  trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted !== false;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      documentSymbolProvider: { label: 'cmrlint' },
      completionProvider: { triggerCharacters: ['\t', '|'] },
      executeCommandProvider: { commands: [APPLY_FIX_ALL_COMMAND, IGNORE_COMMAND] },
    },
    serverInfo: { name: 'cmrlint' },
  };
});

connection.onInitialized(() => {
  connection.console.log(`cmrlint ${require('../../package.json').version} started (Node ${process.version}, ${trusted ? 'trusted workspace' : 'Restricted Mode: no reference file is read'})`);
  if (canRequestConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cmrlint' });
  }
});

/** The editor's settings, validated (what the client sends is user input). */
function readSettings(raw: Record<string, unknown> | null | undefined): Settings {
  const rules: Record<string, RuleSetting> = {};
  if (raw?.rules && typeof raw.rules === 'object') {
    for (const [id, level] of Object.entries(raw.rules as Record<string, unknown>)) if (RULE_SETTINGS.includes(level as RuleSetting)) rules[id] = level as RuleSetting;
  }
  const style = COUNTRY_STYLES.includes(raw?.countryStyle as CountryStyleSetting) ? (raw!.countryStyle as CountryStyleSetting) : undefined;
  const reference = typeof raw?.reference === 'string' && raw.reference.trim() ? raw.reference.trim() : undefined;
  const max = Number(raw?.maxNumberOfProblems);
  const maxProblems = Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_MAX_PROBLEMS;
  return { overrides: { rules, countryStyle: style, reference }, run: raw?.run === 'onSave' ? 'onSave' : 'onType', maxProblems };
}

/** The workspace folder holding a file (the innermost, for nested folders). */
function workspaceFolderOf(file: string): string | undefined {
  return workspaceFolders.filter((w) => file.startsWith(w + path.sep)).sort((a, b) => b.length - a.length)[0];
}

function settingsFor(uri: string): Promise<Settings> {
  if (!canRequestConfiguration) return Promise.resolve(DEFAULTS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'cmrlint' })
      .then((c: Record<string, unknown> | null) => readSettings(c))
      .catch(() => DEFAULTS);
    settingsCache.set(uri, s);
  }
  return s;
}

const isOnDisk = (uri: string) => /^(file|vscode-remote):/.test(uri) && path.isAbsolute(uriPath(uri));

/**
 * A message for the user, as a notification: a request (window/showMessageRequest) would wait for an answer
 * that a client may never give, and its rejection must not take the server down.
 */
function showMessage(type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

/** Problems already shown to the user: each configuration problem is said once, not on every keystroke. */
const shownProblems = new Set<string>();

function showProblemOnce(message: string): void {
  if (shownProblems.has(message)) return;
  shownProblems.add(message);
  showMessage(MessageType.Warning, `cmrlint: ${message}; linting without it.`);
}

/** The options for a document: the same resolution as the CLI's (project .cmrlint.json, then settings). */
/** The workbook a `cmrt:` document renders ("Open CMRT as text"): its path without the added .tsv. */
const CMRT_SCHEME = 'cmrt';
const workbookOfVirtual = (uri: string) => uriPath(uri.replace(/^cmrt:/, 'file:')).replace(/\.tsv$/, '');

async function optionsFor(doc: TextDocument): Promise<LintOptions> {
  const settings = await settingsFor(doc.uri);
  if (doc.uri.startsWith(`${CMRT_SCHEME}:`)) {
    const file = workbookOfVirtual(doc.uri);
    const read = readWorkbookFile(file);
    const base = await fileOptions(file, settings);
    return 'workbook' in read ? workbookLintOptions(read.workbook, base) : base;
  }
  return fileOptions(uriPath(doc.uri), settings, isOnDisk(doc.uri));
}

/** The same resolution as the CLI's: the project's .cmrlint.json (never above the workspace folder), then the settings. */
async function fileOptions(file: string, settings: Settings, searchConfig = true): Promise<LintOptions> {
  const resolved = await resolveFileOptions(file, {
    root: workspaceFolderOf(file) ?? workspaceFolders[0],
    overrides: settings.overrides,
    allowReference: trusted,
    searchConfig,
    onProblem: showProblemOnce,
  });
  return resolved.lint;
}

/**
 * CMRT workbooks in the workspace (the client lists them and reports changes): each is read from disk and its
 * findings are published for the .xlsx itself, line and column being the sheet row and column, so the
 * Problems panel shows them under the workbook. Workbooks that are not CMRTs get nothing.
 */
connection.onNotification('cmrlint/lintWorkbooks', async (params: { uris: string[] }) => {
  for (const uri of params.uris ?? []) {
    if (/^file:/.test(uri)) await publishFromDisk(uriPath(uri), uri);
  }
});

/**
 * Lints a file from disk and publishes its diagnostics under `uri` (a workbook's at its cells): how many
 * problems it has, 'not ours' (a workbook that is no CMRT, a CSV without a smelter table, a deleted file: its
 * diagnostics are cleared) or 'unreadable'. A workbook that cannot be read says so in one diagnostic when its
 * name says CMRT (an .xls, a password, a truncated copy); any other file that cannot be read, always.
 */
async function publishFromDisk(file: string, uri: string): Promise<number | 'not ours' | 'unreadable'> {
  if (!fs.existsSync(file)) {
    void connection.sendDiagnostics({ uri, diagnostics: [] }); // deleted
    return 'not ours';
  }
  try {
    const prepared = await prepareFile(file, diskRequest(file, true));
    if (!prepared.ok) {
      const said = !prepared.skip && (!isWorkbookFile(file) || /cmrt/i.test(path.basename(file)));
      const at = { line: 0, character: 0 };
      void connection.sendDiagnostics({ uri, diagnostics: said ? [{ range: { start: at, end: at }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'file-format', message: prepared.reason }] : [] });
      return said ? 'unreadable' : 'not ours';
    }
    const result = lintText(prepared.text, prepared.options);
    if (!isRelevant(result)) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return 'not ours';
    }
    const { maxProblems } = await settingsFor(uri);
    const doc = TextDocument.create(uri, 'plaintext', 0, prepared.text);
    void connection.sendDiagnostics({ uri, diagnostics: capped(result.findings, maxProblems, (f) => (prepared.workbook ? toCellDiagnostic(result, f) : toDiagnostic(doc, f, result))) });
    return result.findings.reduce((n, f) => n + (f.count ?? 1), 0);
  } catch (e) {
    connection.console.error(`cmrlint: linting ${uri} failed: ${(e as Error).stack ?? e}`);
    return 'unreadable';
  }
}

/** The rendered text of a CMRT's Smelter List, for the client's read-only "Open CMRT as text" document. */
connection.onRequest('cmrlint/cmrtText', (params: { uri: string }) => {
  const read = readWorkbookFile(uriPath(params.uri));
  if ('workbook' in read) return { text: read.workbook.text };
  return { error: 'error' in read ? read.error : read.notCmrt };
});

/** How far a long command got, for the client's progress notification. */
function sendProgress(task: string, done: number, total: number, file: string): void {
  void connection.sendNotification('cmrlint/progress', { task, done, total, file: path.basename(file) });
}

/** The options of a file on disk, as the editor resolves them (its folder's .cmrlint.json, then the settings). */
function diskRequest(file: string, found: boolean): PrepareRequest {
  const uri = pathToFileURL(file).toString();
  return { optionsFor: async (f) => fileOptions(f, await settingsFor(uri)), found };
}

/**
 * "cmrlint: Lint workspace": every filing, list and CMRT workbook under the workspace folders, linted from disk
 * and published to the Problems panel (files open in an editor keep their live diagnostics). Cancellable
 * between files.
 */
connection.onRequest('cmrlint/lintWorkspace', async (_params: unknown, token: CancellationToken) => {
  const files: string[] = [];
  for (const folder of workspaceFolders) {
    try {
      for (const f of filesUnder(folder)) files.push(f); // no spread: a folder can hold 200k files
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  let linted = 0;
  let problems = 0;
  const skipped: string[] = [];
  for (const [i, file] of files.entries()) {
    if (token.isCancellationRequested) return { cancelled: true, files: files.length, linted, problems };
    sendProgress('lint', i, files.length, file);
    const uri = pathToFileURL(file).toString();
    if (documents.get(uri)) {
      linted++;
      continue; // open: its diagnostics are live
    }
    const outcome = await publishFromDisk(file, uri);
    if (typeof outcome === 'number') {
      linted++;
      problems += outcome;
    } else if (outcome === 'not ours') skipped.push(file);
    await new Promise((r) => setImmediate(r)); // let a cancellation in
  }
  connection.console.log(`linted the workspace: ${linted} of ${files.length} files, ${problems} problems${skipped.length ? `; skipped (not ours): ${skipped.map((f) => path.basename(f)).join(', ')}` : ''}`);
  return { files: files.length, linted, problems };
});

/** "cmrlint: Aggregate smelter lists": the suppliers' files merged into one table written to `output`; cancellable between files. */
connection.onRequest('cmrlint/aggregate', async (params: { uris: string[]; output: string }, token: CancellationToken) => {
  const files: string[] = [];
  const found = new Set<string>();
  for (const uri of params.uris ?? []) {
    const p = uriPath(uri);
    try {
      if (fs.statSync(p).isDirectory()) for (const f of filesUnder(p)) files.push(f), found.add(f);
      else files.push(p);
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  if (files.length === 0) return { error: 'no filings, smelter lists or CMRT workbooks in the selection' };
  const output = uriPath(params.output);
  const format = formatOfOutput(output);
  if (!format) return { error: `cannot tell the format from ${path.basename(output)}: name it .tsv, .csv, .json or .xlsx` };
  const first = files[0];
  const configured = (await fileOptions(first, await settingsFor(pathToFileURL(first).toString())).catch(() => undefined))?.reference;
  const agg = await aggregateFiles(
    files,
    (f) => diskRequest(f, found.has(f)),
    configured,
    (done, file) => sendProgress('aggregate', done, files.length, file),
    () => token.isCancellationRequested,
  );
  if (!agg) return { cancelled: true };
  try {
    fs.writeFileSync(output, aggregateOutput(agg, format));
  } catch (e) {
    return { error: `cannot write ${output}: ${(e as Error).message}` };
  }
  connection.console.log(`aggregated ${files.length} files into ${output}: ${agg.rows.length} smelters, ${agg.conflicts.length} conflicts`);
  return { output: params.output, smelters: agg.rows.length, conflicts: agg.conflicts.length, summary: aggregateSummary(path.basename(output), agg) };
});

/** The summary of a document (its cached lint) or of a CMRT workbook on disk, for the summary view. */
connection.onRequest('cmrlint/summary', async (params: { uri: string }) => {
  const doc = documents.get(params.uri);
  if (doc) {
    const { result } = await currentResult(doc);
    return { summary: fileSummary(path.basename(uriPath(doc.uri)), result) };
  }
  const file = uriPath(params.uri);
  const prepared = await prepareFile(file, diskRequest(file, false));
  if (!prepared.ok) return { error: prepared.message };
  return { summary: fileSummary(path.basename(file), lintText(prepared.text, prepared.options)) };
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  relintAll();
});

connection.onDidChangeWatchedFiles(() => {
  forgetConfigs();
  shownProblems.clear();
  relintAll();
});

function relintAll(): void {
  results.clear();
  for (const doc of documents.all()) schedule(doc, 0, true);
}

async function validate(doc: TextDocument): Promise<void> {
  const options = await optionsFor(doc);
  const current = documents.get(doc.uri);
  if (!current || current.version !== doc.version) return; // a newer version is on its way
  try {
    // the previous version's model is of no use now: let it go before the new one is built (a 100k-row model
    // held across the lint doubles the heap the collector walks)
    const previous = results.get(doc.uri);
    results.delete(doc.uri);
    const edited = editedLine.get(doc.uri);
    editedLine.delete(doc.uri);
    const t0 = Date.now();
    // an edit inside one row of a list: the previous lint's model is moved on, the same findings as a full lint
    const quick = previous && typeof edited === 'number' && sameLintOptions(previous.options, options) ? relintLineOnly(previous.result, doc.getText(), edited, options) : undefined;
    const result = quick ?? lintText(doc.getText(), options);
    results.set(doc.uri, { version: doc.version, result, options });
    lintTimes.set(doc.uri, Date.now() - t0);
    if (doc.getText().length > LARGE_TEXT) collectWhenIdle();
    // the output channel's log: what was linted, how long it took, against which reference
    connection.console.log(`linted ${doc.uri} (version ${doc.version}${quick ? ', only the edited row read again' : ''}) in ${Date.now() - t0} ms: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}; reference: ${result.reference.info.source}${result.reference.info.complete ? ' (RMI\'s full list)' : ''}`);
    const { maxProblems } = await settingsFor(doc.uri);
    if (documents.get(doc.uri)?.version !== doc.version) return; // never publish for a version no longer current
    const diagnostics = isRelevant(result) ? capped(result.findings, maxProblems, (f) => toDiagnostic(doc, f, result)) : [];
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  } catch (e) {
    connection.console.error(`cmrlint: linting ${doc.uri} failed: ${(e as Error).stack ?? e}`);
  }
}

/**
 * The first `max` findings as diagnostics (errors first, then warnings...; in document order within each), and
 * when there are more, one diagnostic at the top of the file saying how many and where to see them all: an
 * editor shows a few thousand usefully, and 100k would cost more to send than to find.
 */
function capped(findings: readonly Finding[], max: number, convert: (f: Finding) => Diagnostic): Diagnostic[] {
  if (findings.length <= max) return findings.map(convert);
  // the first `max` by severity, then in document order: counted per severity, no sort of them all
  const rank: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };
  const perRank = [0, 0, 0, 0];
  for (const f of findings) perRank[rank[f.severity]]++;
  let cut = 0; // the lowest rank shown in full
  let left = max;
  while (cut < 4 && perRank[cut] <= left) left -= perRank[cut++];
  const shown: Diagnostic[] = [];
  for (const f of findings) {
    const r = rank[f.severity];
    if (r < cut) shown.push(convert(f));
    else if (r === cut && left > 0) {
      shown.push(convert(f));
      left--;
    }
  }
  shown.unshift({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: 'more-problems',
    message: `cmrlint found ${count(findings.length)} problems in this file and shows the first ${count(max)} (errors first; setting cmrlint.maxNumberOfProblems). The CLI reports them all: npx cmrlint <file>.`,
  });
  return shown;
}

/** How long each open document's last lint took, and when it last changed, in ms. */
const lintTimes = new Map<string, number>();
const lastChange = new Map<string, number>();

/** A text this long leaves a large heap behind its lint (a merged list of tens of thousands of rows). */
const LARGE_TEXT = 1024 * 1024;

/**
 * A full garbage collection when the server has been idle a moment after linting a large document: V8 keeps
 * the pages a 100k-row lint grew to, and gives them back to the system only after a full collection. The
 * collector is exposed at run time (the server is started by the editor, without --expose-gc).
 */
const fullGc: (() => void) | undefined = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();
let gcTimer: NodeJS.Timeout | undefined;

function collectWhenIdle(): void {
  if (!fullGc) return;
  if (gcTimer) clearTimeout(gcTimer);
  gcTimer = setTimeout(() => {
    gcTimer = undefined;
    if (timers.size === 0) fullGc();
  }, 250);
}

/** The version last scheduled per document, linted or in flight: opening fires both open and change. */
const scheduledVersions = new Map<string, number>();

/** Lints a document after `delay` ms; a version already scheduled is not scheduled again unless forced. */
function schedule(doc: TextDocument, delay = DEBOUNCE_MS, force = false): void {
  if (!force && scheduledVersions.get(doc.uri) === doc.version) return;
  scheduledVersions.set(doc.uri, doc.version);
  const pending = timers.get(doc.uri);
  if (pending) clearTimeout(pending);
  timers.set(
    doc.uri,
    setTimeout(() => {
      timers.delete(doc.uri);
      void validate(doc);
    }, delay),
  );
}

documents.onDidOpen((e) => schedule(e.document, 0));
documents.onDidChangeContent(async (e) => {
  const settings = await settingsFor(e.document.uri);
  if (settings.run !== 'onType') return;
  // the debounce saves work in a burst of typing. An edit when nothing is pending is linted at once if the
  // document lints in less time than the debounce would wait, or if it is isolated (the last edit was longer
  // than the debounce ago): a burst's further edits wait for the burst to end, and a large document is not
  // linted on every keystroke
  const uri = e.document.uri;
  const now = Date.now();
  const isolated = now - (lastChange.get(uri) ?? 0) >= DEBOUNCE_MS;
  lastChange.set(uri, now);
  const cheap = (lintTimes.get(uri) ?? Infinity) < DEBOUNCE_MS;
  schedule(e.document, !timers.has(uri) && (cheap || isolated) ? 0 : DEBOUNCE_MS);
});
documents.onDidSave((e) => schedule(e.document, 0, true));
documents.onDidClose((e) => {
  const pending = timers.get(e.document.uri);
  if (pending) clearTimeout(pending);
  timers.delete(e.document.uri);
  scheduledVersions.delete(e.document.uri);
  lintTimes.delete(e.document.uri);
  lastChange.delete(e.document.uri);
  editedLine.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  results.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

/** The lint of the document as it is now: cached when current, else computed (the cache may lag typing). */
async function currentResult(doc: TextDocument): Promise<{ result: LintResult; options: LintOptions }> {
  const cached = results.get(doc.uri);
  if (cached && cached.version === doc.version) return cached;
  const options = await optionsFor(doc);
  const result = lintText(doc.getText(), options);
  results.set(doc.uri, { version: doc.version, result, options });
  return { result, options };
}

function versionedEdit(doc: TextDocument, edits: Fix['edits']): WorkspaceEdit {
  return {
    documentChanges: [
      TextDocumentEdit.create(
        { uri: doc.uri, version: doc.version },
        edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
      ),
    ],
  };
}

function fixAllEdit(doc: TextDocument, options: LintOptions): { edit: WorkspaceEdit; said: string; byRule: Record<string, number> } | undefined {
  const text = doc.getText();
  const fixed = fixAll(text, options);
  const edit = minimalEdit(text, fixed.text);
  return edit ? { edit: versionedEdit(doc, [edit]), byRule: fixed.byRule, said: `cmrlint fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'}: ${describeFixes(fixed.byRule)}.` } : undefined;
}

connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const { result, options } = await currentResult(doc);
  if (!isRelevant(result)) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const code: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    const diagnosticOf = (f: Finding) => ours.find((d) => d.code === f.rule && doc.offsetAt(d.range.start) === f.start && doc.offsetAt(d.range.end) === f.end);
    const actions = actionsAt(result, {
      start: doc.offsetAt(params.range.start),
      end: doc.offsetAt(params.range.end),
      selected: ours.length > 0 ? (f) => !!diagnosticOf(f) : undefined,
      canIgnore: isOnDisk(doc.uri),
    });
    for (const a of actions) {
      const diagnostic = diagnosticOf(a.finding);
      const diagnostics = diagnostic ? [diagnostic] : undefined;
      if (a.kind === 'fix') code.push(quickFix(doc, a.fix, diagnostics));
      else if (a.kind === 'ignore') code.push({ title: a.title, kind: CodeActionKind.QuickFix, diagnostics, command: { title: 'Ignore this finding', command: IGNORE_COMMAND, arguments: [doc.uri, a.rule, a.row] } });
      else code.push({ title: a.title, kind: CodeActionKind.QuickFix, diagnostics, command: { title: a.title, command: SHOW_DOCS_COMMAND, arguments: [a.rule] } });
    }
  }
  // fix-all re-lints the document to a fixpoint: only when asked for by kind (on save, or the Source
  // Action menu), never for the lightbulb at the cursor
  const askedForFixAll = !!only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`));
  if (askedForFixAll && fixAllEdits(result.findings).length > 0) {
    const fix = fixAllEdit(doc, options);
    if (fix) code.push({ title: `Fix all auto-fixable cmrlint problems (${describeFixes(fix.byRule)})`, kind: FIX_ALL_KIND, edit: fix.edit });
  }
  return code;
});

function quickFix(doc: TextDocument, fix: Fix, diagnostics: Diagnostic[] | undefined): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics, edit: versionedEdit(doc, fix.edits) };
}

/** Where a new ignore entry for a document goes: its .cmrlint.json, else one at its workspace folder's root. */
function configFileFor(uri: string): string {
  const file = uriPath(uri);
  const root = workspaceFolderOf(file);
  return findConfigFile(file, root) ?? path.join(root ?? path.dirname(file), CONFIG_FILE);
}

connection.onExecuteCommand(async (params: ExecuteCommandParams) => {
  if (params.command === IGNORE_COMMAND) {
    const [uri, rule, row] = (params.arguments ?? []) as [string, string, string];
    const target = configFileFor(uri);
    try {
      writeIgnoreEntry(target, { rule, row });
    } catch (e) {
      showMessage(MessageType.Error, `cmrlint: cannot update ${target}: ${(e as Error).message}`);
      return { ignored: false };
    }
    relintAll();
    return { ignored: true, file: target };
  }
  if (params.command !== APPLY_FIX_ALL_COMMAND) return;
  const [uri, version] = (params.arguments ?? []) as [string, number | undefined];
  const doc = documents.get(uri);
  if (!doc || (version !== undefined && version !== doc.version)) return { applied: false, reason: 'the document changed' };
  const fix = fixAllEdit(doc, (await currentResult(doc)).options);
  if (!fix) {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: 'cmrlint: nothing to fix.' });
    return { applied: false, reason: 'nothing to fix' };
  }
  const r = await connection.workspace.applyEdit({ label: 'cmrlint: fix all', edit: fix.edit });
  if (r.applied) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: fix.said });
  return { applied: r.applied };
});

connection.onHover(async (params: HoverParams): Promise<Hover | null> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const { result } = await currentResult(doc);
  const h = hoverAt(result, doc.offsetAt(params.position));
  if (!h) return null;
  return { contents: { kind: 'markdown', value: h.markdown }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } };
});

const SYMBOL_KIND = { section: SymbolKind.Namespace, table: SymbolKind.Array, metal: SymbolKind.Field } as const;

function toSymbol(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) },
    selectionRange: { start: doc.positionAt(s.selectionStart), end: doc.positionAt(s.selectionEnd) },
    children: s.children.map((c) => toSymbol(doc, c)),
  };
}

connection.onDocumentSymbol(async (params: DocumentSymbolParams): Promise<DocumentSymbol[]> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return outline((await currentResult(doc)).result).map((s) => toSymbol(doc, s));
});

const COMPLETION_KIND = { country: CompletionItemKind.Value, cid: CompletionItemKind.Reference, metal: CompletionItemKind.EnumMember } as const;

connection.onCompletion(async (params: CompletionParams): Promise<CompletionItem[]> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const c = completeAt((await currentResult(doc)).result, doc.offsetAt(params.position));
  if (!c) return [];
  const range = { start: doc.positionAt(c.start), end: doc.positionAt(c.end) };
  return c.items.map((i) => ({ label: i.label, detail: i.detail, kind: COMPLETION_KIND[i.kind], sortText: i.sortText, filterText: i.label, textEdit: { range, newText: i.label } }));
});

// a failure in one request never takes the server down: it is logged, and the editor keeps working
process.on('unhandledRejection', (e) => connection.console.error(`cmrlint: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
