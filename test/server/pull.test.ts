/**
 * The language server with a client that pulls diagnostics (LSP 3.17, as VS Code's language client does):
 * document and workspace pulls, findings of files linted from disk that stay after a file is opened and
 * closed, one count, the reference in use (Restricted Mode said), the reference list never linted as a
 * supplier's, "Ignore this finding" with a reason, aggregate tables naming files as the CLI does.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceDiagnosticReport,
  WorkspaceDiagnosticRequest,
  DiagnosticRefreshRequest,
  HoverRequest,
  LogMessageNotification,
  SemanticTokensRangeRequest,
  CodeActionRequest,
  CompletionRequest,
} from 'vscode-languageserver-protocol/node';
import { countFindings } from '../../server/src/core/counts';
import { AggregateRequest, FileStatusRequest, LintWorkspaceRequest, ServerCommands, SummaryRequest } from '../../server/src/protocol';
import { ROOT, SERVER } from '../helpers/paths';

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
const LOOKUP = path.join(ROOT, 'samples', 'sample-smelter-lookup.csv');
const LIST = 'Metal\tSmelter Name\tSmelter Country\tSmelter ID\nTin\tMinsur\tPERUU\tCID001182\nGold\tRefinery A Works\tJAPAN\t\n';

class PullSession {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  pushed = 0;
  refreshes = 0;
  readonly logs: string[] = [];
  settings: Record<string, unknown> = {};
  private workspaceIds: Array<{ uri: string; value: string }> = [];

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, () => this.pushed++);
    this.conn.onNotification(LogMessageNotification.type, (m) => this.logs.push(m.message));
    this.conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    this.conn.onRequest(RegistrationRequest.type, () => undefined);
    this.conn.onRequest(DiagnosticRefreshRequest.type, () => void this.refreshes++);
    this.conn.listen();
  }

  async initialize(folder: string, trusted = true): Promise<void> {
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: { diagnostic: { dynamicRegistration: false } },
        workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      },
      workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }],
      initializationOptions: { trusted },
    });
    assert.deepEqual(result.capabilities.diagnosticProvider, {
      identifier: 'cmrlint',
      interFileDependencies: false,
      workspaceDiagnostics: true,
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tsv', version, text } });
  }

  /** A document pull: its diagnostics, or 'unchanged'. */
  async pull(uri: string, previousResultId?: string): Promise<{ items: Diagnostic[]; resultId?: string } | 'unchanged'> {
    const r = await this.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
    if (r.kind === DocumentDiagnosticReportKind.Unchanged) return 'unchanged';
    return { items: r.items, resultId: r.resultId };
  }

  /** A workspace pull, as the client sends it (with the result ids it has): the files whose diagnostics changed. */
  async pullWorkspace(): Promise<Map<string, Diagnostic[]>> {
    const r: WorkspaceDiagnosticReport = await this.conn.sendRequest(WorkspaceDiagnosticRequest.type, {
      previousResultIds: this.workspaceIds,
    });
    const out = new Map<string, Diagnostic[]>();
    for (const item of r.items) {
      if (item.kind !== DocumentDiagnosticReportKind.Full) continue;
      out.set(item.uri, item.items);
      this.workspaceIds = [...this.workspaceIds.filter((p) => p.uri !== item.uri), { uri: item.uri, value: item.resultId! }];
    }
    return out;
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } finally {
      this.conn.dispose();
      this.proc.kill();
    }
  }
}

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-pull-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const uriOf = (folder: string, name: string) => pathToFileURL(path.join(folder, name)).toString();
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

