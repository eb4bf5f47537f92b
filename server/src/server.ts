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
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriPath } from './lsp/uri';
import { ruleDocUri, SOURCE, toDiagnostic } from './lsp/convert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatFromFileName, lintText, LintOptions, LintResult, RULES, Severity, SmelterReference } from './core';
import { referenceFromFile } from './node/workbook';
import { findingSignature, IGNORE_FILE } from './core/ignore';
import { findIgnoreFile, LoadedIgnores, loadIgnores, relativeTo, writeIgnore } from './node/ignore-file';
import type { CountryStyle, Finding, Fix } from './core';
import { fixAll, fixAllEdits, minimalEdit } from './core/fix';
import { hoverAt } from './core/hover';
import { outline, OutlineSymbol } from './core/outline';
import { completeAt } from './core/completion';

interface Settings {
  countryStyle: 'auto' | CountryStyle;
  /** Severity per rule id: off | info | warning | error (hint also accepted). */
  rules: Record<string, Severity | 'off'>;
  /** Lint while typing, or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** A CMRT workbook (.xlsx) or look-up CSV whose smelter list replaces the bundled one. */
  reference?: string;
  /** The reference loaded from `reference`. */
  loadedReference?: SmelterReference;
}

const DEFAULTS: Settings = { countryStyle: 'auto', rules: {}, run: 'onType' };
/** Wait this long after the last keystroke before linting again. */
const DEBOUNCE_MS = 150;
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const APPLY_FIX_ALL_COMMAND = 'cmrlint.applyFixAll';
export const SHOW_DOCS_COMMAND = 'cmrlint.showRuleDocs';
export const IGNORE_COMMAND = 'cmrlint.ignoreFinding';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let canRequestConfiguration = false;
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();
/** The last lint of each open document, for code actions and hovers on that version. */
const results = new Map<string, { version: number; result: LintResult; settings: Settings }>();

let workspaceFolders: string[] = [];
/** Loaded .cmrlint.json per document path (cleared when any .cmrlint.json changes). */
const ignoreCache = new Map<string, { loaded: LoadedIgnores; error?: string }>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  canRequestConfiguration = !!params.capabilities.workspace?.configuration;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriPath(f.uri));
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
  if (canRequestConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cmrlint' });
  }
});

function normalizeSettings(raw: Partial<Settings> | null | undefined): Settings {
  const s = { ...DEFAULTS, ...(raw ?? {}) };
  const rules: Settings['rules'] = {};
  for (const [id, level] of Object.entries(s.rules ?? {})) {
    if (RULES.some((r) => r.id === id) && ['off', 'hint', 'info', 'warning', 'error'].includes(level)) rules[id] = level;
  }
  return {
    countryStyle: ['auto', 'cmrt', 'iso'].includes(s.countryStyle) ? s.countryStyle : 'auto',
    rules,
    run: s.run === 'onSave' ? 'onSave' : 'onType',
    reference: typeof s.reference === 'string' && s.reference.trim() ? s.reference.trim() : undefined,
  };
}

/** The workspace folder holding a file (the innermost, for nested folders). */
function workspaceFolderOf(file: string): string | undefined {
  return workspaceFolders.filter((w) => file.startsWith(w + path.sep)).sort((a, b) => b.length - a.length)[0];
}

/** Loaded reference lists by resolved path and modification time. */
const referenceCache = new Map<string, { mtime: number; reference: Promise<SmelterReference | undefined> }>();

/** The user's reference list for a document: `cmrlint.reference`, relative paths from the document's workspace folder. */
async function loadUserReference(setting: string | undefined, uri: string): Promise<SmelterReference | undefined> {
  if (!setting) return undefined;
  const docPath = uriPath(uri);
  const folder = workspaceFolderOf(docPath) ?? workspaceFolders[0] ?? path.dirname(docPath);
  const file = path.resolve(folder, setting);
  let mtime: number;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    connection.window.showWarningMessage(`cmrlint: the reference list ${file} (cmrlint.reference) does not exist; using the bundled list.`);
    return undefined;
  }
  const cached = referenceCache.get(file);
  if (cached && cached.mtime === mtime) return cached.reference;
  const reference = (async () => {
    try {
      return await referenceFromFile(file);
    } catch (e) {
      connection.window.showWarningMessage(`cmrlint: ${(e as Error).message}; using the bundled list.`);
      return undefined;
    }
  })();
  referenceCache.set(file, { mtime, reference });
  return reference;
}

function settingsFor(uri: string): Promise<Settings> {
  if (!canRequestConfiguration) return Promise.resolve(DEFAULTS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'cmrlint' })
      .then(async (c: Partial<Settings> | null) => {
        const settings = normalizeSettings(c);
        settings.loadedReference = await loadUserReference(settings.reference, uri);
        return settings;
      })
      .catch(() => DEFAULTS);
    settingsCache.set(uri, s);
  }
  return s;
}

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});

/** The .cmrlint.json entries for a document (documents that are not files on disk have none). */
function ignoresFor(uri: string): { loaded: LoadedIgnores; error?: string } {
  const file = uriPath(uri);
  if (!/^(file|vscode-remote):/.test(uri) || !path.isAbsolute(file)) return { loaded: { config: { ignore: [] } } };
  let entry = ignoreCache.get(file);
  if (!entry) {
    try {
      entry = { loaded: loadIgnores(file) };
    } catch (e) {
      entry = { loaded: { config: { ignore: [] } }, error: (e as Error).message };
      connection.window.showWarningMessage(`cmrlint: ${entry.error}; its entries are not applied.`);
    }
    ignoreCache.set(file, entry);
  }
  return entry;
}

