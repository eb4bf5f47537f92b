/**
 * The reference is found and verified (docs/trust.md): each known CMRT revision's look-up fingerprint, computed
 * from RMI's templates; a look-up verified only when it is that revision's as published; without a reference the
 * user names, the newest verified CMRT among the files (CLI) or the workspace's (editor); and the reference in use
 * said to the user.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { LOOKUP_FINGERPRINTS } from '../../server/src/core/data/smelters-fingerprints.generated';
import { lintText } from '../../server/src/core';
import { placeOf } from '../../server/src/core/places';
import { judgedInItsEra, readCmrt, workbookLintOptions } from '../../server/src/node/cmrt';
import { FINGERPRINT_TEMPLATES, templateFingerprint } from '../../server/src/node/fingerprint-templates';
import { verifiedRevision } from '../../server/src/node/revision';
import { referenceFromFile } from '../../server/src/node/workbook';
import { loadReference, shownPath } from '../../server/src/node/options';
import { discoverReference } from '../../server/src/node/discovery';
import { LintWorkbooksNotification, SummaryRequest } from '../../server/src/protocol';
import { pathToUri } from '../../server/src/lsp/uri';
import { fillWorkbook } from '../helpers/fill-template';
import { runCli } from '../helpers/cli';
import { InProcessServer } from '../helpers/inprocess';
import { DATA, ROOT, seed, SHARED } from '../helpers/paths';

const T64 = path.join(SHARED, 'corpus', 'rmi-cmrt-6.4-template-en.xlsx');
const T65 = path.join(DATA, 'RMI_CMRT_6.5.xlsx');
const CSV601 = path.join(DATA, 'rmi-cmrt-6.01-smelter-lookup.csv');

/** RMI's 6.5 template with one look-up cell changed: its first smelter (row 5) moved to Rwanda. */
const edited65 = () => fillWorkbook(new Uint8Array(fs.readFileSync(T65)), { 'Smelter Look-up': { D5: 'RWANDA' } });
/** RMI's 6.4 template claiming a revision RMI never published. */
const claiming99 = () => fillWorkbook(new Uint8Array(fs.readFileSync(T64)), { Revision: { B58: '9.9' } });

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-reference-'));
}

describe('reference: fingerprints of the known revisions', function () {
  this.timeout(60000);

  it('are those of the official templates (node scripts/fingerprints.mjs writes them), numbers only', () => {
    const computed = FINGERPRINT_TEMPLATES.map((rel) => {
      const file = path.join(SHARED, ...rel.split('/'));
      return templateFingerprint(new Uint8Array(fs.readFileSync(file)), path.basename(file));
    });
    assert.deepEqual(computed, LOOKUP_FINGERPRINTS);
    assert.deepEqual(
      computed.map((f) => f.revision),
      ['6.01', '6.1', '6.22', '6.31', '6.4', '6.5'],
    );
    const generated = fs.readFileSync(path.join(ROOT, 'server', 'src', 'core', 'data', 'smelters-fingerprints.generated.ts'), 'utf8');
    assert.ok(!/CID\d/.test(generated), 'no CID is bundled');
    assert.ok(
      LOOKUP_FINGERPRINTS.every((f, i) => i === 0 || f.highestCid >= LOOKUP_FINGERPRINTS[i - 1].highestCid),
      'RMI never reuses a CID',
    );
  });
});

describe('reference: verification', function () {
  this.timeout(60000);

  it("verifies RMI's look-ups, a workbook's by its revision and a CSV's by its fingerprint alone", async () => {
    assert.deepEqual(verifiedRevision(await referenceFromFile(T64)), { revision: '6.4', verified: true });
    assert.deepEqual(verifiedRevision(await referenceFromFile(CSV601)), { revision: '6.01', verified: true });
  });

  it('refuses a real template with one look-up cell changed, and one claiming revision 9.9', () => {
    const edited = readCmrt(edited65(), 'edited.xlsx');
    assert.equal(edited.context.revision, '6.5');
    assert.equal(edited.lookupDistrust, "its Smelter Look-up differs from RMI's CMRT 6.5 in at least one cell: it was edited");
    assert.equal(verifiedRevision(edited.reference!).verified, false);
    const fake = readCmrt(claiming99(), 'fake.xlsx');
    assert.equal(fake.context.revision, '9.9');
    assert.equal(fake.lookupDistrust, "its Revision sheet says '9.9', which is not a CMRT revision RMI published");
  });
});

