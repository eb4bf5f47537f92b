/**
 * Workbooks that are no RMI template: consolidated smelter lists from other tools (title rows, the header on row
 * 3, a notes sheet), one sheet per metal, a workbook without a smelter table, and cmrlint's own merged .xlsx read
 * back. Built here with the project's xlsx writer: each finding at its sheet cell, the read report, exit codes,
 * the aggregate's "Reported In".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { writeXlsx } from '../../server/src/node/xlsx-write';
import { readWorkbook } from '../../server/src/node/sheet-lists';
import { NotACmrtError } from '../../server/src/node/cmrt';
import { runCli } from '../helpers/cli';
import type { ReadReport } from '../../server/src/core/read-report';

/** A consolidated export: two title rows, the header on row 3, a supplier column; a notes sheet and a count table. */
const EXPORT = writeXlsx([
  {
    name: 'Smelters',
    rows: [
      ['Consolidated smelter list'],
      ['Exported 2024-05-01 by a compliance tool'],
      ['Metal', 'Smelter Name', 'Smelter Country', 'Smelter Identification Number', 'Supplier'],
      ['Tin', 'Minsur', 'PERU', 'CID001182', 'Acme'],
      ['Gold', 'Asahi Pretec Corp.', 'JAPAN', 'CID000082', 'Acme'],
      ['Tin', 'Foo Smelting', 'Narnia', 'CID001182', 'Beta'],
      ['Tantalum', '=HYPERLINK("http://example.com","Bar Tantalum")', 'CHINA', '', 'Beta'],
    ],
  },
  { name: 'Notes', rows: [['These suppliers answered in May.'], ['Contact', 'compliance@example.com']] },
  {
    name: 'Summary',
    rows: [
      ['Metal', 'Smelters'],
      ['Tin', 2],
      ['Gold', 1],
      ['Tantalum', 1],
    ],
  },
]);

/** One sheet per metal, no metal column: the sheet's name says the metal. */
const PER_METAL = writeXlsx([
  {
    name: 'Tin',
    rows: [
      ['Smelter Name', 'Country', 'Smelter ID'],
      ['Minsur', 'PERU', 'CID001182'],
      ['Foo Smelting', 'Narnia', ''],
    ],
  },
  {
    name: 'Gold',
    rows: [
      ['Smelter Name', 'Country', 'Smelter ID'],
      ['Asahi Pretec Corp.', 'JAPAN', 'CID000082'],
      ['Bar Gold Refinery', 'Atlantis', 'CID000082'],
    ],
  },
]);

const NO_TABLE = writeXlsx([
  {
    name: 'Budget',
    rows: [
      ['Item', 'Cost'],
      ['Paper', 3],
    ],
  },
  { name: 'Notes', rows: [['nothing about smelters']] },
]);

interface JsonFile {
  file: string;
  read?: ReadReport;
  findings: Array<{ rule: string; sheet?: string; cell?: string; line: number; column: number; message: string }>;
}

function folderWith(files: Record<string, Uint8Array | string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-sheets-'));
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
  return dir;
}

/** The CLI's JSON with --verbose: per file, what was read and the findings. */
function lintJson(args: string[]): { status: number; files: JsonFile[]; stderr: string } {
  const r = runCli(['--format', 'json', '--verbose', ...args]);
  const out = JSON.parse(r.stdout) as { files: JsonFile[] };
  return { status: r.status, files: out.files, stderr: r.stderr };
}

const placed = (f: JsonFile) => f.findings.map((x) => `${x.sheet}!${x.cell}:${x.rule}`);

