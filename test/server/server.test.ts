/** The real language server over stdio: initialize, open documents, receive diagnostics. */
import { workbookFindingsUri } from '../../server/src/lsp/handlers/workbook';
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
  HoverRequest,
  CodeActionRequest,
  CodeAction,
  ExecuteCommandRequest,
  ApplyWorkspaceEditRequest,
  ApplyWorkspaceEditParams,
  TextDocumentEdit,
  DocumentSymbolRequest,
  DocumentSymbol,
  CompletionRequest,
  CompletionItem,
  ConfigurationRequest,
  RegistrationRequest,
  DidChangeConfigurationNotification,
  DidSaveTextDocumentNotification,
  ShowMessageNotification,
  LogMessageNotification,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DATA, FIXTURES, readSeed, seed, SERVER } from '../helpers/paths';
import { cliJson } from '../helpers/cli';
import { countFindings, countsText } from '../../server/src/core/counts';
import {
  AggregateRequest,
  LintWorkbooksNotification,
  LintWorkspaceRequest,
  ProgressNotification,
  SummaryRequest,
} from '../../server/src/protocol';
import * as nodeFs from 'node:fs';
import * as nodeOs from 'node:os';
import * as nodePath from 'node:path';

function applied(text: string, edit: TextDocumentEdit): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'cmr', 1, text), edit.edits);
}