function lintOptions(doc: TextDocument, settings: Settings): LintOptions {
  const { loaded } = ignoresFor(doc.uri);
  return {
    format: formatFromFileName(uriPath(doc.uri)),
    countryStyle: settings.countryStyle,
    severities: settings.rules,
    reference: settings.loadedReference,
    ignore: loaded.config.ignore,
    relativePath: relativeTo(loaded.file, uriPath(doc.uri)),
  };
}

function lint(doc: TextDocument, settings: Settings): LintResult {
  return lintText(doc.getText(), lintOptions(doc, settings));
}

connection.onDidChangeWatchedFiles(() => {
  ignoreCache.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});

async function validate(doc: TextDocument): Promise<void> {
  const settings = await settingsFor(doc.uri);
  const current = documents.get(doc.uri);
  if (!current || current.version !== doc.version) return; // a newer version is on its way
  try {
    const result = lint(doc, settings);
    results.set(doc.uri, { version: doc.version, result, settings });
    const format = result.model.format;
    // A CSV or TSV file that is not a smelter list is none of our business.
    const relevant = format === 'csv' || format === 'tsv' ? result.model.tables.length > 0 : true;
    const diagnostics = relevant ? result.findings.map((f) => toDiagnostic(doc, f)) : [];
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  } catch (e) {
    connection.console.error(`cmrlint: linting ${doc.uri} failed: ${(e as Error).stack ?? e}`);
  }
}

function schedule(doc: TextDocument, delay = DEBOUNCE_MS): void {
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
  if (settings.run === 'onType') schedule(e.document);
});
documents.onDidSave((e) => schedule(e.document, 0));
documents.onDidClose((e) => {
  const pending = timers.get(e.document.uri);
  if (pending) clearTimeout(pending);
  timers.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  results.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

/** The lint of the document as it is now: cached when current, else computed (the cache may lag typing). */
async function currentResult(doc: TextDocument): Promise<{ result: LintResult; settings: Settings }> {
  const cached = results.get(doc.uri);
  if (cached && cached.version === doc.version) return cached;
  const settings = await settingsFor(doc.uri);
  const result = lint(doc, settings);
  results.set(doc.uri, { version: doc.version, result, settings });
  return { result, settings };
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

function fixAllEdit(doc: TextDocument, settings: Settings): WorkspaceEdit | undefined {
  const text = doc.getText();
  const fixed = fixAll(text, lintOptions(doc, settings));
  const edit = minimalEdit(text, fixed.text);
  return edit ? versionedEdit(doc, [edit]) : undefined;
}

connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const { result, settings } = await currentResult(doc);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const start = doc.offsetAt(params.range.start);
    const end = doc.offsetAt(params.range.end);
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    const seenDocs = new Set<string>();
    for (const f of result.findings) {
      if (f.end < start || f.start > end) continue;
      const diagnostic = ours.find((d) => d.code === f.rule && doc.offsetAt(d.range.start) === f.start && doc.offsetAt(d.range.end) === f.end);
      if (ours.length > 0 && !diagnostic) continue;
      for (const fix of f.fixes ?? []) actions.push(quickFix(doc, f, fix, diagnostic));
      if (/^(file|vscode-remote):/.test(doc.uri)) {
        const signature = findingSignature(result, f);
        actions.push({
          title: `Ignore this ${f.rule} finding (in ${IGNORE_FILE})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostic ? [diagnostic] : undefined,
          command: { title: 'Ignore this finding', command: IGNORE_COMMAND, arguments: [doc.uri, f.rule, signature] },
        });
      }
      if (!seenDocs.has(f.rule)) {
        seenDocs.add(f.rule);
        actions.push({
          title: `Show documentation for ${f.rule}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostic ? [diagnostic] : undefined,
          command: { title: `Show documentation for ${f.rule}`, command: SHOW_DOCS_COMMAND, arguments: [ruleDocUri(f.rule)] },
        });
      }
    }
  }
  if (wants(FIX_ALL_KIND) && fixAllEdits(result.findings).length > 0) {
    const edit = fixAllEdit(doc, settings);
    if (edit) actions.push({ title: 'Fix all auto-fixable cmrlint problems', kind: FIX_ALL_KIND, edit });
  }
  return actions;
});

function quickFix(doc: TextDocument, f: Finding, fix: Fix, diagnostic: Diagnostic | undefined): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: fix.preferred,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    edit: versionedEdit(doc, fix.edits),
  };
}

/** Where a new ignore entry for a document goes: its .cmrlint.json, else one at its workspace folder's root. */
function ignoreFileFor(uri: string): string {
  const file = uriPath(uri);
  const existing = findIgnoreFile(file);
  if (existing) return existing;
  return path.join(workspaceFolderOf(file) ?? path.dirname(file), IGNORE_FILE);
}

connection.onExecuteCommand(async (params: ExecuteCommandParams) => {
  if (params.command === IGNORE_COMMAND) {
    const [uri, rule, row] = (params.arguments ?? []) as [string, string, string];
    const target = ignoreFileFor(uri);
    try {
      writeIgnore(target, { rule, row });
    } catch (e) {
      connection.window.showErrorMessage(`cmrlint: cannot update ${target}: ${(e as Error).message}`);
      return { ignored: false };
    }
    ignoreCache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
    return { ignored: true, file: target };
  }
  if (params.command !== APPLY_FIX_ALL_COMMAND) return;
  const [uri, version] = (params.arguments ?? []) as [string, number | undefined];
  const doc = documents.get(uri);
  if (!doc || (version !== undefined && version !== doc.version)) return { applied: false, reason: 'the document changed' };
  const edit = fixAllEdit(doc, (await currentResult(doc)).settings);
  if (!edit) return { applied: false, reason: 'nothing to fix' };
  const r = await connection.workspace.applyEdit({ label: 'cmrlint: fix all', edit });
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

documents.listen(connection);
connection.listen();
