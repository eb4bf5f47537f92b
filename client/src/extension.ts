/**
 * The VS Code side of cmrlint: starts the language server for filings and smelter lists and adds the
 * commands. Everything about filings lives in the server; this file only wires VS Code to it.
 */
import * as path from 'node:path';
import { commands, ExtensionContext, Uri, window, workspace } from 'vscode';
import { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Files linted without any configuration. CSV/TSV files that are not smelter lists get no diagnostics. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: 'cmr' },
  { pattern: '**/*{form-sd,Form-SD,FORM-SD,form_sd}*.{txt,md}' },
  { pattern: '**/*.cmr.{txt,md}' },
  { pattern: '**/*.{csv,tsv,CSV,TSV}' },
];

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
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    commands.registerCommand('cmrlint.fixAll', async () => {
      const editor = window.activeTextEditor;
      if (!editor) return;
      // the server's command, registered by the language client from the server's capabilities
      await commands.executeCommand('cmrlint.applyFixAll', editor.document.uri.toString(), editor.document.version);
    }),
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
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