class ServerSession {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  private readonly waiting = new Map<string, Array<(p: PublishDiagnosticsParams) => void>>();
  readonly received = new Map<string, PublishDiagnosticsParams>();
  /** How many times diagnostics were published per document. */
  readonly published = new Map<string, number>();
  /** What the server wrote to its log (the output channel), in order. */
  readonly logs: string[] = [];

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.received.set(p.uri, p);
      this.published.set(p.uri, (this.published.get(p.uri) ?? 0) + 1);
      const ws = this.waiting.get(p.uri) ?? [];
      this.waiting.delete(p.uri);
      for (const w of ws) w(p);
    });
    this.conn.onNotification(LogMessageNotification.type, (m) => this.logs.push(m.message));
    this.conn.listen();
  }

  /** Settings the fake client answers workspace/configuration with (when `configurable`). */
  settings: Record<string, unknown> = {};

  async initialize(configurable = false, extra: { workspaceFolders?: string[]; trusted?: boolean } = {}): Promise<void> {
    if (configurable) {
      this.conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
      this.conn.onRequest(RegistrationRequest.type, () => undefined);
    }
    const capabilities = configurable ? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } : {};
    const workspaceFolders = extra.workspaceFolders?.map((f) => ({ uri: pathToFileURL(f).toString(), name: f })) ?? null;
    const initializationOptions = extra.trusted === undefined ? undefined : { trusted: extra.trusted };
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders,
      initializationOptions,
    });
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

  it("publishes the Allison seed's diagnostics with code, source, docs link and related information", async () => {
    const uri = pathToFileURL(seed('allison-2023-form-sd.txt')).toString();
    const p = await s.open(uri, readSeed('allison-2023-form-sd.txt'));
    // 30 findings, and 11 rows listed twice under one CID (issue 23: identity by CID and metal)
    assert.equal(p.diagnostics.length, 41);
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
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['country-unknown'],
    );
    const next = s.next(uri);
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 21 } }, text: 'THAILAND' }],
    });
    assert.deepEqual((await next).diagnostics, []);
  });

  it('lints a CSV smelter list, and stays silent on a CSV that is not one', async () => {
    const list = await s.open('file:///tmp/suppliers.csv', 'Metal,Smelter Name,Country\nTin,Thaisarco,USA\n', 'csv');
    assert.deepEqual(
      list.diagnostics.map((d) => d.code),
      ['country-alias'],
    );
    const other = await s.open('file:///tmp/contacts.csv', 'Name,Email\nJane,jane@example.com\n', 'csv');
    assert.deepEqual(other.diagnostics, []);
  });

  it('answers hovers on a CID and a country cell', async () => {
    const uri = pathToFileURL(seed('calix-2018-form-sd.txt')).toString();
    await s.open(uri, readSeed('calix-2018-form-sd.txt'));
    const h = await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 117, character: 61 } });
    assert.match(JSON.stringify(h?.contents), /Abington Reldan Metals, LLC/);
    assert.deepEqual(h?.range, { start: { line: 117, character: 58 }, end: { line: 117, character: 67 } });
    const c = await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 120, character: 29 } });
    assert.match(JSON.stringify(c?.contents), /Covered Country/);
  });

  it('offers quick fixes keyed by rule id, documentation, and source.fixAll.cmrlint', async () => {
    const uri = 'file:///tmp/cmrlint-actions-form-sd.txt';
    const text = 'Metal\tSmelter Name\tCountry\tCID\nTin\tThaisarco\tUnited Kindom\tcid 1898\nTin\tThaisarco\tUnited Kindom\tcid 1898\n';
    const p = await s.open(uri, text);
    const unknown = p.diagnostics.find((d) => d.code === 'country-unknown')!;
    const actions = (await s.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Change to 'UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND'"), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for country-unknown'));
    const change = actions.find((a) => a.title.startsWith('Change to'))!;
    const docEdit = change.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(docEdit.textDocument.version, 1, 'edits name the version they were computed for');
    assert.deepEqual(docEdit.edits[0].range, unknown.range);
    const fixAll = (await s.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.cmrlint'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.cmrlint');
    // the duplicate row goes, the CID is normalised; the misspelt country is left for a person to choose
    assert.equal(
      applied(text, fixAll[0].edit!.documentChanges![0] as TextDocumentEdit),
      'Metal\tSmelter Name\tCountry\tCID\nTin\tThaisarco\tUnited Kindom\tCID001898\n',
    );
  });

  it('applies fix-all through the cmrlint.applyFixAll command (workspace/applyEdit)', async () => {
    const uri = 'file:///tmp/cmrlint-command-form-sd.txt';
    const text = 'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tKOREA\nTin\tThaisarco\tKOREA\n';
    await s.open(uri, text);
    let request: ApplyWorkspaceEditParams | undefined;
    const sub = s.conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      request = p;
      return { applied: true };
    });
    const said: string[] = [];
    const shown = s.conn.onNotification(ShowMessageNotification.type, (m) => said.push(m.message));
    const r = await s.conn.sendRequest(ExecuteCommandRequest.type, { command: 'cmrlint.applyFixAll', arguments: [uri, 1] });
    sub.dispose();
    assert.deepEqual(r, { applied: true });
    // and it says what it changed
    await new Promise((res) => setTimeout(res, 100));
    shown.dispose();
    assert.deepEqual(said, ['cmrlint fixed 2 problems: 1 country-alias, 1 row-duplicate.']);
    assert.equal(
      applied(text, request!.edit.documentChanges![0] as TextDocumentEdit),
      'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tKOREA, REPUBLIC OF\n',
    );
    const stale = await s.conn.sendRequest(ExecuteCommandRequest.type, { command: 'cmrlint.applyFixAll', arguments: [uri, 99] });
    assert.deepEqual(stale, { applied: false, reason: 'the document changed' });
  });

  it('"Ignore this finding" writes .cmrlint.json beside the filing and the finding goes', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-server-ignore-'));
    const file = path.join(dir, 'x-form-sd.txt');
    const text = 'Metal\tSmelter Name\tCountry\nTin\tEM Vinto\tKOREA\n';
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const p = await s.open(uri, text);
    const d = p.diagnostics[0];
    const actions = (await s.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore this country-alias finding (in .cmrlint.json)');
    assert.ok(ignore?.command, actions.map((a) => a.title).join(' | '));
    const next = s.next(uri);
    await s.conn.sendRequest(ExecuteCommandRequest.type, { command: ignore.command.command, arguments: ignore.command.arguments });
    assert.deepEqual((await next).diagnostics, []);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, '.cmrlint.json'), 'utf8')), {
      ignore: [{ rule: 'country-alias', row: 'Tin | EM Vinto | KOREA' }],
    });
  });

  it('gives the outline and completions', async () => {
    const uri = pathToFileURL(seed('allot-2013-form-sd.txt')).toString();
    await s.open(uri, readSeed('allot-2013-form-sd.txt'));
    const symbols = (await s.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const appendix = symbols.find((x) => x.name === 'APPENDIX A')!;
    assert.equal(appendix.children![0].detail, '277 rows, 265 smelters');
    const items = (await s.conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 370, character: 31 },
    })) as CompletionItem[];
    assert.ok(
      items.some((i) => i.label === 'United Kingdom of Great Britain and Northern Ireland'),
      'ISO title case in this filing',
    );
  });

  it('lints an HTML exhibit on its own characters: squiggles, hover and outline on the HTML, no quick fix', async () => {
    const file = nodePath.join(FIXTURES, 'html', 'acme-2024-ex1-01.htm');
    const text = nodeFs.readFileSync(file, 'utf8');
    const uri = 'file:///tmp/acme-2024-ex1-01.htm';
    const doc = TextDocument.create(uri, 'html', 1, text);
    const p = await s.open(uri, text, 'html');
    const d = p.diagnostics.find((x) => x.code === 'country-unknown')!;
    assert.equal(text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)), 'JAPN');
    assert.deepEqual(
      cliJson([file]).findings.map((f) => [f.rule, f.line, f.column]),
      p.diagnostics.map((x) => [x.code, x.range.start.line + 1, x.range.start.character + 1]),
      'the same places as the CLI',
    );
    const actions = (await s.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix', 'source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions, [], 'no edit of the rendered text is applied to the HTML');
    const gold = doc.positionAt(text.indexOf('Gold</FONT>') + 1);
    const h = await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: gold });
    assert.match(JSON.stringify(h?.contents), /Gold\*\* \(Au\)/);
    const symbols = (await s.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const all = (xs: DocumentSymbol[]): DocumentSymbol[] => xs.flatMap((x) => [x, ...all(x.children ?? [])]);
    const table = all(symbols).find((x) => x.kind === 18 /* Array: the smelter table */);
    assert.ok(table, JSON.stringify(symbols));
    assert.equal(text.slice(doc.offsetAt(table.range.start), doc.offsetAt(table.range.start) + 5), 'Metal');
  });

  it("lints a Markdown filing's pipe table", async () => {
    const p = await s.open(
      'file:///tmp/report.cmr.md',
      '| Metal | Smelter Name | Country |\n|---|---|---|\n| Tin | Thaisarco | Thailnd |\n',
      'markdown',
    );
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['country-unknown', 2, 20]],
    );
  });
});

