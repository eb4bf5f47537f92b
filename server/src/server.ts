/**
 * The cmrlint language server process: the connection the editor started it with (--stdio, --node-ipc), and
 * the server over it (lsp/server.ts). Start with `node server/out/server.js --stdio`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { version: (require('../../package.json') as { version: string }).version });

// a failure in one request never takes the server down: it is logged, and the editor keeps working
process.on('unhandledRejection', (e) => connection.console.error(`cmrlint: ${(e as Error)?.stack ?? String(e)}`));
