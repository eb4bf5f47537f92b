/**
 * The cmrlint language server over any connection: a session (ServerContext) and the handlers registered on the
 * connection, each group in lsp/handlers/. The process entry point (server.ts) makes the connection; the tests
 * make one over in-memory streams.
 */
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { resolveFileOptions } from '../node/options';
import { ServerCommands } from '../protocol';
import { ServerContext, ServerDeps } from './context';
import { FIX_ALL_KIND, registerActions } from './handlers/actions';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerLanguageFeatures } from './handlers/language';
import { registerPullDiagnostics } from './handlers/pull';
import { COLUMN_LEGEND, registerTables } from './handlers/tables';
import { registerWorkspaceRequests } from './handlers/workspace';
import { registerWorkbookView } from './handlers/workbook';

/** Registers every handler on `connection` and starts listening; the session is returned for its owner. */
export function startServer(connection: Connection, deps: Partial<ServerDeps> = {}): ServerContext {
  const ctx = new ServerContext(connection, { version: deps.version ?? 'dev', resolveOptions: deps.resolveOptions ?? resolveFileOptions });

  connection.onInitialize((params): InitializeResult => {
    ctx.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'cmrlint' },
        completionProvider: { triggerCharacters: ['\t', '|'] },
        // each column of a table in its own colour, for the lines on screen (handlers/tables.ts)
        semanticTokensProvider: { legend: COLUMN_LEGEND, range: true, full: false },
        executeCommandProvider: { commands: [ServerCommands.applyFixAll, ServerCommands.ignoreFinding] },
        // LSP 3.17 pull diagnostics when the client pulls: files linted from disk keep their findings
        ...(ctx.pull ? { diagnosticProvider: { identifier: 'cmrlint', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'cmrlint' },
    };
  });
  connection.onInitialized(() => {
    connection.console.log(
      `cmrlint ${ctx.deps.version} started (Node ${process.version}, ${ctx.trusted ? 'trusted workspace' : 'Restricted Mode: no reference file is read'})`,
    );
    if (ctx.canRequestConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cmrlint' });
  });
  connection.onShutdown(() => ctx.dispose());

  registerDiagnostics(connection, ctx);
  registerActions(connection, ctx);
  registerLanguageFeatures(connection, ctx);
  registerWorkspaceRequests(connection, ctx);
  registerWorkbookView(connection, ctx);
  registerPullDiagnostics(connection, ctx);
  registerTables(connection, ctx);

  ctx.documents.listen(connection);
  connection.listen();
  return ctx;
}