describe('language server log (the output channel)', function () {
  this.timeout(20000);
  it('says it started, and for each lint what, how long, how many findings and against which reference', async () => {
    const s = new ServerSession();
    const log = s.logs;
    try {
      await s.initialize();
      await s.open('file:///tmp/cmrlint-log-form-sd.txt', 'Metal\tSmelter Name\tCountry\nTin\tMinsur\tPERUU\n');
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(
        log.some((l) => /^cmrlint \d+\.\d+\.\d+ started \(Node v\d+/.test(l)),
        log.join('\n'),
      );
      assert.ok(
        log.some((l) =>
          /^linted file:\/\/\/tmp\/cmrlint-log-form-sd\.txt \(version 1\) in \d+ ms: 1 finding; reference: bundled list/.test(l),
        ),
        log.join('\n'),
      );
    } finally {
      await s.stop();
    }
  });
});

describe('language server settings (workspace/configuration)', function () {
  this.timeout(20000);
  let s: ServerSession;

  before(async () => {
    s = new ServerSession();
    await s.initialize(true);
  });
  after(async () => s.stop());

  it('reads countryStyle and per-rule severities, and re-lints open documents when they change', async () => {
    const uri = 'file:///tmp/cmrlint-settings-form-sd.txt';
    const first = await s.open(uri, 'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tTHAILAND\nTin\tMinsur\tKOREA\n');
    assert.deepEqual(
      first.diagnostics.map((d) => [d.code, d.severity]),
      [['country-alias', 2]],
    );
    s.settings = { rules: { 'country-alias': 'error' } };
    let next = s.next(uri);
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual(
      (await next).diagnostics.map((d) => [d.code, d.severity]),
      [['country-alias', 1]],
    );
    s.settings = { countryStyle: 'iso' };
    next = s.next(uri);
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const iso = (await next).diagnostics;
    assert.ok(
      iso.some((d) => d.code === 'country-inconsistent' && /'Thailand'/.test(d.message)),
      iso.map((d) => d.message).join(' | '),
    );
  });

  it('publishes at most cmrlint.maxNumberOfProblems diagnostics, errors first, and one saying how many there are', async () => {
    s.settings = { maxNumberOfProblems: 3 };
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const rows = Array.from({ length: 8 }, (_, i) =>
      i === 6
        ? `Tin\tSmelter ${i}\tPERUU\tCID001182`
        : `Tin\tSmelter ${i}\t${['USA', 'UK', 'Russia', 'Vietnam', 'Bolivia', 'Iran', '', 'Syria'][i]}\tCID00120${i}`,
    );
    const p = await s.open('file:///tmp/cmrlint-many.tsv', `Metal\tSmelter Name\tCountry\tSmelter ID\n${rows.join('\n')}\n`, 'tsv');
    assert.equal(p.diagnostics.length, 4);
    assert.equal(p.diagnostics[0].code, 'more-problems');
    assert.match(p.diagnostics[0].message, /found \d+ problems in this file and shows the first 3/);
    assert.ok(
      p.diagnostics.some((d) => d.code === 'country-unknown'),
      'the error is among those shown',
    );
    s.settings = {};
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  });

  it("with cmrlint.reference set to a CMRT workbook, checks CIDs against RMI's full list", async () => {
    const path = await import('node:path');
    s.settings = { reference: path.join(DATA, 'RMI_CMRT_6.5.xlsx') };
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const uri = pathToFileURL(seed('calix-2018-form-sd.txt')).toString().replace('.txt', '-copy.txt');
    const p = await s.open(uri, readSeed('calix-2018-form-sd.txt'));
    const unknown = p.diagnostics.filter((d) => d.code === 'cid-unknown');
    // the 2018 report's CIDs RMI retired before 6.5: one diagnostic, every row among its related places
    assert.equal(unknown.length, 1, unknown.map((d) => d.message).join('\n'));
    assert.match(unknown[0].message, /not in the reference \(RMI_CMRT_6\.5\.xlsx\).*The same on 74 more rows/);
    assert.ok((unknown[0].relatedInformation?.length ?? 0) > 50, `${unknown[0].relatedInformation?.length}`);
    s.settings = {};
  });

  it('with run: onSave, lints on save and not while typing', async () => {
    s.settings = { run: 'onSave' };
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const uri = 'file:///tmp/cmrlint-onsave-form-sd.txt';
    await s.open(uri, 'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tTHAILAND\n');
    let published = false;
    const early = s.next(uri, 1500).then(
      () => (published = true),
      () => undefined,
    );
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 22 } }, text: 'THAILND' }],
    });
    await early;
    assert.equal(published, false, 'no diagnostics while typing');
    const next = s.next(uri);
    await s.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepEqual(
      (await next).diagnostics.map((d) => d.code),
      ['country-unknown'],
    );
  });
});

