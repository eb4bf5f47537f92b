/** The real language server over stdio: initialize, open documents, receive diagnostics. */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  ExitNotification,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { readSeed, seed, SERVER } from '../helpers/paths';

class ServerSession {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  private readonly waiting = new Map<string, Array<(p: PublishDiagnosticsParams) => void>>();
  readonly received = new Map<string, PublishDiagnosticsParams>();

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.received.set(p.uri, p);
      const ws = this.waiting.get(p.uri) ?? [];
      this.waiting.delete(p.uri);
      for (const w of ws) w(p);
    });
    this.conn.listen();
  }

  async initialize(): Promise<void> {
    const result = await this.conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    assert.equal(result.serverInfo?.name, 'cmrlint');
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  /** The next diagnostics published for uri (with a hard timeout). */
  next(uri: string, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(uri) ?? [];
      list.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
      this.waiting.set(uri, list);
    });
  }

  async open(uri: string, text: string, languageId = 'cmr'): Promise<PublishDiagnosticsParams> {
    const next = this.next(uri);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return next;
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } finally {
      this.conn.dispose();
      if (this.proc.exitCode === null) this.proc.kill();
    }
  }
}

describe('language server over stdio', function () {
  this.timeout(20000);
  let s: ServerSession;

  before(async () => {
    s = new ServerSession();
    await s.initialize();
  });
  after(async () => s.stop());

  it('publishes the Allison seed\'s diagnostics with code, source, docs link and related information', async () => {
    const uri = pathToFileURL(seed('allison-2023-form-sd.txt')).toString();
    const p = await s.open(uri, readSeed('allison-2023-form-sd.txt'));
    assert.equal(p.diagnostics.length, 35);
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'cmrlint');
      assert.match(String(d.code), /^[a-z-]+$/);
      assert.match(d.codeDescription!.href, /docs\/rules\/[a-z-]+\.md$/);
    }
    const unknown = p.diagnostics.find((d) => d.code === 'country-unknown')!;
    assert.equal(unknown.range.start.line, 567); // line 568, 0-based
    assert.equal(unknown.severity, 1);
    const taboca = p.diagnostics.find((d) => d.code === 'row-near-duplicate' && d.range.start.line === 430)!;
    assert.equal(taboca.relatedInformation![0].location.range.start.line, 429);
    assert.equal(taboca.relatedInformation![0].location.uri, uri);
  });

  it('updates diagnostics on edits (incremental sync)', async () => {
    const uri = 'file:///tmp/cmrlint-edit-form-sd.txt';
    const first = await s.open(uri, 'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tTHAILND\n');
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['country-unknown']);
    const next = s.next(uri);
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 21 } }, text: 'THAILAND' }],
    });
    assert.deepEqual((await next).diagnostics, []);
  });

  it('lints a CSV smelter list, and stays silent on a CSV that is not one', async () => {
    const list = await s.open('file:///tmp/suppliers.csv', 'Metal,Smelter Name,Country\nTin,Thaisarco,USA\n', 'csv');
    assert.deepEqual(list.diagnostics.map((d) => d.code), ['country-alias']);
    const other = await s.open('file:///tmp/contacts.csv', 'Name,Email\nJane,jane@example.com\n', 'csv');
    assert.deepEqual(other.diagnostics, []);
  });

  it('lints a Markdown filing\'s pipe table', async () => {
    const p = await s.open('file:///tmp/report.cmr.md', '| Metal | Smelter Name | Country |\n|---|---|---|\n| Tin | Thaisarco | Thailnd |\n', 'markdown');
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['country-unknown', 2, 20]]);
  });
});
