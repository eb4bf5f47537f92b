/**
 * The language server in this process: startServer over a pair of in-memory streams, and a protocol
 * connection for the test on the other ends. Exercises the handlers without spawning a server.
 */
import { PassThrough } from 'node:stream';
import { Connection, createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { ServerContext, ServerDeps } from '../../server/src/lsp/context';
import { startServer } from '../../server/src/lsp/server';

export class InProcessServer {
  readonly client: ProtocolConnection;
  readonly ctx: ServerContext;
  /** Every diagnostics publication, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly listeners: Array<(p: PublishDiagnosticsParams) => void> = [];
  private readonly server: Connection;

  constructor(deps: Partial<ServerDeps> = {}) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    this.server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    this.ctx = startServer(this.server, { version: 'test', ...deps });
    this.client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      for (const l of this.listeners.splice(0)) l(p);
    });
    this.client.listen();
  }

  /** No processId: the server would otherwise watch that process (and exit with it). */
  async initialize(workspaceFolders: string[] = []): Promise<void> {
    await this.client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: workspaceFolders.map((uri) => ({ uri, name: uri })),
    });
    await this.client.sendNotification(InitializedNotification.type, {});
  }

  /** The next publication for `uri`. */
  diagnostics(uri: string, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      const wait = (p: PublishDiagnosticsParams) => {
        if (p.uri !== uri) return void this.listeners.push(wait);
        clearTimeout(timer);
        resolve(p);
      };
      this.listeners.push(wait);
    });
  }

  /** Resolves when what has been published satisfies `done` (checked at each publication). */
  until(done: (published: readonly PublishDiagnosticsParams[]) => boolean, timeoutMs = 30000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not published within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (!done(this.published)) return void this.listeners.push(check);
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  }

  /** Ends the session without the exit notification (which ends the process). */
  dispose(): void {
    this.ctx.dispose();
    this.client.dispose();
    this.server.dispose();
  }
}