describe('language server: the project configuration, as the CLI reads it', function () {
  this.timeout(20000);
  const text =
    'Metal\tSmelter Name\tCountry\tSmelter ID\nTin\tEM Vinto\tKOREA\tCID000438\nTin\tMinsur\tPERU\t\nGold\tSome Unknown Refinery\tJAPAN\tCID999998\nTin\tThaisarco\tThailand\tcid 1898\n';
  let outer: string;
  let folder: string;
  let file: string;

  before(() => {
    // a .cmrlint.json above the workspace folder must never be used or written
    outer = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), 'cmrlint-ws-'));
    nodeFs.writeFileSync(nodePath.join(outer, '.cmrlint.json'), JSON.stringify({ rules: { 'cid-format': 'off' } }));
    folder = nodePath.join(outer, 'workspace');
    nodeFs.mkdirSync(nodePath.join(folder, '.git'), { recursive: true });
    nodeFs.mkdirSync(nodePath.join(folder, 'ref'));
    nodeFs.copyFileSync(nodePath.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), nodePath.join(folder, 'ref', 'lookup.csv'));
    nodeFs.writeFileSync(
      nodePath.join(folder, '.cmrlint.json'),
      JSON.stringify({ rules: { 'country-alias': 'off', 'cid-missing': 'error' }, countryStyle: 'cmrt', reference: 'ref/lookup.csv' }),
    );
    file = nodePath.join(folder, 'acme-form-sd.txt');
    nodeFs.writeFileSync(file, text);
  });

  async function session(trusted?: boolean): Promise<ServerSession> {
    const s = new ServerSession();
    await s.initialize(true, { workspaceFolders: [folder], trusted });
    s.settings = { countryStyle: 'auto', rules: {}, reference: '' }; // VS Code's defaults
    return s;
  }

  it('publishes exactly the findings the CLI reports for the same file and .cmrlint.json', async () => {
    const s = await session();
    try {
      const p = await s.open(pathToFileURL(file).toString(), text);
      const editor = p.diagnostics
        .map((d) => `${d.range.start.line + 1}:${d.code}:${['', 'error', 'warning', 'info', 'hint'][d.severity!]}`)
        .sort();
      const cli = cliJson([file])
        .findings.map((f) => `${f.line}:${f.rule}:${f.severity}`)
        .sort();
      assert.deepEqual(editor, cli);
      assert.ok(
        editor.some((x) => x.endsWith('cid-missing:error')),
        'the project rules apply',
      );
      assert.ok(
        editor.some((x) => x.endsWith('cid-unknown:warning')),
        "the project's reference (RMI's list) applies",
      );
      assert.ok(
        editor.some((x) => x.endsWith('cid-format:error')),
        "the parent folder's .cmrlint.json is not used",
      );
      assert.ok(!editor.some((x) => x.includes('country-alias')));
    } finally {
      await s.stop();
    }
  });

  it('in Restricted Mode (untrusted workspace) reads no reference file', async () => {
    const s = await session(false);
    try {
      const p = await s.open(pathToFileURL(file).toString(), text);
      assert.ok(!p.diagnostics.some((d) => d.code === 'cid-unknown'), 'the bundled list cannot say a CID does not exist');
      assert.ok(
        p.diagnostics.some((d) => d.code === 'cid-missing' && d.severity === 1),
        'the rest of the project configuration applies',
      );
    } finally {
      await s.stop();
    }
  });

  it('computes fix-all only when source.fixAll is asked for, not for the lightbulb at the cursor', async () => {
    const s = await session();
    try {
      const uri = pathToFileURL(file).toString();
      const p = await s.open(uri, text);
      const d = p.diagnostics.find((x) => x.code === 'cid-format')!;
      const atCursor = (await s.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[];
      assert.ok(atCursor.length > 0 && !atCursor.some((a) => a.kind === 'source.fixAll.cmrlint'), atCursor.map((a) => a.kind).join());
      const asked = (await s.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.deepEqual(
        asked.map((a) => a.kind),
        ['source.fixAll.cmrlint'],
      );
    } finally {
      await s.stop();
    }
  });

  it('"Ignore this finding" writes the workspace folder\'s .cmrlint.json, never a parent folder\'s', async () => {
    const s = await session();
    try {
      const uri = pathToFileURL(file).toString();
      const p = await s.open(uri, text);
      const d = p.diagnostics.find((x) => x.code === 'cid-missing')!;
      const actions = (await s.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[];
      const ignore = actions.find((a) => a.title.startsWith('Ignore this cid-missing'))!;
      const next = s.next(uri);
      await s.conn.sendRequest(ExecuteCommandRequest.type, { command: ignore.command!.command, arguments: ignore.command!.arguments });
      assert.ok(!(await next).diagnostics.some((x) => x.code === 'cid-missing'));
      const saved = JSON.parse(nodeFs.readFileSync(nodePath.join(folder, '.cmrlint.json'), 'utf8'));
      assert.equal(saved.ignore.length, 1);
      assert.equal(saved.countryStyle, 'cmrt', 'the other keys are kept');
      assert.deepEqual(JSON.parse(nodeFs.readFileSync(nodePath.join(outer, '.cmrlint.json'), 'utf8')), { rules: { 'cid-format': 'off' } });
    } finally {
      await s.stop();
    }
  });
});

describe('language server: an edit inside one row of a list', function () {
  this.timeout(20000);

  it('publishes what a fresh lint of the edited text gives, edit after edit (the previous lint moved on, not redone)', async () => {
    const s = new ServerSession();
    const logs = s.logs;
    try {
      await s.initialize();
      const rows = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification'];
      for (let i = 0; i < 300; i++)
        rows.push(
          [
            'Tin\tMinsur\tPERU\tCID001182',
            'Gold\tAsahi Pretec Corp.\tJapan\tcid 82',
            'Tin\tThaisarco\tUSA\t',
            'Tin\tMinsur\tPERU\tCID001182',
          ][i % 4],
        );
      let text = rows.join('\n') + '\n';
      const uri = 'file:///tmp/cmrlint-incremental-a.tsv';
      await s.open(uri, text, 'tsv');
      const edits = [
        { line: 5, from: 'Minsur', to: 'Minsurr' },
        { line: 5, from: 'Minsurr', to: 'M' },
        { line: 119, from: 'USA', to: 'THAILAND' },
        { line: 6, from: 'Japan', to: 'JAPAN' },
      ];
      for (const [i, e] of edits.entries()) {
        const lineStart = text.split('\n').slice(0, e.line).join('\n').length + 1;
        const character = text.split('\n')[e.line].indexOf(e.from);
        assert.ok(character >= 0, `line ${e.line} holds '${e.from}'`);
        const next = s.next(uri);
        await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: i + 2 },
          contentChanges: [
            { range: { start: { line: e.line, character }, end: { line: e.line, character: character + e.from.length } }, text: e.to },
          ],
        });
        text = text.slice(0, lineStart + character) + e.to + text.slice(lineStart + character + e.from.length);
        const got = await next;
        const fresh = await s.open(`file:///tmp/cmrlint-incremental-fresh-${i}.tsv`, text, 'tsv');
        const view = (p: PublishDiagnosticsParams) =>
          p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.message]);
        assert.deepEqual(view(got), view(fresh), `after edit ${i + 1}`);
        assert.ok(
          logs.some((l) => l.includes(`cmrlint-incremental-a.tsv (version ${i + 2}, only the edited row read again)`)),
          logs.join('\n'),
        );
      }
    } finally {
      await s.stop();
    }
  });
});

