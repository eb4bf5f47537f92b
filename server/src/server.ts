/**
 * The cmrlint language server: thin LSP handlers over the protocol-free core.
 * Start with `node server/out/server.js --stdio` (or --node-ipc, as the VS Code client does).
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriPath } from './lsp/uri';
import { toDiagnostic } from './lsp/convert';
import { formatFromFileName, lintText } from './core';
import type { CountryStyle } from './core';

interface Settings {
  countryStyle: 'auto' | CountryStyle;
}

const DEFAULTS: Settings = { countryStyle: 'auto' };
/** Wait this long after the last keystroke before linting again. */
const DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let canRequestConfiguration = false;
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  canRequestConfiguration = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'cmrlint' },
  };
});

connection.onInitialized(() => {
  if (canRequestConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cmrlint' });
  }
});

function settingsFor(uri: string): Promise<Settings> {
  if (!canRequestConfiguration) return Promise.resolve(DEFAULTS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'cmrlint' })
      .then((c: Partial<Settings> | null) => ({ ...DEFAULTS, ...(c ?? {}) }))
      .catch(() => DEFAULTS);
    settingsCache.set(uri, s);
  }
  return s;
}

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});

async function validate(doc: TextDocument): Promise<void> {
  const settings = await settingsFor(doc.uri);
  const current = documents.get(doc.uri);
  if (!current || current.version !== doc.version) return; // a newer version is on its way
  const fileName = uriPath(doc.uri);
  const format = formatFromFileName(fileName);
  try {
    const { findings, model } = lintText(doc.getText(), { format, countryStyle: settings.countryStyle });
    // A CSV or TSV file that is not a smelter list is none of our business.
    const relevant = format === 'csv' || format === 'tsv' ? model.tables.length > 0 : true;
    const diagnostics = relevant ? findings.map((f) => toDiagnostic(doc, f)) : [];
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
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  const pending = timers.get(e.document.uri);
  if (pending) clearTimeout(pending);
  timers.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

documents.listen(connection);
connection.listen();
