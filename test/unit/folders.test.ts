/** cmrlint FOLDER: the filings, lists and CMRT workbooks under a folder, and nothing that is not ours. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { SHARED, seed } from '../helpers/paths';

describe('cmrlint FOLDER', function () {
  this.timeout(30000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-folder-'));
  before(() => {
    fs.mkdirSync(path.join(dir, 'suppliers', 'acme'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.copyFileSync(seed('allot-2013-form-sd.txt'), path.join(dir, 'allot-2013-form-sd.txt'));
    fs.copyFileSync(path.join(SHARED, 'corpus', 'cmrt-6.4-pkg-de00-2024.xlsx'), path.join(dir, 'suppliers', 'acme', 'PKG CMRT.xlsx'));
    fs.writeFileSync(path.join(dir, 'suppliers', 'list.csv'), 'Metal,Smelter Name,Country\nTin,Minsur,PERUU\n');
    fs.writeFileSync(path.join(dir, 'people.csv'), 'name,email\nBob,bob@example.com\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Meeting notes: nothing about minerals.\n');
    fs.writeFileSync(
      path.join(dir, 'report-draft.txt'),
      'Conflict Minerals Report\n\nMetal\tSmelter Name\tCountry\nGold\tJapan Mint\tJAPN\n',
    );
    fs.writeFileSync(path.join(dir, '.git', 'list.csv'), 'Metal,Smelter Name,Country\nTin,Minsur,XX\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'list.csv'), 'Metal,Smelter Name,Country\nTin,Minsur,XX\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lints every filing, list and CMRT workbook under it, skips with a note what is not ours, enters no hidden folder', () => {
    const r = runCli(['--format', 'json', dir]);
    const files = new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => path.relative(dir, f.file)));
    assert.deepEqual(
      [...files].sort(),
      [
        'allot-2013-form-sd.txt',
        'report-draft.txt',
        path.join('suppliers', 'acme', 'PKG CMRT.xlsx'),
        path.join('suppliers', 'list.csv'),
      ].sort(),
    );
    assert.match(r.stderr, /people\.csv skipped: no smelter table/);
    assert.doesNotMatch(r.stderr, /notes\.txt|node_modules|\.git/);
    assert.equal(r.status, 1, 'error findings, no unreadable file');
  });

  it('says so when a folder holds nothing to lint', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-empty-'));
    const r = runCli([empty]);
    assert.match(r.stderr, /no filings, smelter lists or CMRT workbooks under/);
    assert.equal(r.status, 2);
    fs.rmSync(empty, { recursive: true });
  });
});
