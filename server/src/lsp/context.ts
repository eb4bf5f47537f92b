/**
 * One language server session's state, with its lifetime: the open documents, the settings read from the
 * client, the last lint of each document, the lint scheduler, the idle collector and the queue of files linted
 * from disk. Created by startServer for one connection; `dispose` (on shutdown) stops every timer and queue.
 */
import * as fs from 'node:fs';
import {
  CancellationToken,
  Connection,
  Diagnostic,
  InitializeParams,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, LintOptions, LintResult, ReferenceInUse, SmelterReference } from '../core';
import type { HtmlDocumentLint } from '../core/html/editor';
import { relintLineOnly } from '../core/incremental';
import { sameLintOptions } from '../core/lint';
import { readWorkbookFile, workbookOptions } from '../node/sheet-lists';
import { referenceInUse as said, resolveFileOptions, ResolvedOptions } from '../node/options';
import { discoverReference, DiscoveryCache, loadDiscovered } from '../node/discovery';
import type { PrepareRequest } from '../node/prepare';
import type { InitializationOptions } from '../protocol';
import * as path from 'node:path';
import { FileQueue } from './background';
import { HtmlDocuments } from './html';
import { IdleCollector } from './memory';
import { PublishedStore, Waiting } from './published';
import { LintScheduler } from './scheduler';
import { DEFAULT_SETTINGS, readSettings, Settings } from './settings';
import { folderOf, isOnDisk, pathToUri, uriToPath, workbookOfVirtual } from './uri';
import { referenceInUse as namedReferenceInUse } from './reference';

/** What the session takes from outside; tests replace the options resolution to see what it is asked. */
export interface ServerDeps {
  /** The server's version, for the log. */
  version: string;
  /** The project configuration and settings of a file, as the CLI resolves them (node/options.ts). */
  resolveOptions: typeof resolveFileOptions;
}

/** A lint of one version of an open document, with the options it was linted with. */
export interface Linted {
  version: number;
  result: LintResult;
  options: LintOptions;
  /** An HTML filing's lint through its rendering, its findings placed on the HTML (html.ts). */
  html?: HtmlDocumentLint;
}