describe('language server: hostile configuration and documents', function () {
  this.timeout(20000);

  it('a FIFO as cmrlint.reference or as .cmrlint.json: a warning, and the document is still linted promptly', async () => {
    const { execFileSync } = await import('node:child_process');
    const { ShowMessageNotification } = await import('vscode-languageserver-protocol/node');
    const folder = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), 'cmrlint-ws-fifo-'));
    execFileSync('mkfifo', [nodePath.join(folder, 'ref.csv')]);
    execFileSync('mkfifo', [nodePath.join(folder, '.cmrlint.json')]);
    const file = nodePath.join(folder, 'a-form-sd.txt');
    const s = new ServerSession();
    const warnings: string[] = [];
    s.conn.onNotification(ShowMessageNotification.type, (m) => warnings.push(m.message));
    try {
      await s.initialize(true, { workspaceFolders: [folder] });
      s.settings = { reference: 'ref.csv' };
      // a FIFO read would block forever: the test's timeout is the clock
      const p = await s.open(pathToFileURL(file).toString(), 'Metal\tSmelter Name\tCountry\nTin\tMinsur\tKOREA\n');
      assert.deepEqual(
        p.diagnostics.map((d) => d.code),
        ['country-alias'],
      );
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(
        warnings.some((w) => /\.cmrlint\.json: .*not a regular file/.test(w)),
        warnings.join(' | '),
      );
      assert.ok(
        warnings.some((w) => /reference .*ref\.csv: is not a regular file/.test(w)),
        warnings.join(' | '),
      );
    } finally {
      await s.stop();
    }
  });

  it('lints a document once when it is opened (not once for open and again for its first content)', async () => {
    const s = new ServerSession();
    try {
      await s.initialize(true); // settings come from the client, a round trip after the open
      const uri = 'file:///tmp/cmrlint-once-form-sd.txt';
      await s.open(uri, 'Metal\tSmelter Name\tCountry\nTin\tMinsur\tKOREA\n');
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(s.published.get(uri), 1);
    } finally {
      await s.stop();
    }
  });
});