describe('reference: discovery by the CLI', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = tempDir();
    fs.copyFileSync(seed('allison-2023-form-sd.txt'), path.join(dir, 'allison-form-sd.txt'));
    fs.copyFileSync(T64, path.join(dir, 'supplier-6.4-CMRT.xlsx'));
    fs.writeFileSync(path.join(dir, 'supplier-6.5-edited-CMRT.xlsx'), edited65());
    fs.writeFileSync(path.join(dir, 'supplier-9.9-CMRT.xlsx'), claiming99());
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lastLines = (stdout: string) => stdout.trimEnd().split('\n').slice(-2);

  it('uses the newest verified CMRT among the files, never an edited look-up or a claimed 9.9, and says which', async () => {
    const found = await discoverReference(fs.readdirSync(dir).map((f) => path.join(dir, f)));
    assert.equal(found.file, path.join(dir, 'supplier-6.4-CMRT.xlsx'));
    assert.deepEqual(found.refused.map((r) => path.basename(r.file)).sort(), ['supplier-6.5-edited-CMRT.xlsx', 'supplier-9.9-CMRT.xlsx']);
    const r = runCli([dir]);
    const shown = path.relative(ROOT, path.join(dir, 'supplier-6.4-CMRT.xlsx'));
    assert.equal(
      lastLines(r.stdout)[0],
      `reference: RMI CMRT 6.4 look-up from ${path.join(dir, 'supplier-6.4-CMRT.xlsx')}, verified`,
      r.stdout,
    );
    assert.ok(shown.startsWith('..'), 'a file outside the current folder is shown by its whole path');
    const notes = r.stderr.split('\n').filter((l) => l.includes('is not used as RMI'));
    assert.equal(notes.length, 2, r.stderr);
    assert.ok(notes.some((l) => /supplier-6\.5-edited-CMRT\.xlsx: .*differs from RMI's CMRT 6\.5 in at least one cell/.test(l)));
    assert.ok(notes.some((l) => /supplier-9\.9-CMRT\.xlsx: .*says '9\.9'/.test(l)));
  });

  it('--reference outranks the .cmrlint.json reference, which outranks the files; a lone filing uses the bundled list', () => {
    const config = path.join(dir, 'cmrlint-config.json');
    fs.writeFileSync(config, JSON.stringify({ reference: path.relative(dir, CSV601) }));
    const filing = path.join(dir, 'allison-form-sd.txt');
    const workbook = path.join(dir, 'supplier-6.4-CMRT.xlsx');
    assert.equal(
      lastLines(runCli(['--config', config, filing, workbook]).stdout)[0],
      `reference: RMI CMRT 6.01 look-up from ${CSV601}, verified`,
    );
    assert.equal(
      lastLines(runCli(['--config', config, '--reference', path.relative(ROOT, T65), filing, workbook]).stdout)[0],
      `reference: RMI CMRT 6.5 look-up from ${path.relative(ROOT, T65)}, verified (1 CMRT of an older revision judged against its own revision's list first)`,
    );
    assert.equal(lastLines(runCli([filing]).stdout)[0], 'reference: bundled list');
    const json = runCli(['--format', 'json', filing, workbook]);
    assert.ok(json.stderr.split('\n').includes(`cmrlint: reference: RMI CMRT 6.4 look-up from ${workbook}, verified`), json.stderr);
  });
});

describe('reference: discovery by the editor (in process)', function () {
  this.timeout(120000);

  it('uses the newest verified CMRT of the workspace and says so in the summary data; an edited one is never used', async () => {
    const dir = tempDir();
    const filing = path.join(dir, 'form-sd.txt');
    fs.writeFileSync(filing, 'Metal\tSmelter Name\tCountry\tSmelter ID\nTin\tMinsur\tPERU\tCID001182\n');
    const edited = path.join(dir, 'edited-CMRT.xlsx');
    fs.writeFileSync(edited, edited65());
    const s = new InProcessServer();
    try {
      await s.initialize([pathToUri(dir)]);
      const uri = pathToUri(filing);
      const published = s.diagnostics(uri);
      await s.client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'cmr', version: 1, text: fs.readFileSync(filing, 'utf8') },
      });
      await published;
      await s.client.sendNotification(LintWorkbooksNotification, { uris: [pathToUri(edited)] });
      const only = await s.client.sendRequest(SummaryRequest, { uri });
      assert.ok('summary' in only);
      assert.deepEqual(only.reference, { label: 'bundled list', source: 'bundled', verified: false });
      const genuine = path.join(dir, 'sub', 'supplier-CMRT.xlsx');
      fs.mkdirSync(path.dirname(genuine));
      fs.copyFileSync(T64, genuine);
      await s.client.sendNotification(LintWorkbooksNotification, { uris: [pathToUri(genuine)] });
      const found = await s.client.sendRequest(SummaryRequest, { uri });
      assert.ok('summary' in found);
      assert.deepEqual(found.reference, {
        label: `RMI CMRT 6.4 look-up from ${path.join('sub', 'supplier-CMRT.xlsx')}, verified`,
        source: 'workspace',
        file: genuine,
        revision: '6.4',
        verified: true,
      });
    } finally {
      s.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows paths relative to the folder with node:path, Windows paths with backslashes', () => {
    assert.equal(shownPath('C:\\Users\\Ana\\suppliers\\acme.xlsx', 'C:\\Users\\Ana', path.win32), 'suppliers\\acme.xlsx');
    assert.equal(shownPath('D:\\lists\\acme.xlsx', 'C:\\Users\\Ana', path.win32), 'D:\\lists\\acme.xlsx');
    assert.equal(shownPath('/home/ana/x.xlsx', '/home/ana/work', path.posix), '/home/ana/x.xlsx');
  });
});

