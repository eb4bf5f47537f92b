/**
 * Supplier files are untrusted: they never choose the reference or the configuration (docs/trust.md). A CMRT
 * claiming revision 9.9, a look-up edited, cut down or padded (its fingerprint is not RMI's), never becomes the
 * merge's reference; the user's
 * reference outranks a workbook's own look-up for the reference-based rules, while the template's own checks
 * keep using the workbook's look-up.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { lintText } from '../../server/src/core';
import { bundledReference, referenceFromLookupCsv, SmelterReference } from '../../server/src/core/data/smelters';
import { placeOf } from '../../server/src/core/places';
import { readCmrt, workbookLintOptions } from '../../server/src/node/cmrt';
import { aggregateReference, SupplierSource } from '../../server/src/node/aggregate';
import { isRmiRevision, lookupDistrust } from '../../server/src/node/revision';
import { cliJson, runCli } from '../helpers/cli';
import { DATA, SHARED } from '../helpers/paths';

const CORPUS = path.join(SHARED, 'corpus');
const JX = path.join(CORPUS, 'cmrt-6.4-jx-advanced-metals-2024.xlsx');
const PKG = path.join(CORPUS, 'cmrt-6.4-pkg-de00-2024.xlsx');
const LOOKUP_65 = path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv');

/** A copy of a workbook with one sheet's contents replaced by these rows (inline strings). */
function withSheet(bytes: Uint8Array, sheetName: string, rows: string[][]): Uint8Array {
  const files = unzipSync(bytes);
  const id = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(strFromU8(files['xl/workbook.xml']))![1];
  const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(strFromU8(files['xl/_rels/workbook.xml.rels']))![1];
  const cell = (v: string, r: number, c: number) =>
    `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
  const xml = `<worksheet><sheetData>${rows.map((row, i) => `<row r="${i + 1}">${row.map((v, j) => cell(v, i + 1, j)).join('')}</row>`).join('')}</sheetData></worksheet>`;
  files[path.posix.join('xl', target)] = strToU8(xml);
  return zipSync(files);
}

/** A real supplier CMRT whose Revision sheet claims another revision. */
const claiming = (file: string, revision: string) => withSheet(fs.readFileSync(file), 'Revision', [[''], ['', 'Revision'], ['', revision]]);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-trust-'));
}

/** RMI's 6.5 look-up without the rows of one CID: the user's own list, which the supplier's look-up must not outrank. */
function lookupWithout(cid: string): SmelterReference {
  const lines = fs
    .readFileSync(LOOKUP_65, 'utf8')
    .split(/\r?\n/)
    .filter((l) => !l.includes(cid));
  return referenceFromLookupCsv(lines.join('\n'), 'our-lookup.csv');
}

describe("trust: which Smelter Look-up may stand for RMI's list", () => {
  it("RMI's own look-ups of every revision here pass; a revision RMI never published does not", () => {
    const files = [
      'rmi-cmrt-6.01-template-zh.xlsx',
      'rmi-cmrt-6.1-template-zh.xlsx',
      'rmi-cmrt-6.22-template-zh.xlsx',
      'rmi-cmrt-6.31-template-zh.xlsx',
      'rmi-cmrt-6.4-template-en.xlsx',
    ].map((f) => path.join(CORPUS, f));
    for (const file of [...files, path.join(DATA, 'RMI_CMRT_6.5.xlsx'), JX, PKG]) {
      const w = readCmrt(fs.readFileSync(file), path.basename(file));
      assert.equal(w.lookupDistrust, undefined, `${file}: ${w.lookupDistrust}`);
    }
    assert.ok(isRmiRevision('6.4') && isRmiRevision('6.01') && isRmiRevision('5.1'), '5.10 read as a number is 5.1');
    assert.ok(!isRmiRevision('9.9') && !isRmiRevision('6.7') && !isRmiRevision(undefined) && !isRmiRevision('6.4 '));
    const w = readCmrt(claiming(JX, '9.9'), 'acme.xlsx');
    assert.equal(w.context.revision, '9.9');
    assert.match(w.lookupDistrust!, /^its Revision sheet says '9\.9', which is not a CMRT revision RMI published$/);
    assert.deepEqual(w.notes, [
      "acme.xlsx: its Smelter Look-up is not used as RMI's list: its Revision sheet says '9.9', which is not a CMRT revision RMI published",
    ]);
  });

  it("a look-up that is not RMI's as published: one cell changed, a row added, a cut-down list", () => {
    const rmi = readCmrt(fs.readFileSync(JX), 'jx.xlsx').reference!;
    const rows = rmi.info.lookupRows!;
    const list = (lookupRows: string[]) =>
      new SmelterReference(rmi.records(), { source: 'x.xlsx', complete: true, revision: '6.4', lookupRows });
    assert.equal(lookupDistrust(list([...rows].reverse()), '6.4'), undefined, 'the order of the rows plays no part');
    const changed = [...rows];
    changed[10] = changed[10].replace(/\t[A-Z][^\t]*\tCID/, '\tRWANDA\tCID');
    assert.notEqual(changed[10], rows[10]);
    assert.match(
      lookupDistrust(list(changed), '6.4')!,
      /^its Smelter Look-up differs from RMI's CMRT 6\.4 in at least one cell: it was edited$/,
    );
    assert.match(
      lookupDistrust(list([...rows, rows[0]]), '6.4')!,
      /^its Smelter Look-up has 653 rows where RMI's CMRT 6\.4 has 652: it was edited$/,
    );
    // a cut-down look-up in a real workbook: refused as the reference
    const cut = withSheet(fs.readFileSync(JX), 'Smelter Look-up', [
      ['Metal', 'Smelter Look-up', 'Standard Smelter Name', 'Country', 'Smelter Identification'],
      ['Gold', 'Acme Gold', 'Acme Gold', 'JAPAN', 'CID999998'],
    ]);
    assert.match(readCmrt(cut, 'cut.xlsx').lookupDistrust!, /^its Smelter Look-up has 1 rows where RMI's CMRT 6\.4 has 652/);
  });
});

describe("trust: the user's reference outranks a workbook's own look-up", () => {
  const w = readCmrt(fs.readFileSync(JX), 'jx.xlsx');
  const cid = 'CID002544'; // row 5 of JX's Smelter List
  const row = w.text.split('\n').findIndex((l) => l.includes(cid));

  const findingsAt = (options: Parameters<typeof lintText>[1]) => {
    const r = lintText(w.text, options);
    return r.findings.map((f) => `${placeOf(r.model, r.analysis, f.start)?.address}:${f.rule}`);
  };

  it("for the reference-based rules: a CID the user's list lacks is cid-unknown, whatever the workbook's look-up says", () => {
    assert.ok(row > 0);
    const mine = lookupWithout(cid);
    const options = workbookLintOptions(w, { reference: mine });
    assert.equal(options.reference, mine);
    assert.equal(options.workbook?.lookup, w.reference, "the workbook's own look-up stays for the template's checks");
    const sheetRow = w.context.sheetRowOfLine.get(row)!;
    const found = findingsAt(options);
    assert.ok(found.includes(`F${sheetRow}:cid-unknown`), found.join('\n'));
    // the look-up choice in column C is in the workbook's own look-up: the template's own check says nothing
    assert.ok(!found.includes(`C${sheetRow}:cmrt-smelter-list`), found.join('\n'));
  });

  it("without the user's reference: the workbook's look-up when RMI's, else the bundled list", () => {
    assert.equal(workbookLintOptions(w, {}).reference, w.reference);
    assert.equal(workbookLintOptions(w, { reference: bundledReference() }).reference, w.reference);
    const fake = readCmrt(claiming(JX, '9.9'), 'acme.xlsx');
    const options = workbookLintOptions(fake, { reference: bundledReference() });
    assert.equal(options.reference, bundledReference());
    assert.equal(options.workbook?.lookup, fake.reference, 'the template checks still read its own look-up');
  });

  it('the CLI: --reference decides cid-unknown in a supplier CMRT', () => {
    const dir = tempDir();
    const ours = path.join(dir, 'our-lookup.csv');
    fs.writeFileSync(
      ours,
      fs
        .readFileSync(LOOKUP_65, 'utf8')
        .split(/\r?\n/)
        .filter((l) => !l.includes(cid))
        .join('\n'),
    );
    assert.ok(!cliJson([JX]).findings.some((f) => f.rule === 'cid-unknown'));
    const withRef = cliJson(['--reference', ours, JX]).findings.filter((f) => f.rule === 'cid-unknown');
    assert.deepEqual(
      withRef.map((f) => f.cell),
      ['F5'],
    );
    assert.match(withRef[0].message, /^CID002544 is not in the reference \(our-lookup\.csv\): mistyped, or retired by RMI since\./);
  });
});

describe("trust: aggregate's reference", () => {
  it("a supplier CMRT claiming 9.9 never becomes the merge's reference, and the run says so in one line", async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'acme-cmrt.xlsx');
    fs.writeFileSync(fake, claiming(JX, '9.9'));
    const sources: SupplierSource[] = [
      { file: PKG, rows: [], lookupRevision: '6.4' },
      { file: fake, rows: [], lookupRefused: readCmrt(fs.readFileSync(fake), 'acme-cmrt.xlsx').lookupDistrust },
    ];
    const notes: string[] = [];
    const chosen = await aggregateReference(undefined, sources, (l) => notes.push(l));
    assert.equal(chosen.info.source, path.basename(PKG));
    assert.equal(notes.length, 1);
    assert.match(
      notes[0],
      /^cmrlint: note: the Smelter Look-up of a supplier CMRT is not used as the reference: .*acme-cmrt\.xlsx \(its Revision sheet says '9\.9'.*\); checked against cmrt-6\.4-pkg-de00-2024\.xlsx, CMRT 6\.4 instead$/,
    );
    assert.ok(!notes[0].includes('\n'));
    // only refused look-ups: the bundled list, said
    notes.length = 0;
    assert.equal(await aggregateReference(undefined, sources.slice(1), (l) => notes.push(l)), bundledReference());
    assert.match(notes[0], /checked against .* instead$/);
    // the user's reference (--reference, the project's) outranks every supplier's, and nothing needs saying
    notes.length = 0;
    const mine = lookupWithout('CID002544');
    assert.equal(await aggregateReference(mine, sources, (l) => notes.push(l)), mine);
    assert.deepEqual(notes, []);
  });

  it('the CLI merges against the newest RMI revision among the suppliers, not a claimed 9.9', () => {
    const dir = tempDir();
    fs.copyFileSync(PKG, path.join(dir, 'pkg.xlsx'));
    fs.writeFileSync(path.join(dir, 'acme.xlsx'), claiming(JX, '9.9'));
    const r = runCli(['aggregate', '--format', 'json', dir]);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout).summary as { referenceSource: string };
    assert.equal(summary.referenceSource, 'pkg.xlsx');
  });
});
