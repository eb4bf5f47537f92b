/** The language server's handlers in this process (no spawn): Windows URIs, the typed protocol, background work. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidOpenTextDocumentNotification, HoverRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import type { ResolveRequest } from '../../server/src/node/options';
import { resolveFileOptions } from '../../server/src/node/options';
import { LintWorkbooksNotification, SummaryRequest } from '../../server/src/protocol';
import { folderOf, pathToUri, uriToPath, workbookOfVirtual } from '../../server/src/lsp/uri';
import { workbookFindingsUri } from '../../server/src/lsp/handlers/workbook';
import { DATA } from '../helpers/paths';
import { InProcessServer } from '../helpers/inprocess';

const LIST = 'Metal\tSmelter Name\tCountry\nTin\tMinsur\tPERUU\n';

/** The options resolution, recording what it is asked (the file and the workspace root its search stops at). */
function recordingResolver(calls: Array<{ file: string } & ResolveRequest>) {
  return (file: string, req: ResolveRequest = {}) => {
    calls.push({ file, ...req });
    // these Windows paths do not exist on this machine: the options without a .cmrlint.json search
    return resolveFileOptions(file, { ...req, searchConfig: false });
  };
}

describe('language server in process: Windows document URIs', function () {
  this.timeout(20000);
  // what VS Code sends on Windows: the drive letter's colon encoded, the drive letter in either case
  const FILING = 'file:///c%3A/Users/Ana/Filings/form-sd.txt';
  const FOLDERS = ['file:///C:/Users/Ana', 'file:///c%3A/Users/Ana/Filings'];
  // vscode-uri's fsPath on this platform: c:\Users\Ana on Windows, c:/Users/Ana here (never /c:/Users/Ana)
  const win = (...parts: string[]) => path.join('c:', ...parts);

  it('a file: URI with an encoded drive letter is the drive path, and the path gives back the same URI', () => {
    assert.equal(uriToPath(FILING), win('Users', 'Ana', 'Filings', 'form-sd.txt'));
    assert.equal(uriToPath('file:///C:/Users/Ana'), win('Users', 'Ana'), 'the drive letter as VS Code writes it, lower case');
    assert.equal(pathToUri(uriToPath(FILING)), FILING, 'the URI the server publishes is the one the editor sent');
    assert.equal(uriToPath('file:///home/ana/a%23b%20c.csv'), path.join('/home', 'ana', 'a#b c.csv'));
  });

  it('the workspace folder of a file is the innermost folder holding it, whatever the drive letter case; a folder name prefix is no folder', () => {
    const folders = FOLDERS.map(uriToPath);
    assert.equal(folderOf(uriToPath(FILING), folders), win('Users', 'Ana', 'Filings'));
    assert.equal(folderOf(uriToPath('file:///c%3A/Users/Ana/Filings2/list.csv'), folders), win('Users', 'Ana'));
    assert.equal(folderOf(uriToPath('file:///d%3A/Users/Ana/Filings/list.csv'), folders), undefined);
  });

  it('a CMRT opened as text (cmrt:/c%3A/...xlsx.tsv) is its workbook on the drive', () => {
    assert.equal(
      workbookOfVirtual('cmrt:/c%3A/Users/Ana/Filings/Supplier%20CMRT.xlsx.tsv'),
      win('Users', 'Ana', 'Filings', 'Supplier CMRT.xlsx'),
    );
    assert.equal(workbookOfVirtual(FILING), undefined);
  });

  it('looks up the configuration of an open Windows document at its drive path, stopping at its workspace folder', async () => {
    const calls: Array<{ file: string } & ResolveRequest> = [];
    const s = new InProcessServer({ resolveOptions: recordingResolver(calls) });
    try {
      await s.initialize(FOLDERS);
      const published = s.diagnostics(FILING);
      await s.client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: FILING, languageId: 'cmr', version: 1, text: LIST },
      });
      const p = await published;
      assert.deepEqual(
        p.diagnostics.map((d) => d.code),
        ['country-unknown'],
      );
      const call = calls.find((c) => c.file === win('Users', 'Ana', 'Filings', 'form-sd.txt'));
      assert.ok(call, JSON.stringify(calls.map((c) => c.file)));
      assert.equal(call.root, win('Users', 'Ana', 'Filings'));
      assert.equal(call.searchConfig, true, 'a file on disk: its .cmrlint.json is searched for');
    } finally {
      s.dispose();
    }
  });

  it('lints an "Open CMRT as text" document with its workbook\'s configuration (the workbook\'s drive path and folder)', async () => {
    const calls: Array<{ file: string } & ResolveRequest> = [];
    const s = new InProcessServer({ resolveOptions: recordingResolver(calls) });
    try {
      await s.initialize(FOLDERS);
      const uri = 'cmrt:/c%3A/Users/Ana/Filings/Supplier%20CMRT.xlsx.tsv';
      const published = s.diagnostics(uri);
      await s.client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'tsv', version: 1, text: LIST },
      });
      await published;
      const call = calls.find((c) => c.file === win('Users', 'Ana', 'Filings', 'Supplier CMRT.xlsx'));
      assert.ok(call, JSON.stringify(calls.map((c) => c.file)));
      assert.equal(call.root, win('Users', 'Ana', 'Filings'));
    } finally {
      s.dispose();
    }
  });
});