describe('reference: era (a CMRT judged against the list of its own revision)', function () {
  this.timeout(60000);
  // RMI retired CID004704 between 6.4 and 6.5, and renamed CID000082
  const supplier = () =>
    fillWorkbook(new Uint8Array(fs.readFileSync(T64)), {
      'Smelter List': {
        B5: 'Gold',
        C5: 'Inca One (Chala One Plant)',
        E5: 'PERU',
        F5: 'CID004704',
        B6: 'Gold',
        C6: 'Asahi Pretec Corp.',
        E6: 'JAPAN',
        F6: 'CID000082',
      },
    });

  it("a 6.4 CMRT checked with RMI's 6.5 list: its 6.4 smelters are right for 6.4; what RMI changed since is information", async () => {
    const w = readCmrt(supplier(), 'supplier-6.4.xlsx');
    const later = await loadReference(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'));
    assert.equal(later.info.revision, '6.5', 'a CSV look-up takes its revision from its fingerprint');
    const options = workbookLintOptions(w, { reference: later });
    assert.ok(judgedInItsEra(options));
    const r = lintText(w.text, options);
    const at = (f: (typeof r.findings)[number]) => `${placeOf(r.model, r.analysis, f.start)?.address}:${f.rule}:${f.severity}`;
    const found = r.findings.map(at);
    assert.ok(!found.some((x) => /^F5:cid-unknown/.test(x)), found.join('\n'));
    assert.ok(!found.some((x) => /^[A-F]6:cid-mismatch/.test(x)), found.join('\n'));
    assert.ok(
      found.some((x) => /5:cmrt-later-list:info$/.test(x)),
      found.join('\n'),
    );
    // judged against 6.5 alone, the retired CID is unknown
    const alone = lintText(w.text, { ...options, reference: later }).findings.map(at);
    assert.ok(
      alone.some((x) => /^F5:cid-unknown/.test(x)),
      alone.join('\n'),
    );
  });
});