describe('language server: pull diagnostics (LSP 3.17)', () => {
  it('an open document: its diagnostics on a pull, "unchanged" when the client has them, the new version after an edit; nothing pushed', async () => {
    const folder = folderWith({});
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const uri = uriOf(folder, 'supplier.tsv');
      await s.open(uri, LIST);
      const first = await s.pull(uri);
      assert.ok(first !== 'unchanged');
      assert.ok(codes(first.items).includes('country-unknown'), JSON.stringify(codes(first.items)));
      assert.equal(await s.pull(uri, first.resultId), 'unchanged');
      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: LIST.replace('PERUU', 'PERU') }],
      });
      const second = await s.pull(uri, first.resultId);
      assert.ok(second !== 'unchanged');
      assert.ok(!codes(second.items).includes('country-unknown'), 'the edited version is linted before it is answered');
      assert.equal(s.pushed, 0, 'a client that pulls gets nothing pushed');
    } finally {
      await s.stop();
    }
  });

  it('typing in a quoted CSV cell reads only the edited row again, with the findings of a full lint', async () => {
    const folder = folderWith({});
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const uri = uriOf(folder, 'quoted.csv');
      const rows = ['Metal,Smelter Name,Smelter Country,Smelter Identification'];
      for (let i = 0; i < 50; i++) rows.push(`Tin,"Smelter ${i}, Ltd.","PERU",CID${String(100000 + i)}`);
      const text = rows.join('\n') + '\n';
      await s.open(uri, text);
      await s.pull(uri);
      const at = text.indexOf('"PERU"', text.indexOf('Smelter 20,')) + 1;
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - text.lastIndexOf('\n', at) - 1;
      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'X' }],
      });
      const edited = await s.pull(uri);
      assert.ok(edited !== 'unchanged');
      assert.ok(codes(edited.items).includes('country-unknown'), JSON.stringify(codes(edited.items)));
      assert.ok(
        s.logs.some((m) => /version 2, only the edited row read again/.test(m)),
        s.logs.filter((m) => /^linted/.test(m)).join('\n'),
      );
    } finally {
      await s.stop();
    }
  });

  it("with run: onSave, a pull while typing answers the last saved version's lint at once, and a pull after saving the saved one", async () => {
    const folder = folderWith({});
    const s = new PullSession();
    try {
      s.settings = { run: 'onSave' };
      await s.initialize(folder);
      const uri = uriOf(folder, 'supplier.tsv');
      await s.open(uri, LIST);
      const first = await s.pull(uri);
      assert.ok(first !== 'unchanged' && codes(first.items).includes('country-unknown'));
      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: LIST.replace('PERUU', 'PERU') }],
      });
      assert.equal(await s.pull(uri, first.resultId), 'unchanged', 'not linted while typing');
      await s.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      const saved = await s.pull(uri, first.resultId);
      assert.ok(saved !== 'unchanged' && !codes(saved.items).includes('country-unknown'), 'linted on save');
    } finally {
      await s.stop();
    }
  });

  it('"Lint workspace": findings from disk stay after the file is opened and closed, and go when it changes on disk', async () => {
    const folder = folderWith({ 'a.tsv': LIST, 'b.tsv': 'Metal\tSmelter Name\tSmelter Country\nTin\tMinsur\tPERU\n' });
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const a = uriOf(folder, 'a.tsv');
      const r = await s.conn.sendRequest(LintWorkspaceRequest, {});
      assert.ok('counts' in r && r.counts, JSON.stringify(r));
      const fromDisk = await s.pullWorkspace();
      const before = codes(fromDisk.get(a) ?? []);
      assert.ok(before.includes('country-unknown'), JSON.stringify([...fromDisk.keys()]));
      // one count: what the workspace lint says is what the Problems panel lists (hints apart)
      const listed = [...fromDisk.values()].flat();
      assert.equal(r.problems, countFindings(listed, (d) => SEVERITIES[(d.severity ?? 1) - 1]).problems);

      await s.open(a, LIST);
      assert.ok((await s.pull(a)) !== 'unchanged');
      await s.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: a } });
      const afterClose = await s.pullWorkspace();
      assert.deepEqual(codes(afterClose.get(a) ?? []), before, 'closing the file gives its findings from disk again');

      fs.writeFileSync(path.join(folder, 'a.tsv'), LIST.replace('PERUU', 'PERU'));
      await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: a, type: 2 }] });
      const changed = await s.pullWorkspace();
      assert.ok(!codes(changed.get(a) ?? []).includes('country-unknown'), 'the file changed on disk: linted again');
    } finally {
      await s.stop();
    }
  });

  it('a closed file never linted from disk loses its findings', async () => {
    const folder = folderWith({});
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const uri = uriOf(folder, 'unsaved.tsv');
      await s.open(uri, LIST);
      assert.ok((await s.pull(uri)) !== 'unchanged');
      await s.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      assert.deepEqual((await s.pullWorkspace()).get(uri), []);
    } finally {
      await s.stop();
    }
  });

  it('the status of a file: counts as the panel lists them, the reference from .cmrlint.json; the reference list itself is not linted', async () => {
    const folder = folderWith({ 'a.tsv': LIST, '.cmrlint.json': JSON.stringify({ reference: 'lookup.csv' }) });
    fs.copyFileSync(LOOKUP, path.join(folder, 'lookup.csv'));
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const a = uriOf(folder, 'a.tsv');
      await s.open(a, LIST);
      const pulled = await s.pull(a);
      assert.ok(pulled !== 'unchanged');
      const status = await s.conn.sendRequest(FileStatusRequest, { uri: a });
      assert.deepEqual(
        status.counts,
        countFindings(pulled.items, (d) => SEVERITIES[(d.severity ?? 1) - 1]),
      );
      assert.equal(status.reference.source, 'config');
      assert.equal(status.reference.file, path.join(folder, 'lookup.csv'));
      assert.equal(status.isReference, false);

      const lookup = uriOf(folder, 'lookup.csv');
      await s.open(lookup, fs.readFileSync(LOOKUP, 'utf8'));
      const pulled2 = await s.pull(lookup);
      assert.ok(pulled2 !== 'unchanged');
      assert.deepEqual(pulled2.items, [], 'the reference list is not linted as a supplier list');
      const ls = await s.conn.sendRequest(FileStatusRequest, { uri: lookup });
      assert.equal(ls.isReference, true);
      const r = await s.conn.sendRequest(LintWorkspaceRequest, {});
      assert.ok('linted' in r);
      assert.equal(r.linted, 1, 'a.tsv only: the reference list is no supplier list');
    } finally {
      await s.stop();
    }
  });

  it('Restricted Mode: the reference named in .cmrlint.json is not read, and the status and the summary say so', async () => {
    const folder = folderWith({ 'a.tsv': LIST, '.cmrlint.json': JSON.stringify({ reference: 'lookup.csv' }) });
    fs.copyFileSync(LOOKUP, path.join(folder, 'lookup.csv'));
    const s = new PullSession();
    try {
      await s.initialize(folder, false);
      const a = uriOf(folder, 'a.tsv');
      await s.open(a, LIST);
      await s.pull(a);
      const status = await s.conn.sendRequest(FileStatusRequest, { uri: a });
      assert.equal(status.restricted, true);
      assert.equal(status.reference.source, 'restricted');
      assert.match(status.reference.label, /Restricted Mode: lookup\.csv is not read/);
      const summary = await s.conn.sendRequest(SummaryRequest, { uri: a });
      assert.ok('summary' in summary);
      assert.equal(summary.summary.reference?.source, 'restricted');
      assert.match(summary.summary.notes[0], /^Restricted Mode: linted with the bundled list, not lookup\.csv/);
    } finally {
      await s.stop();
    }
  });

  it('readable tables: each column of the lines on screen a token of its own type; the column named in the hover of any cell', async () => {
    const folder = folderWith({});
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const uri = uriOf(folder, 'supplier.tsv');
      await s.open(uri, LIST);
      const tokens = await s.conn.sendRequest(SemanticTokensRangeRequest.type, {
        textDocument: { uri },
        range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
      });
      // one row of four cells: (delta line, delta start, length, type, modifiers) each; types 0..3 by column
      assert.deepEqual(tokens?.data, [1, 0, 3, 0, 0, 0, 4, 6, 1, 0, 0, 7, 5, 2, 0, 0, 6, 9, 3, 0]);
      const hover = await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 8 } });
      assert.match(JSON.stringify(hover?.contents), /Column 2 of 4: \*\*Smelter Name\*\*/);
    } finally {
      await s.stop();
    }
  });

  it('"Ignore this finding" writes the reason given', async () => {
    const folder = folderWith({ 'a.tsv': LIST });
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const a = uriOf(folder, 'a.tsv');
      await s.open(a, LIST);
      await s.pull(a);
      const r = (await s.conn.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommands.ignoreFinding,
        arguments: [a, 'country-unknown', 'Tin | Minsur | PERUU | CID001182', '  spelled so by the supplier\n on purpose '],
      })) as { ignored: boolean; file: string };
      assert.equal(r.ignored, true);
      const config = JSON.parse(fs.readFileSync(r.file, 'utf8')) as { ignore: Array<{ rule: string; reason?: string }> };
      assert.deepEqual(
        config.ignore.map((e) => [e.rule, e.reason]),
        [['country-unknown', 'spelled so by the supplier on purpose']],
      );
    } finally {
      await s.stop();
    }
  });

  it('an aggregate table names its files relative to the workspace folder, as the CLI run there does', async () => {
    const folder = folderWith({ 'suppliers/a.tsv': LIST });
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const output = path.join(folder, 'merged.tsv');
      const r = await s.conn.sendRequest(AggregateRequest, {
        uris: [pathToFileURL(path.join(folder, 'suppliers')).toString()],
        output: pathToFileURL(output).toString(),
      });
      assert.ok('smelters' in r, JSON.stringify(r));
      const table = fs.readFileSync(output, 'utf8');
      assert.ok(table.includes('suppliers/a.tsv'), table);
      assert.ok(!table.includes(folder), table);
    } finally {
      await s.stop();
    }
  });
});