describe('language server: workspace commands (lint workspace, aggregate, summary)', function () {
  this.timeout(30000);
  const AGG = nodePath.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'aggregate');

  function workspaceWith(files: string[]): string {
    const folder = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), 'cmrlint-ws-cmd-'));
    nodeFs.mkdirSync(nodePath.join(folder, 'suppliers'));
    for (const f of files) nodeFs.copyFileSync(nodePath.join(AGG, f), nodePath.join(folder, 'suppliers', f));
    return folder;
  }

  it('lint workspace: every list under the folders is published from disk, with progress; an open document keeps its live diagnostics', async () => {
    const folder = workspaceWith(['supplier-a.csv', 'supplier-b.csv', 'supplier-c.tsv']);
    nodeFs.writeFileSync(nodePath.join(folder, 'people.csv'), 'name,email\nBob,bob@example.com\n');
    const s = new ServerSession();
    const progress: Array<{ task: string; done: number; total: number }> = [];
    s.conn.onNotification(ProgressNotification, (p) => progress.push(p));
    try {
      await s.initialize(true, { workspaceFolders: [folder] });
      const open = pathToFileURL(nodePath.join(folder, 'suppliers', 'supplier-c.tsv')).toString();
      await s.open(open, 'Metal\tSmelter Name\tSmelter Country\nTin\tMinsur\tPERUU\n', 'tsv');
      const a = pathToFileURL(nodePath.join(folder, 'suppliers', 'supplier-a.csv')).toString();
      const r = await s.conn.sendRequest(LintWorkspaceRequest, {});
      assert.ok(!('error' in r) && !('cancelled' in r), JSON.stringify(r));
      assert.equal(r.files, 4);
      assert.equal(r.linted, 3, 'people.csv is not a smelter list');
      assert.ok(r.problems > 0);
      assert.ok(
        s.received.get(a)?.diagnostics.some((d) => d.code === 'cid-missing'),
        'supplier-a.csv published from disk',
      );
      assert.deepEqual(
        s.received.get(open)!.diagnostics.map((d) => d.code),
        ['country-unknown'],
        'the open document keeps what its editor holds',
      );
      assert.deepEqual(
        progress.map((p) => `${p.task} ${p.done}/${p.total}`),
        ['lint 0/4', 'lint 1/4', 'lint 2/4', 'lint 3/4'],
      );
    } finally {
      await s.stop();
    }
  });

  it('workbooks from disk: a CMRT at its cells, a broken one named CMRT in one diagnostic, other workbooks and deleted files cleared', async () => {
    const folder = workspaceWith([]);
    const jx = nodePath.join(folder, 'JX CMRT.xlsx');
    nodeFs.copyFileSync(nodePath.join(DATA, '..', 'corpus', 'cmrt-6.4-jx-advanced-metals-2024.xlsx'), jx);
    nodeFs.writeFileSync(nodePath.join(folder, 'broken CMRT.xlsx'), 'PK\x03\x04 not a zip');
    nodeFs.writeFileSync(nodePath.join(folder, 'budget.xlsx'), 'PK\x03\x04 not a zip');
    const s = new ServerSession();
    try {
      await s.initialize(true, { workspaceFolders: [folder] });
      const uris = ['JX CMRT.xlsx', 'broken CMRT.xlsx', 'budget.xlsx', 'gone CMRT.xlsx'].map((f) =>
        pathToFileURL(nodePath.join(folder, f)).toString(),
      );
      // a workbook's findings are published under its cmrt-cell: URI (an entry opens the workbook view at its cell)
      const published = Promise.all(uris.map((u) => s.next(workbookFindingsUri(u))));
      await s.conn.sendNotification(LintWorkbooksNotification, { uris });
      const [good, broken, other, gone] = await published;
      assert.ok(
        good.diagnostics.some((d) => d.code === 'cmrt-country' && d.range.start.line === 13 && d.range.start.character === 4),
        'Smelter List!E14',
      );
      assert.deepEqual(
        broken.diagnostics.map((d) => d.code),
        ['file-format'],
      );
      assert.match(broken.diagnostics[0].message, /corrupt or truncated/);
      assert.deepEqual(other.diagnostics, []);
      assert.deepEqual(gone.diagnostics, []);
    } finally {
      await s.stop();
    }
  });

  it('aggregate: the selection merged into the output file, the summary returned; a cancelled run writes nothing', async () => {
    const folder = workspaceWith(['supplier-a.csv', 'supplier-b.csv', 'supplier-c.tsv', 'reference-lookup.csv']);
    nodeFs.writeFileSync(nodePath.join(folder, '.cmrlint.json'), JSON.stringify({ reference: 'ref/lookup.csv' }));
    nodeFs.mkdirSync(nodePath.join(folder, 'ref'));
    nodeFs.renameSync(nodePath.join(folder, 'suppliers', 'reference-lookup.csv'), nodePath.join(folder, 'ref', 'lookup.csv'));
    const s = new ServerSession();
    try {
      await s.initialize(true, { workspaceFolders: [folder] });
      const output = pathToFileURL(nodePath.join(folder, 'merged.tsv')).toString();
      const r = await s.conn.sendRequest(AggregateRequest, {
        uris: [pathToFileURL(nodePath.join(folder, 'suppliers')).toString()],
        output,
      });
      assert.ok('summary' in r, JSON.stringify(r));
      assert.equal(r.smelters, 8);
      assert.equal(r.conflicts, 3);
      assert.match(r.summary.subtitle, /reference: .*lookup\.csv/, "the project's reference, as the CLI uses it");
      assert.deepEqual(
        r.summary.perMetal.map((m) => `${m.label} ${m.value}`),
        ['Gold 2', 'Tin 5', 'Tantalum 1'],
      );
      // the CLI run in the workspace folder: the same table, files named relative to it
      const cli = runCliAggregate(['--reference', nodePath.join('ref', 'lookup.csv'), 'suppliers'], folder);
      assert.equal(nodeFs.readFileSync(nodePath.join(folder, 'merged.tsv'), 'utf8'), cli, 'the editor writes what the CLI writes');
      // cancelled while it reads (the user's Cancel on the progress notification): nothing written
      const many = nodePath.join(folder, 'many');
      nodeFs.mkdirSync(many);
      for (let i = 0; i < 200; i++)
        nodeFs.copyFileSync(nodePath.join(folder, 'suppliers', 'supplier-a.csv'), nodePath.join(many, `s${i}.csv`));
      const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
      const source = new CancellationTokenSource();
      const sub = s.conn.onNotification(ProgressNotification, (p) => {
        if (p.done >= 1) source.cancel();
      });
      const second = pathToFileURL(nodePath.join(folder, 'second.tsv')).toString();
      const c = await s.conn
        .sendRequest(AggregateRequest, { uris: [pathToFileURL(many).toString()], output: second }, source.token)
        .catch((e: Error) => ({ cancelled: true, error: e.message }));
      sub.dispose();
      assert.ok('cancelled' in c, JSON.stringify(c));
      assert.ok(!nodeFs.existsSync(nodePath.join(folder, 'second.tsv')));
    } finally {
      await s.stop();
    }
  });

  it('summary of an open document: smelters per metal and country, Covered Countries, findings per rule (a grouped finding once, as the Problems panel lists it)', async () => {
    const s = new ServerSession();
    try {
      await s.initialize();
      const uri = 'file:///tmp/cmrlint-summary-form-sd.txt';
      const rows = [
        'Metal\tSmelter Name\tCountry\tSmelter ID',
        'Tin\tLuna Smelter, Ltd.\tRWANDA\tCID003387',
        'Tin\tMinsur\tPERU\tCID001182',
        'Tin\tMinsur\tPERU\tCID001182',
      ];
      for (let i = 0; i < 4; i++) rows.push(`Gold\tRefinery ${'ABCD'[i]} Works\tJAPAN\t`);
      await s.open(uri, rows.join('\n') + '\n');
      const r = await s.conn.sendRequest(SummaryRequest, { uri });
      assert.ok('summary' in r, JSON.stringify(r));
      assert.equal(r.summary.smelters, 6, 'Minsur listed twice counts once');
      assert.deepEqual(
        r.summary.perMetal.map((m) => `${m.label} ${m.value}`),
        ['Gold 4', 'Tin 2'],
      );
      assert.deepEqual(
        r.summary.perCountry.map((m) => `${m.label} ${m.value}`),
        ['JAPAN 4', 'PERU 1', 'RWANDA 1'],
      );
      assert.deepEqual(r.summary.covered, ['Luna Smelter, Ltd. (Tin, RWANDA, CID003387)']);
      assert.equal(
        r.summary.perRule.find((x) => x.rule === 'cid-missing')?.value,
        1,
        'four rows without an ID: one grouped finding, one row of the Problems panel',
      );
      // the subtitle counts as the Problems panel lists the diagnostics (hints apart)
      const diagnostics = s.received.get(uri)?.diagnostics ?? [];
      const panel = countFindings(diagnostics, (d) => (['error', 'warning', 'info', 'hint'] as const)[(d.severity ?? 1) - 1]);
      assert.ok(panel.problems > 0);
      assert.ok(r.summary.subtitle.includes(`; ${countsText(panel)}`), `${r.summary.subtitle} / ${countsText(panel)}`);
      assert.equal(r.summary.perRule.find((x) => x.rule === 'row-duplicate')?.value, 1);
    } finally {
      await s.stop();
    }
  });
});

function runCliAggregate(args: string[], cwd?: string): string {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  return execFileSync(process.execPath, [nodePath.join(__dirname, '..', '..', '..', 'server', 'out', 'cli.js'), 'aggregate', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}