describe('language server in process: the typed protocol', function () {
  this.timeout(20000);

  it('answers cmrlint/summary for an open document through the shared request type', async () => {
    const s = new InProcessServer();
    try {
      await s.initialize();
      const uri = 'file:///tmp/cmrlint-inprocess-form-sd.txt';
      const published = s.diagnostics(uri);
      await s.client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'cmr', version: 1, text: LIST },
      });
      await published;
      const r = await s.client.sendRequest(SummaryRequest, { uri });
      assert.ok('summary' in r, JSON.stringify(r));
      assert.equal(r.summary.title, 'cmrlint-inprocess-form-sd.txt');
      assert.deepEqual(
        r.summary.perRule.map((x) => x.rule),
        ['country-unknown'],
      );
      const missing = await s.client.sendRequest(SummaryRequest, { uri: pathToUri(path.join(os.tmpdir(), 'cmrlint-no-such-file.csv')) });
      assert.ok('error' in missing && /cmrlint-no-such-file\.csv/.test(missing.error), JSON.stringify(missing));
    } finally {
      s.dispose();
    }
  });
});

describe('language server in process: workspace workbooks linted in the background', function () {
  this.timeout(60000);
  const COPIES = 6;
  let folder: string;
  let uris: string[];

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-background-'));
    const jx = path.join(DATA, '..', 'corpus', 'cmrt-6.4-jx-advanced-metals-2024.xlsx');
    uris = Array.from({ length: COPIES }, (_, i) => {
      const file = path.join(folder, `supplier ${i} CMRT.xlsx`);
      fs.copyFileSync(jx, file);
      return pathToUri(file);
    });
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  // published under their cmrt-cell: URIs
  const isWorkbook = (uri: string) => uris.some((u) => workbookFindingsUri(u) === uri);

  it("answers a hover on another document while the workspace's workbooks are being linted, and lints them all", async () => {
    const s = new InProcessServer();
    try {
      await s.initialize([pathToUri(folder)]);
      const doc = 'file:///tmp/cmrlint-hover-form-sd.txt';
      const text = 'Metal\tSmelter Name\tCountry\tSmelter ID\nTin\tMinsur\tPERU\tCID001182\n';
      await s.client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: doc, languageId: 'cmr', version: 1, text },
      });
      await s.client.sendNotification(LintWorkbooksNotification, { uris });
      const hover = await s.client.sendRequest(HoverRequest.type, { textDocument: { uri: doc }, position: { line: 1, character: 18 } });
      const workbooksBeforeHover = s.published.filter((p) => isWorkbook(p.uri)).length;
      assert.match(JSON.stringify(hover?.contents), /Minsur/, 'the hover on the CID');
      assert.ok(workbooksBeforeHover < COPIES, `the hover waited for all ${COPIES} workbooks`);
      const linted = () =>
        new Set(s.published.filter((p) => isWorkbook(p.uri) && p.diagnostics.some((d) => d.code === 'cmrt-country')).map((p) => p.uri));
      await s.until(() => linted().size === COPIES);
    } finally {
      s.dispose();
    }
  });

  it('stops linting queued workbooks when the server shuts down', async () => {
    const s = new InProcessServer();
    try {
      await s.initialize([pathToUri(folder)]);
      await s.client.sendNotification(LintWorkbooksNotification, { uris });
      await s.client.sendRequest(ShutdownRequest.type);
      await s.ctx.workbooks!.idle(); // the workbook being read when the shutdown came is the last
      await new Promise((r) => setTimeout(r, 200)); // what it published reaches this end
      const done = s.published.filter((p) => isWorkbook(p.uri)).length;
      assert.ok(done < COPIES, `${done} of ${COPIES} workbooks linted after the shutdown`);
    } finally {
      s.dispose();
    }
  });
});