describe('workbooks that are no RMI template: their sheets read as smelter lists', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = folderWith({ 'export.xlsx': EXPORT, 'per-metal.xlsx': PER_METAL, 'budget.xlsx': NO_TABLE });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a consolidated export: title rows and a header on row 3, each finding at its sheet cell, the notes and counts not read', () => {
    const r = lintJson([path.join(dir, 'export.xlsx')]);
    assert.equal(r.status, 1);
    const [file] = r.files;
    assert.deepEqual(placed(file).sort(), [
      'Smelters!B7:cid-missing', // the Tantalum row has no ID
      'Smelters!C6:country-unknown', // 'Narnia'
      'Smelters!D6:cid-duplicate', // Minsur's CID given to 'Foo Smelting'
    ]);
    const narnia = file.findings.find((f) => f.rule === 'country-unknown')!;
    assert.equal(narnia.line, 6, 'line is the sheet row');
    assert.equal(narnia.column, 3, 'column is the sheet column');
    const wb = file.read!.workbook!;
    assert.deepEqual(
      wb.sheets!.map((s) => `${s.sheet}: ${s.linted ? 'read' : s.why}`),
      [
        'Smelters: read',
        'Notes: no smelter table in its 2 rows (no header naming a smelter with its metal or country, nor cells reading as smelter rows)',
        'Summary: a table of counts, not smelter rows',
      ],
    );
    assert.equal(file.read!.medium, 'list');
    assert.equal(file.read!.format, 'xlsx');
    assert.deepEqual(
      file.read!.tables.map((t) => `${t.where} ${t.rows} rows, ${t.suppliers} suppliers`),
      ['Smelters!A3:E7 4 rows, 2 suppliers'],
    );
  });

  it('--verbose in text says which sheets held smelter tables and why the others did not', () => {
    const r = runCli(['--verbose', path.join(dir, 'export.xlsx')]);
    assert.match(r.stdout, /export\.xlsx: read as a smelter list \(xlsx\)/);
    assert.match(r.stdout, /\n {2}sheet "Smelters": smelter table read\n/);
    assert.match(r.stdout, /\n {2}sheet "Summary": not read: a table of counts, not smelter rows\n/);
    assert.match(r.stdout, /\n {2}table at Smelters!A3:E7\n/);
    assert.match(r.stdout, /export\.xlsx:Smelters!C6 {2}error {4}'Narnia' is not a country\./);
  });

  it('one sheet per metal: every sheet read, the metal from the sheet name, each finding at its own sheet', () => {
    const r = lintJson([path.join(dir, 'per-metal.xlsx')]);
    const [file] = r.files;
    assert.deepEqual(placed(file).sort(), [
      'Gold!B3:country-unknown',
      'Gold!C3:cid-duplicate', // Asahi's CID given to another name, on the Gold sheet
      'Tin!A3:cid-missing',
      'Tin!B3:country-unknown',
    ]);
    const [table] = file.read!.tables;
    assert.equal(table.where, 'Tin!A1:D3, Gold!A1:D3');
    assert.deepEqual(table.perMetal, { Tin: 2, Gold: 2 });
    assert.deepEqual(table.skipped, [{ reason: 'repeated header', count: 1, at: ['Gold!1'] }]);
  });

  it('a workbook without a smelter table is said so in one line, never "no problems"; in a folder it is skipped with that reason', () => {
    const one = runCli([path.join(dir, 'budget.xlsx')]);
    assert.equal(one.status, 2);
    assert.match(one.stderr, /budget\.xlsx not linted: budget\.xlsx holds no smelter table: sheets "Budget", "Notes" read\n/);
    assert.doesNotMatch(one.stdout, /✓/);
    const folder = runCli([dir]);
    assert.match(folder.stderr, /budget\.xlsx skipped: budget\.xlsx holds no smelter table: sheets "Budget", "Notes" read/);
    assert.equal(folder.status, 1, 'the other workbooks are linted: their findings decide');
  });

  it("a hidden sheet is not read (a tool's drop-downs or reference data), and said; a workbook of empty sheets is one line", () => {
    const files = unzipSync(PER_METAL);
    const book = strFromU8(files['xl/workbook.xml']);
    files['xl/workbook.xml'] = strToU8(book.replace('<sheet name="Gold"', '<sheet name="Gold" state="hidden"'));
    const w = readWorkbook(zipSync(files), 'hidden.xlsx');
    assert.deepEqual(w.context.sheets, [
      { sheet: 'Tin', linted: true },
      { sheet: 'Gold', linted: false, why: 'hidden' },
    ]);
    assert.doesNotMatch(w.text, /Asahi/);
    assert.throws(
      () => readWorkbook(writeXlsx([{ name: 'Empty', rows: [] }]), 'empty.xlsx'),
      (e: Error) => e instanceof NotACmrtError && /^empty\.xlsx holds no smelter table: sheet "Empty" read$/.test(e.message),
    );
  });

  it("RMI's facility list is a status list, not linted; a consolidated list with an RMAP status column is linted", () => {
    const header = ['METAL', 'SMELTER ID', 'STANDARD SMELTER NAME', 'COUNTRY LOCATION', 'LAST AUDIT DATE'];
    const rows = [
      ['Tin', 'CID001182', 'Minsur', 'PERU', '2023-03-01'],
      ['Gold', 'CID000082', 'Asahi Pretec Corp.', 'JAPAN', '2023-01-15'],
    ];
    assert.throws(
      () => readWorkbook(writeXlsx([{ name: 'Conformant', rows: [header, ...rows] }]), 'rmi.xlsx'),
      (e: Error) =>
        e instanceof NotACmrtError && /rmi\.xlsx is RMI's facility list \(sheet "Conformant"\), a status list \(--status\)/.test(e.message),
    );
    const consolidated = [
      ['Supplier', 'Metal', 'Smelter ID', 'Smelter Name', 'Country', 'RMAP Status'],
      ['Acme', 'Tin', 'CID001182', 'Minsur', 'PERU', 'Conformant'],
      ['Beta', 'Gold', 'CID000082', 'Asahi Pretec Corp.', 'JAPAN', 'Conformant'],
    ];
    const w = readWorkbook(writeXlsx([{ name: 'Conformant smelters', rows: consolidated }]), 'export.xlsx');
    assert.deepEqual(w.context.sheets, [{ sheet: 'Conformant smelters', linted: true }]);
  });

  it('a stray cell far right or far down widens nothing: values right of column GR are not read, and said', () => {
    const bytes = writeXlsx([
      {
        name: 'List',
        rows: [
          ['Metal', 'Smelter Name', 'Country', 'Smelter ID'],
          ['Tin', 'Minsur', 'PERU', 'CID001182'],
          [...Array.from({ length: 300 }, () => ''), 'far right'],
        ],
      },
    ]);
    const w = readWorkbook(bytes, 'stray.xlsx');
    assert.deepEqual(w.context.sheets, [{ sheet: 'List', linted: true, why: 'values right of column GR not read' }]);
    assert.ok(w.text.length < 200, `${w.text.length} characters`);
  });
});

