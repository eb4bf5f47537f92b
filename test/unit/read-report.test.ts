import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText } from '../../server/src/core';
import { hoverAt } from '../../server/src/core/hover';
import { fileSummary } from '../../server/src/core/summary';
import { readReport } from '../../server/src/core/read-report';
import { runCli } from '../helpers/cli';
import { SHARED } from '../helpers/paths';

const FILING = [
  'Conflict Minerals Report for the reporting period from January 1 to December 31, 2023.',
  '',
  'Metal\tSmelter Name\tSmelter Country\tSmelter Identification',
  'Gold\tAsahi Pretec Corp.\tJAPAN\tCID000082',
  'Tin\tMinsur\tPERU\tCID001182',
  '\t\t\t',
  '* RMAP conformant',
  'Metal\tSmelter Name\tSmelter Country\tSmelter Identification',
  'Tin\tThaisarco\tTHAILAND\tCID001898',
  '',
].join('\n');

describe('what was read (core/read-report)', () => {
  it('says where each table is, how its columns were mapped, its rows per metal and the lines that are not rows', () => {
    const read = readReport(lintText(FILING, { fileName: 'x.cmr.txt' }));
    assert.equal(read.medium, 'filing');
    assert.equal(read.tables.length, 1);
    const t = read.tables[0];
    assert.equal(t.where, 'lines 3–9');
    assert.deepEqual(
      t.columns.map((c) => `${c.letter}:${c.role}:${c.header}:${c.basis}`),
      ['A:metal:Metal:header', 'B:name:Smelter Name:header', 'C:country:Smelter Country:header', 'D:id:Smelter Identification:header'],
    );
    assert.equal(t.rows, 3);
    assert.deepEqual(t.perMetal, { Gold: 1, Tin: 2 });
    assert.deepEqual(
      t.skipped.map((s) => `${s.reason} ${s.count} ${s.at.join(',')}`),
      ['blank 1 6', 'footnote 1 7', 'repeated header 1 8'],
    );
    assert.deepEqual(t.missing, []);
  });

  it('says which columns a headerless list read from its cells, and which of metal, name and country it lacks', () => {
    const read = readReport(
      lintText('Gold,Asahi Pretec Corp.,CID000082\nTin,Minsur,CID001182\nTin,Thaisarco,CID001898\n', { fileName: 'l.csv' }),
    );
    const t = read.tables[0];
    assert.equal(t.header, 'inferred');
    assert.ok(t.columns.every((c) => c.basis === 'content' && c.header === ''));
    assert.deepEqual(t.missing, ['country']);
  });

  it('the summary view says what was read of the file, or that no row was', () => {
    assert.ok(
      fileSummary('x', lintText(FILING, { fileName: 'x.cmr.txt' })).notes.includes(
        'Read lines 3–9: 3 rows; metal A, smelter name B, country C, smelter ID D.',
      ),
    );
    assert.ok(
      fileSummary('y', lintText('Form SD. See Exhibit 1.01.\n', { fileName: 'y.txt' })).notes.includes(
        'No smelter table read: no row of this file was checked.',
      ),
    );
  });

  it('hover on a header cell shows what its column is read as and how it was found', () => {
    const result = lintText(FILING, { fileName: 'x.cmr.txt' });
    const at = FILING.indexOf('Smelter Country') + 3;
    const h = hoverAt(result, at)!;
    assert.match(h.markdown, /\*\*Column C: country\*\*, found by this header's words/);
    assert.match(h.markdown, /metal A, smelter name B, smelter ID D; 3 rows read/);
    const repeated = FILING.lastIndexOf('Metal\t') + 1;
    assert.match(hoverAt(result, repeated)!.markdown, /\*\*Column A: metal\*\*/);
    const other = lintText('Metal\tSmelter Name\tContact\tSmelter Country\nTin\tMinsur\tJ. Doe\tPERU\n', { fileName: 'x.cmr.txt' });
    assert.match(hoverAt(other, 'Metal\tSmelter Name\tCo'.length)!.markdown, /\*\*Column C\*\* is not read/);
  });
});

describe('what was read, from the command line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-read-'));
  const filing = path.join(dir, 'acme.cmr.txt');
  fs.writeFileSync(filing, FILING);
  const cover = path.join(dir, 'cover-form-sd.txt');
  fs.writeFileSync(cover, 'Form SD of Example Corp. The Conflict Minerals Report is filed as Exhibit 1.01.\n');

  it('--verbose prints each file: its tables, columns, rows read per metal, lines not read as rows', () => {
    const r = runCli(['--verbose', filing]);
    assert.match(r.stdout, /acme\.cmr\.txt: read as a filing \(text\); reference: bundled list/);
    assert.match(r.stdout, /table at lines 3–9\n/);
    assert.match(r.stdout, /columns: A metal "Metal" \(by header\); B smelter name "Smelter Name" \(by header\)/);
    assert.match(r.stdout, /rows read: 3 \(Gold 1, Tin 2\)/);
    assert.match(r.stdout, /not rows: 1 blank line \(6\); 1 footnote \(7\); 1 repeated header \(8\)/);
  });

  it('--format json stays an array of findings; with --verbose it is a versioned object with each file read', () => {
    const plain = JSON.parse(runCli(['--format', 'json', filing]).stdout) as unknown;
    assert.ok(Array.isArray(plain));
    const verbose = JSON.parse(runCli(['--format', 'json', '--verbose', filing, cover]).stdout) as {
      version: number;
      files: Array<{ file: string; read: { tables: Array<{ rows: number }> }; findings: unknown[] }>;
    };
    assert.equal(verbose.version, 1);
    assert.deepEqual(
      verbose.files.map((f) => [path.basename(f.file), f.read.tables.map((t) => t.rows)]),
      [
        ['acme.cmr.txt', [3]],
        ['cover-form-sd.txt', []],
      ],
    );
    assert.ok(verbose.files.every((f) => Array.isArray(f.findings)));
    assert.equal(runCli(['--format', 'sarif', '--verbose', filing]).status, 2);
  });

  it('never says "no problems" without saying what was read; a file of which no table was read says so', () => {
    assert.match(runCli([filing]).stdout, /✓ no problems in 1 file \(1 smelter table, 3 rows read\)/);
    const none = runCli([cover]).stdout;
    assert.doesNotMatch(none, /✓/);
    assert.match(none, /no smelter table read in 1 file: no smelter was checked/);
  });

  it('a workbook of a type cmrlint cannot read, found in a folder, is said and counted, never passed over', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-xls-'));
    fs.writeFileSync(path.join(folder, 'supplier-cmrt-3.01.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    fs.copyFileSync(filing, path.join(folder, 'acme.cmr.txt'));
    const r = runCli([folder]);
    assert.match(r.stderr, /supplier-cmrt-3\.01\.xls skipped: an Excel 97–2003 workbook \(\.xls, as CMRT revisions before 5\.10 are\)/);
    assert.match(r.stdout, /; 1 skipped \(see above\)$/m);
  });

  it('real files: nothing under ../shared reads as "✓ no problems" without a smelter table read', function () {
    this.timeout(120_000);
    const files = ['corpus/edgar', 'corpus/cmrt-2x', 'seeds', 'data'].map((f) => path.join(SHARED, f));
    const r = runCli(['--format', 'json', '--verbose', ...files]);
    const out = JSON.parse(r.stdout) as { files: Array<{ file: string; read: { tables: Array<{ rows: number }> }; findings: unknown[] }> };
    assert.ok(out.files.length >= 15);
    for (const f of out.files) {
      if (f.read.tables.some((t) => t.rows > 0) || f.findings.length > 0) continue;
      // no table read and nothing found: the file alone must not read as "no problems"
      const alone = runCli([f.file]).stdout;
      assert.doesNotMatch(alone, /✓/, f.file);
      assert.match(alone, /no smelter table read in 1 file/, f.file);
    }
  });

  it('a workbook: its template, revision, the range read and its template rows', function () {
    this.timeout(60_000);
    const jx = path.join(SHARED, 'corpus', 'cmrt-6.4-jx-advanced-metals-2024.xlsx');
    const out = JSON.parse(runCli(['--format', 'json', '--verbose', jx]).stdout) as {
      files: Array<{
        read: {
          workbook: { family: string; revision: string; templateRows: number };
          tables: Array<{ where: string; rows: number; perMetal: object }>;
        };
      }>;
    };
    const read = out.files[0].read;
    assert.equal(read.workbook.family, 'CMRT');
    assert.equal(read.workbook.revision, '6.4');
    assert.ok(read.workbook.templateRows > 0);
    assert.match(read.tables[0].where, /^Smelter List!A4:[A-Z]+31$/);
    assert.deepEqual(read.tables[0].perMetal, { Tantalum: 16, Tungsten: 11 });
  });
});