describe('language server: typing in a large list (issue 25, item 6)', () => {
  /** A quoted CSV list of `n` distinct rows, with a Comments column whose text no rule reads. */
  const quotedList = (n: number) =>
    [
      'Metal,Smelter Name,Smelter Country,Smelter Identification,Comments',
      ...Array.from({ length: n }, (_, i) => `Tin,"Smelter ${i}, Ltd.",PERU,CID${String(100000 + i)},"Audited, row ${i}"`),
    ].join('\n') + '\n';
  /** The position just before `needle` (after its first occurrence past `after`). */
  const positionOf = (text: string, needle: string, after: string) => {
    const at = text.indexOf(needle, text.indexOf(after));
    return { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
  };
  const lintsOf = (logs: string[]) => logs.filter((m) => /^linted .*\(version \d+/.test(m));

  it('an edit that changes no finding is answered "unchanged": nothing to send, convert or redraw', async () => {
    const folder = folderWith({});
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const uri = uriOf(folder, 'list.csv');
      const text = quotedList(30);
      await s.open(uri, text);
      const first = await s.pull(uri);
      assert.ok(first !== 'unchanged');
      const at = positionOf(text, '"', 'row 12"');
      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: at, end: at }, text: ' again' }],
      });
      assert.equal(await s.pull(uri, first.resultId), 'unchanged', 'a comment typed: the same findings');
      const country = positionOf(text, 'PERU', 'Smelter 20,');
      await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 3 },
        contentChanges: [{ range: { start: country, end: country }, text: 'X' }],
      });
      const changed = await s.pull(uri, first.resultId);
      assert.ok(changed !== 'unchanged' && codes(changed.items).includes('country-unknown'), 'a finding more: the new diagnostics');
    } finally {
      await s.stop();
    }
  });

  it('requests while typing (hover, code actions, completion) wait for the debounced lint: each version linted once, from its row', async () => {
    const folder = folderWith({});
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const uri = uriOf(folder, 'list.csv');
      const text = quotedList(500);
      await s.open(uri, text);
      await s.pull(uri);
      const at = positionOf(text, ' Ltd.', 'Smelter 250,');
      const answers: Array<Promise<unknown>> = [];
      for (let i = 0; i < 5; i++) {
        const position = { line: at.line, character: at.character + i };
        await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: i + 2 },
          contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
        });
        const after = { line: at.line, character: at.character + i + 1 };
        answers.push(
          s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: after }),
          s.conn.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range: { start: after, end: after },
            context: { diagnostics: [] },
          }),
          s.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: after }),
        );
      }
      const last = await s.pull(uri);
      await Promise.all(answers);
      assert.ok(last !== 'unchanged');
      const lints = lintsOf(s.logs);
      const versions = lints.map((m) => Number(/\(version (\d+)/.exec(m)![1]));
      assert.deepEqual(versions, [...new Set(versions)], `a version linted twice:\n${lints.join('\n')}`);
      assert.ok(versions.includes(6), `the last version is linted:\n${lints.join('\n')}`);
      for (const m of lints.slice(1)) assert.match(m, /only the edited row read again/, 'an edit inside a row is never linted in full');
    } finally {
      await s.stop();
    }
  });

  it('saving a version already linted does not lint it again', async () => {
    const folder = folderWith({ 'list.csv': quotedList(30) });
    const s = new PullSession();
    try {
      await s.initialize(folder);
      const uri = uriOf(folder, 'list.csv');
      await s.open(uri, quotedList(30));
      await s.pull(uri);
      await s.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      // a request after the save is answered after what the save started (its lint is due at once), and an
      // absence needs a window: the save's lint would have logged within it
      await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(lintsOf(s.logs).length, 1, lintsOf(s.logs).join('\n'));
    } finally {
      await s.stop();
    }
  });
});