describe("cmrlint's own merged workbook and the aggregate over workbooks' sheets", function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = folderWith({
      'supplier.csv':
        'Metal;Smelter Name;Smelter Country;Smelter Identification Number\nTin;Mineração Taboca S.A.;Brazil;CID001173\nGold;Asahi Pretec Corp.;JAPAN;CID000082\n',
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round trip: the merged .xlsx is linted by its "Smelters" sheet, its report sheets said and left', () => {
    const merged = path.join(dir, 'merged.xlsx');
    const a = runCli(['aggregate', '--output', merged, path.join(dir, 'supplier.csv')]);
    assert.equal(a.status, 0, a.stderr);
    const r = lintJson([merged]);
    const [file] = r.files;
    assert.equal(file.read!.rows, 2, 'its merged rows are read back');
    assert.deepEqual(file.read!.tables[0].perMetal, { Tin: 1, Gold: 1 });
    assert.deepEqual(
      file.read!.workbook!.sheets!.map((s) => `${s.sheet}: ${s.linted ? 'read' : s.why}`),
      [
        'Smelters: read',
        "Conflicts: cmrlint's report beside its merged table (cmrlint aggregate)",
        "Not merged: cmrlint's report beside its merged table (cmrlint aggregate)",
        "Summary: cmrlint's report beside its merged table (cmrlint aggregate)",
      ],
    );
    assert.equal(file.read!.tables[0].where, 'Smelters!A1:H3');
  });

  it('aggregate: a consolidated .xlsx is a supplier whose rows are "Reported In" its file and sheet cell; the merged output is left out', () => {
    fs.writeFileSync(path.join(dir, 'export.xlsx'), EXPORT);
    const r = runCli(['aggregate', '--format', 'csv', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /merged\.xlsx skipped: cmrlint's own merged table/);
    const minsur = r.stdout.split('\n').find((l) => l.startsWith('Tin,Minsur'))!;
    assert.match(minsur, /export\.xlsx Smelters!B4 \(Acme\)/);
    // a formula typed in a supplier's cell is written inert
    const formula = r.stdout.split('\n').find((l) => l.includes('HYPERLINK'))!;
    assert.match(formula, /^Tantalum,"'=HYPERLINK\(/);
  });
});