export class ServerContext {
  /**
   * The line each open document has been edited on since its last lint, when every edit since then stayed
   * inside that one line ('many' otherwise): such a document is linted again from its previous lint.
   */
  readonly editedLine = new Map<string, number | 'many'>();
  readonly documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (doc, changes, version) => {
      for (const c of changes) {
        const line = 'range' in c && c.range.start.line === c.range.end.line && !/[\r\n]/.test(c.text) ? c.range.start.line : 'many';
        const known = this.editedLine.get(doc.uri);
        this.editedLine.set(doc.uri, known === undefined || known === line ? line : 'many');
      }
      return TextDocument.update(doc, changes, version);
    },
  });
  /** The last lint of each open document, for code actions and hovers on that version. */
  readonly results = new Map<string, Linted>();
  /** The lint of each open document in progress, for its version: one lint per version, whoever asks. */
  private readonly linting = new Map<string, { version: number; done: Promise<Linted> }>();
  /** Counts the times every lint was dropped (settings, configuration, reference changed): a lint begun before is not kept. */
  private lintGeneration = 0;
  /** Requests waiting for the lint of a document's version (woken when one is done). */
  private readonly lintDone = new Waiting();
  readonly scheduler = new LintScheduler();
  readonly collector = new IdleCollector(() => this.scheduler.idle);
  /** HTML filings: linted through their rendering, placed on the HTML, never fixed (html.ts). */
  readonly html = new HtmlDocuments((doc) => this.optionsFor(doc));
  /** Files linted from disk in the background (the workspace's CMRT workbooks); set by the workspace handlers. */
  workbooks: FileQueue | undefined;
  /** The workspace folders' paths. */
  workspaceFolders: string[] = [];
  /**
   * The client pulls diagnostics (LSP 3.17 textDocument/diagnostic and workspace/diagnostic) rather than
   * taking them pushed: the server keeps them here until asked. Pushed to clients that cannot pull.
   */
  pull = false;
  /** The diagnostics of open documents, per linted version (pull mode). */
  readonly live = new PublishedStore();
  /** The diagnostics of files linted from disk (pull mode): they stay until the file changes on disk. */
  readonly disk = new PublishedStore();
  /** The version of each open document last saved (pull mode, linting on save: a pull waits for its lint). */
  readonly savedVersions = new Map<string, number>();
  /** The files linted from disk (pull mode): linted again when closed or changed on disk. */
  readonly diskLinted = new Set<string>();
  /** In an untrusted workspace (VS Code's Restricted Mode) no reference file the workspace names is read. */
  trusted = true;
  canRequestConfiguration = false;
  /** Set on shutdown: long requests stop between two files. */
  disposed = false;
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  /** The workspace's CMRT workbooks, as the client lists them: the newest verified one is the fallback reference. */
  private readonly workspaceWorkbooks = new Set<string>();
  private readonly verdicts: DiscoveryCache = new Map();
  private discovery: Promise<SmelterReference | undefined> | undefined;
  /** The reference file each file's configuration names, as last resolved (cleared with the settings). */
  private readonly referenceFiles = new Map<string, string | undefined>();
  /** Problems already shown to the user: each configuration problem is said once, not on every keystroke. */
  private readonly shownProblems = new Set<string>();

  constructor(
    readonly connection: Connection,
    readonly deps: ServerDeps,
  ) {}

  initialize(params: InitializeParams): void {
    this.canRequestConfiguration = !!params.capabilities.workspace?.configuration;
    this.workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    this.trusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted !== false;
    this.pull = !!params.capabilities.textDocument?.diagnostic;
  }

  /** An open document's diagnostics for `version`: pushed, or kept for the client's pull (undefined: its lint failed). */
  publishLive(uri: string, version: number, diagnostics: Diagnostic[] | undefined): void {
    if (this.pull) this.live.set(uri, diagnostics, version);
    else if (diagnostics) void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** A file's diagnostics as linted from disk: pushed, or kept for the client's workspace pull. */
  publishDisk(uri: string, diagnostics: Diagnostic[]): void {
    this.diskLinted.add(uri);
    if (this.pull) this.disk.set(uri, diagnostics);
    else void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /**
   * A document closed (pull mode): a file linted from disk gets its findings from disk again (the client
   * keeps the workspace pull's); any other's are cleared.
   */
  closed(uri: string): void {
    if (this.diskLinted.has(uri) && isOnDisk(uri)) this.workbooks?.add([uri]);
    else this.disk.set(uri, []);
  }

  /** Files changed on disk: those linted from disk and not open are linted again. */
  changedOnDisk(uris: readonly string[]): void {
    this.workbooks?.add(uris.filter((uri) => this.diskLinted.has(uri) && !this.documents.get(uri)));
  }

  /** The workspace folder holding a file (the innermost, for nested folders). */
  workspaceFolderOf(file: string): string | undefined {
    return folderOf(file, this.workspaceFolders);
  }

  settingsFor(uri: string): Promise<Settings> {
    if (!this.canRequestConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'cmrlint' })
        .then((c: Record<string, unknown> | null) => readSettings(c))
        .catch(() => DEFAULT_SETTINGS);
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  /** The settings changed (or a document closed): read them again when next needed. */
  forgetSettings(uri?: string): void {
    this.referenceFiles.clear();
    if (uri === undefined) this.settingsCache.clear();
    else this.settingsCache.delete(uri);
  }

  /**
   * A message for the user, as a notification: a request (window/showMessageRequest) would wait for an answer
   * that a client may never give, and its rejection must not take the server down.
   */
  showMessage(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  showProblemOnce(message: string): void {
    if (this.shownProblems.has(message)) return;
    this.shownProblems.add(message);
    this.showMessage(MessageType.Warning, `cmrlint: ${message}; linting without it.`);
  }

  /** The configuration files changed: their problems may be said again. */
  forgetProblems(): void {
    this.shownProblems.clear();
  }

  /** The options for a document: the same resolution as the CLI's (project .cmrlint.json, then settings). */
  async optionsFor(doc: TextDocument): Promise<LintOptions> {
    const settings = await this.settingsFor(doc.uri);
    const workbook = workbookOfVirtual(doc.uri);
    if (workbook !== undefined) {
      const read = readWorkbookFile(workbook);
      const base = await this.fileOptions(workbook, settings);
      return 'workbook' in read ? workbookOptions(read.workbook, base) : base;
    }
    return this.fileOptions(uriToPath(doc.uri), settings, isOnDisk(doc.uri));
  }

  /**
   * The workspace's workbooks the client listed, created, changed or deleted: the reference found among them
   * (the newest verified CMRT) is found again, and open documents are linted again when it is another.
   */
  noteWorkbooks(files: readonly string[]): void {
    for (const f of files) {
      if (fs.existsSync(f)) this.workspaceWorkbooks.add(f);
      else {
        this.workspaceWorkbooks.delete(f);
        this.verdicts.delete(f);
      }
    }
    const before = this.discovery;
    this.discovery = undefined;
    if (!before) return;
    this.dropLints(); // a request from now on lints with the reference found again
    void Promise.all([before, this.discoveredReference()]).then(([a, b]) => {
      if (a !== b && !this.disposed) this.relintAll();
    });
  }

  /** RMI's list from the newest verified CMRT of the workspace, when the workspace is trusted. */
  discoveredReference(): Promise<SmelterReference | undefined> {
    if (!this.trusted) return Promise.resolve(undefined);
    this.discovery ??= discoverReference(this.workspaceWorkbooks, this.verdicts).then((d) =>
      d.file ? loadDiscovered(d.file, this.workspaceFolderOf(d.file) ?? this.workspaceFolders[0]) : undefined,
    );
    return this.discovery;
  }

  /** How a reference is said to the user (summary data, status item): in Restricted Mode the bundled list is the restricted one. */
  referenceInUse(ref: SmelterReference): ReferenceInUse {
    return said(ref, { restricted: !this.trusted, base: this.workspaceFolders[0] });
  }

  /** The same resolution as the CLI's: the project's .cmrlint.json (never above the workspace folder), then the settings. */
  async fileOptions(file: string, settings: Settings, searchConfig = true): Promise<LintOptions> {
    return (await this.resolved(file, settings, searchConfig)).lint;
  }

  private async resolved(file: string, settings: Settings, searchConfig = true): Promise<ResolvedOptions> {
    const fallback = await this.discoveredReference();
    const resolved = await this.deps.resolveOptions(file, {
      root: this.workspaceFolderOf(file) ?? this.workspaceFolders[0],
      overrides: settings.overrides,
      allowReference: this.trusted,
      ...(fallback ? { fallbackReference: fallback } : {}),
      searchConfig,
      onProblem: (m) => this.showProblemOnce(m),
    });
    this.referenceFiles.set(file, resolved.referenceFile?.file);
    return resolved;
  }

  /** The file on disk a document is of (a workbook for its cmrt: text), if any. */
  fileOf(uri: string): string | undefined {
    return workbookOfVirtual(uri) ?? (isOnDisk(uri) ? uriToPath(uri) : undefined);
  }

  /** The reference list `file` is linted against, and why (the status item's and the summary's). */
  async referenceOf(file: string): Promise<ReferenceInUse> {
    const resolved = await this.resolved(file, await this.settingsFor(pathToUri(file)));
    return namedReferenceInUse(resolved, this.trusted);
  }

  /**
   * Whether `file` (a workbook's path for its cmrt: text) is the reference list its configuration names: it
   * is read as the reference and never linted as a supplier's list ("The Declaration is empty").
   */
  async isReferenceFile(file: string): Promise<boolean> {
    const known = this.referenceFiles.has(file)
      ? this.referenceFiles.get(file)
      : (await this.resolved(file, await this.settingsFor(pathToUri(file)))).referenceFile?.file;
    return known !== undefined && path.resolve(known) === path.resolve(file);
  }

  /** The options of a file on disk, as the editor resolves them (its folder's .cmrlint.json, then the settings). */
  diskRequest(file: string, found: boolean): PrepareRequest {
    const uri = pathToUri(file);
    return { optionsFor: async (f) => this.fileOptions(f, await this.settingsFor(uri)), found };
  }

  /**
   * The lint of the document as it is now. While typing, a lint is due after the debounce: a request (hover,
   * code actions, completion, outline…) waits for it rather than linting each version itself (a 10k-row list
   * would be linted on every keystroke, and in full); with nothing due, the document is linted at once. A
   * request cancelled while it waits is answered as cancelled.
   */
  async currentResult(doc: TextDocument, token?: CancellationToken): Promise<Linted> {
    const current = () => {
      const r = this.results.get(doc.uri);
      return r && r.version === doc.version ? r : undefined;
    };
    const due = () => this.scheduler.pending(doc.uri) || this.linting.has(doc.uri);
    const found = current() ?? (due() ? await this.lintDone.when(current, () => !!token?.isCancellationRequested || !due()) : undefined);
    if (found) return found;
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return this.lint(doc);
  }

  /** The lint of the document's current version: the one in progress, the last one if current, or a new one. */
  lint(doc: TextDocument): Promise<Linted> {
    const cached = this.results.get(doc.uri);
    if (cached && cached.version === doc.version) return Promise.resolve(cached);
    const inFlight = this.linting.get(doc.uri);
    if (inFlight && inFlight.version === doc.version) return inFlight.done;
    const done = this.lintNow(doc).finally(() => {
      if (this.linting.get(doc.uri)?.done === done) this.linting.delete(doc.uri);
      this.lintDone.wake();
    });
    this.linting.set(doc.uri, { version: doc.version, done });
    return done;
  }

  /** Every lint, done or in progress, is of the old settings: none is kept or shared from now on. */
  private dropLints(): void {
    this.results.clear();
    this.linting.clear();
    this.lintGeneration++;
  }

  private async lintNow(doc: TextDocument): Promise<Linted> {
    const generation = this.lintGeneration;
    const options = await this.optionsFor(doc);
    // an HTML filing is linted through its rendering (lsp/html.ts), its findings placed on the HTML
    const html = await this.html.lintOf(doc, options);
    // from here on synchronous: the text, its version, the previous lint and the line edited since are of one moment
    const { version } = doc;
    const text = doc.getText();
    // the previous version's model is of no use now: let it go before the new one is built (a 100k-row model
    // held across the lint doubles the heap the collector walks)
    const previous = this.results.get(doc.uri);
    this.results.delete(doc.uri);
    const edited = this.editedLine.get(doc.uri);
    this.editedLine.delete(doc.uri);
    const t0 = Date.now();
    // an edit inside one row of a list: the previous lint's model is moved on, the same findings as a full lint
    const quick =
      !html && previous && typeof edited === 'number' && sameLintOptions(previous.options, options)
        ? relintLineOnly(previous.result, text, edited, options)
        : undefined;
    const result = html?.result ?? quick ?? lintText(text, options);
    const linted: Linted = { version, result, options, ...(html ? { html } : {}) };
    if (generation === this.lintGeneration) this.results.set(doc.uri, linted);
    const ms = Date.now() - t0;
    this.scheduler.linted(doc.uri, ms);
    this.collector.afterLint(text.length);
    // the output channel's log: what was linted, how long it took, against which reference
    this.connection.console.log(
      `linted ${doc.uri} (version ${version}${quick ? ', only the edited row read again' : ''}) in ${ms} ms: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}; reference: ${result.reference.info.source}${result.reference.info.complete ? " (RMI's full list)" : ''}`,
    );
    return linted;
  }

  /** Every open document linted again (settings, configuration or ignore entries changed). */
  relintAll(): void {
    this.dropLints();
    this.live.clear(); // a pull now waits for the lint with the new settings
    if (this.pull) this.connection.languages.diagnostics.refresh();
    for (const doc of this.documents.all()) this.scheduler.schedule(doc, 0, true);
  }

  /** A document closed: its state goes. */
  forget(uri: string): void {
    this.scheduler.forget(uri);
    this.editedLine.delete(uri);
    this.forgetSettings(uri);
    this.results.delete(uri);
    this.html.forget(uri);
    this.live.delete(uri);
    this.savedVersions.delete(uri);
  }

  /** The session ends: no timer fires and no queued file is read after this. */
  dispose(): void {
    this.disposed = true;
    this.scheduler.dispose();
    this.collector.dispose();
    this.workbooks?.dispose();
    this.results.clear();
    this.html.clear();
    this.lintDone.dispose();
    this.live.dispose();
    this.disk.dispose();
  }
}
