/**
 * Real supplier lists and other tools' exports, read right whatever their layout: supplier columns headed in
 * any of the templates' languages, count tables that are no smelter lists, a company's export filtered to
 * conformant smelters told from RMI's own published list, and 2012–2014 CMRT exports that had no CIDs to give.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText, lintText } from '../../server/src/core/lint';
import { supplierColumn, suppliersIn } from '../../server/src/core/supplier';
import { parseCsv, sniffCsvDelimiter } from '../../server/src/core/parse/cells';
import { decodeBytes } from '../../server/src/core/text';
import type { ReadReport } from '../../server/src/core/read-report';
import { runCli } from '../helpers/cli';
import { FIXTURES } from '../helpers/paths';
import { namesSupplier } from '../../server/src/core/parse/header';
import { writeXlsx } from '../../server/src/node/xlsx-write';
import { readWorkbook } from '../../server/src/node/sheet-lists';
import { NotACmrtError } from '../../server/src/node/cmrt';

/** A consolidated list whose supplier column is headed `header`, suppliers interleaved (no blocks to read them by). */
function consolidatedCsv(header: string): string {
  return [
    `Metal,Smelter Name,Country,Smelter ID,${header}`,
    'Gold,Argor-Heraeus S.A.,SWITZERLAND,CID000077,Acme SA',
    'Tin,Minsur,PERU,CID001182,Beta GmbH',
    'Gold,Argor-Heraeus S.A.,SWITZERLAND,CID000077,Beta GmbH',
    'Tin,Minsur,PERU,CID001182,Acme SA',
    'Tantalum,Ulba Metallurgical Plant JSC,KAZAKHSTAN,CID001969,Beta GmbH',
  ].join('\n');
}

describe('exports: a supplier column headed in any of the templates’ languages', () => {
  it('is the supplier column of a consolidated list, by its header alone', () => {
    const headers = [
      'Fournisseur',
      'Nom du fournisseur',
      'Lieferant',
      'Lieferantenname',
      'Proveedor',
      'Nombre del proveedor',
      'Fornecedor',
      'Fornitore',
      'Tedarikçi',
      'Tedarikçi Adı',
      '供应商',
      '供应商名称',
      '供應商',
      'サプライヤー',
      'サプライヤー名',
      '공급업체',
      '공급업체명',
      'Supplier(s)',
    ];
    for (const header of headers) {
      const t = analyzeText(consolidatedCsv(header), { fileName: 'x.csv' }).model.tables[0];
      assert.deepEqual(supplierColumn(t), { column: 4, basis: 'header' }, header);
    }
  });

  it('a column about the supplier (its country, number, contact) is not its name, in any language', () => {
    for (const header of ['Pays du fournisseur', 'Lieferantennummer', 'Supplier Contact', '供应商联系人', 'E-mail del proveedor']) {
      assert.equal(namesSupplier(header), false, header);
    }
    for (const header of ['Declaring Company', 'Reported by', 'Source File', 'VendorName', 'Filename'])
      assert.equal(namesSupplier(header), true, header);
  });
});

describe('exports: a tally of smelters (per country, per metal) is no smelter list', () => {
  it('a table whose would-be name column holds counts or countries, without CIDs or names, is read as counts', () => {
    const tallies = [
      'Country of Smelter,Metal,Smelters\nCHINA,Gold,10\nJAPAN,Gold,12\nCHINA,Tin,30\nINDONESIA,Tin,40\n',
      'Smelter Location,Smelter Facility Count,RMAP Conformant\nChina,85,80\nIndonesia,40,30\nJapan,12,12\nMalaysia,3,3\nPeru,2,2\n',
      'Smelter Country,Number of Smelters\nChina,85\nIndonesia,40\nJapan,12\nMalaysia,3\nPeru,2\nThailand,1\n',
    ];
    for (const text of tallies) {
      const { model } = analyzeText(text, { fileName: 'summary.csv' });
      assert.equal(model.tables.length, 0, text);
      assert.deepEqual(
        model.otherTables?.map((t) => t.kind),
        ['counts'],
        text,
      );
    }
  });

  it('a smelter list with a count or row-number column is still a smelter list', () => {
    const lists = [
      'No.,Metal,Smelter Name,Country,Smelter ID\n1,Tin,Minsur,PERU,CID001182\n2,Gold,Asahi Pretec Corp.,JAPAN,CID000082\n3,Tin,Thaisarco,THAILAND,CID001898\n',
      'Metal,Smelter Name,Country,Suppliers\nTin,Minsur,PERU,3\nGold,Asahi Pretec Corp.,JAPAN,1\nTin,Thaisarco,THAILAND,2\n',
    ];
    for (const text of lists) {
      const { model } = analyzeText(text, { fileName: 'list.csv' });
      assert.equal(model.tables[0]?.rows.length, 3, text);
      assert.equal(model.otherTables, undefined, text);
    }
  });

  it("a workbook's summary sheets of counts are said to be counts, whether or not their header names a smelter column", () => {
    const book = writeXlsx([
      {
        name: 'Smelters',
        rows: [
          ['Metal', 'Smelter Name', 'Country', 'Smelter ID'],
          ['Tin', 'Minsur', 'PERU', 'CID001182'],
          ['Gold', 'Asahi Pretec Corp.', 'JAPAN', 'CID000082'],
        ],
      },
      {
        name: 'By country',
        rows: [['Smelters by country'], ['Country', 'Number of smelters'], ['China', 85], ['Indonesia', 40], ['Peru', 2], ['Total', 127]],
      },
      {
        name: 'By metal',
        rows: [
          ['Metal', 'Conformant', 'Active', 'Total'],
          ['Gold', 100, 5, 105],
          ['Tin', 70, 4, 74],
          ['Tantalum', 35, 0, 35],
        ],
      },
      {
        name: 'By location',
        rows: [
          ['Smelter Location', 'Smelter Count', 'RMAP Conformant'],
          ['China', 85, 80],
          ['Japan', 12, 12],
          ['Peru', 2, 2],
        ],
      },
    ]);
    assert.deepEqual(
      readWorkbook(book, 'export.xlsx').context.sheets!.map((s) => `${s.sheet}: ${s.linted ? 'read' : s.why}`),
      [
        'Smelters: read',
        'By country: a table of counts, not smelter rows',
        'By metal: a table of counts, not smelter rows',
        'By location: a table of counts, not smelter rows',
      ],
    );
  });
});

describe("exports: a company's list of its conformant smelters is not RMI's facility list", () => {
  const smelters = [
    ['Tin', 'Minsur', 'PERU', 'CID001182', 'Conformant'],
    ['Gold', 'Asahi Pretec Corp.', 'JAPAN', 'CID000082', 'Conformant'],
    ['Tantalum', 'Ulba Metallurgical Plant JSC', 'KAZAKHSTAN', 'CID001969', 'Conformant'],
  ];
  const sheetsOf = (name: string, rows: (string | number)[][]) =>
    readWorkbook(writeXlsx([{ name, rows }]), 'list.xlsx').context.sheets!.map((s) => `${s.sheet}: ${s.linted ? 'read' : s.why}`);
  const isRmi = (name: string, rows: (string | number)[][]) =>
    assert.throws(
      () => readWorkbook(writeXlsx([{ name, rows }]), 'rmi.xlsx'),
      (e: Error) => e instanceof NotACmrtError && /is RMI's facility list/.test(e.message),
      JSON.stringify(rows[0]),
    );

  it("a compliance tool's export filtered to conformant smelters, without a supplier column, is linted", () => {
    const header = ['Metal', 'Smelter Name', 'Country', 'Smelter ID', 'RMAP Status'];
    assert.deepEqual(sheetsOf('Sheet1', [header, ...smelters]), ['Sheet1: read']);
    // named "Conformant", without a status column: still the company's list
    assert.deepEqual(sheetsOf('Conformant', [header.slice(0, 4), ...smelters.map((r) => r.slice(0, 4))]), ['Conformant: read']);
  });

  it("RMI's lists are told by what RMI publishes: its audit columns, its column set, its name in a title", () => {
    const rmi = (r: string[], i: number) => [String(i + 1), r[0], r[3], r[1], 'Lima', r[2]];
    isRmi('Active List', [
      ['Sl#', 'METAL', 'SMELTER ID', 'STANDARD SMELTER NAME', 'STATE/PROVINCE/REGION', 'COUNTRY LOCATION'],
      ...smelters.map(rmi),
    ]);
    isRmi('Sheet1', [
      ['METAL', 'SMELTER ID', 'STANDARD SMELTER NAME', 'COUNTRY', 'LAST AUDIT DATE'],
      ...smelters.map((r) => [r[0], r[3], r[1], r[2], '2023-03-01']),
    ]);
    isRmi('Conformant', [
      ['METAL', 'SMELTER ID', 'STANDARD SMELTER NAME', 'COUNTRY LOCATION'],
      ...smelters.map((r) => [r[0], r[3], r[1], r[2]]),
    ]);
    isRmi('Conformant', [
      ['Responsible Minerals Initiative: Conformant Smelters and Refiners'],
      ['Metal', 'Smelter ID', 'Smelter Name', 'Country'],
      ...smelters.map((r) => [r[0], r[3], r[1], r[2]]),
    ]);
  });
});

describe('exports: cid-missing on exports of CMRTs that did not require smelter IDs', () => {
  const header = ',Metal (*),Smelter Reference List (*),Standard Smelter Names (*),Smelter Facility Location: Country (*),Smelter ID';
  const rows = [',Gold,Metalor Technologies SA,Metalor Technologies SA,SWITZERLAND,', ',Tin,Minsur,Minsur,PERU,CID001182'];
  const missing = (text: string, fileName = 'export.csv') =>
    lintText(text, { fileName })
      .findings.filter((f) => f.rule === 'cid-missing')
      .map((f) => `${f.severity}: ${f.message}`);

  it('is information on a 2.x/3.x export: the revision stated above the header, or the 2.x/3.x header', () => {
    const stated = [',,,,,Revision 2.03 July 12th 2013', header, ...rows].join('\n');
    assert.deepEqual(missing(stated), [
      "info: No smelter ID for 'Metalor Technologies SA' (Gold). CMRT 2.03 did not yet require smelter IDs: the supplier left nothing out. The reference has CID001153 for 'Metalor Technologies S.A.'.",
    ]);
    assert.match(missing([header, ...rows].join('\n'))[0], /^info: .*A CMRT 2\.x\/3\.x Smelter List did not yet require smelter IDs/);
  });

  it('stays a warning on a later template, a list of today and a filing', () => {
    assert.match(
      missing([',,,,,Revision 4.01b', header, ...rows].join('\n'))[0],
      /^warning: No smelter ID for 'Metalor Technologies SA' \(Gold\)\. The reference has CID001153/,
    );
    const modern = 'Metal,Smelter Name,Country,Smelter ID\nGold,Metalor Technologies SA,SWITZERLAND,\nTin,Minsur,PERU,CID001182\n';
    assert.match(missing(modern)[0], /^warning: /);
    const filing = [
      'Revision 2 of this report',
      '',
      'Metal\tSmelter Reference List\tCountry\tSmelter ID',
      'Gold\tMetalor Technologies SA\tSWITZERLAND\t',
      'Tin\tMinsur\tPERU\tCID001182',
    ].join('\n');
    assert.match(missing(filing, 'report.txt')[0], /^warning: /);
  });
});

/** What a fixture under test/fixtures/exports is read as: its columns by role, its rows and suppliers. */
interface Reading {
  /** "A metal", "B name"…: the columns by letter and role (name left out where it depends on a qualifier). */
  columns: string[];
  rows: number;
  suppliers?: number;
}

/** Rules that say a list was misread when they fire on a clean export: shifted cells, false duplicates, unknown values. */
const MISREADING = new Set([
  'table-shape',
  'row-duplicate',
  'row-near-duplicate',
  'cid-missing',
  'cid-duplicate',
  'cid-mismatch',
  'cid-unknown',
  'country-unknown',
  'metal-unknown',
  'smelter-placeholder',
]);

/** Realistic exports of other tools and companies, written for these tests (test/fixtures/exports). */
const EXPORTS: Record<string, Reading> = {
  // title rows, a count of suppliers and a cell listing several, notes below the rows
  'assent-smelter-report.csv': { columns: ['A metal', 'B name', 'C id', 'D country', 'E status', 'G supplier'], rows: 9, suppliers: 4 },
  // a BOM, CRLF, title rows and a blank line above the header, a date column
  'bom-title-rows.csv': { columns: ['A metal', 'B name', 'C country', 'D id', 'E supplier'], rows: 4, suppliers: 2 },
  // an internal "Smelter ID" (1, 2, 3…) beside the "RMI ID", "Country/Region", "Supplier(s)", Au/Sn/Ta/W
  'company-smelter-list.csv': { columns: ['B id', 'C name', 'D country', 'E status', 'F supplier', 'G metal'], rows: 8, suppliers: 4 },
  // filtered to conformant smelters, no supplier column
  'conformant-only.csv': { columns: ['A metal', 'B name', 'C country', 'D id', 'E status'], rows: 6 },
  // the mines' "Country of Origin" before the smelter's country
  'country-of-origin.csv': { columns: ['A metal', 'B name', 'D country', 'E id', 'F supplier'], rows: 4, suppliers: 2 },
  // "Facility" headings, a city-and-country "Facility Location" before "Smelter Country/Region"
  'facility-location.csv': { columns: ['A name', 'C id', 'D metal', 'F country'], rows: 4 },
  // German Excel: semicolons, Windows-1252, decimal commas, German metals and headings
  'german-excel-semicolon.csv': { columns: ['A metal', 'B name', 'C country', 'D id', 'E supplier'], rows: 4, suppliers: 2 },
  // European Excel: semicolons, CRLF, dd.mm.yyyy dates, the ID first, "Reported by"
  'ipoint-semicolon.csv': { columns: ['A id', 'B metal', 'C name', 'D country', 'E status', 'G supplier'], rows: 7, suppliers: 2 },
  // quoted cells holding line breaks and doubled quotes
  'multiline-cells.csv': { columns: ['A supplier', 'B metal', 'C name', 'D country', 'E id'], rows: 5, suppliers: 2 },
  // Excel's "Unicode text": UTF-16 LE with a BOM, tabs, CRLF; suppliers separated by ";" and "|"; RMI's
  // standard name beside the name "(as reported)"
  'source-intelligence-unicode.tsv': {
    columns: ['A id', 'B standard', 'C name', 'D metal', 'E country', 'F status', 'G supplier'],
    rows: 6,
    suppliers: 3,
  },
  // title rows, the supplier's template revision, look-up and typed name, contact and address columns
  'worksmart-consolidated.csv': {
    columns: ['A supplier', 'C metal', 'D lookup', 'E name', 'F country', 'G id'],
    rows: 6,
    suppliers: 3,
  },
};

interface CliFile {
  file: string;
  read?: ReadReport;
  findings: Array<{ rule: string; severity: string; message: string }>;
}

function lintFiles(files: string[]): CliFile[] {
  const r = runCli(['--format', 'json', '--verbose', ...files]);
  return (JSON.parse(r.stdout) as { files: CliFile[] }).files;
}

/** A file's reading in the terms of Reading. */
function readingOf(f: CliFile): Reading {
  assert.equal(f.read?.tables.length, 1, `${f.file}: ${JSON.stringify(f.read?.tables.map((t) => t.where))}`);
  const [t] = f.read.tables;
  const columns = t.columns.map((c) => `${c.letter} ${c.role}`);
  return { columns, rows: t.rows, ...(t.suppliers !== undefined ? { suppliers: t.suppliers } : {}) };
}

/** The values of a decoded CSV or TSV file as a grid, for writing it as a workbook. */
function gridOf(text: string): string[][] {
  if (sniffCsvDelimiter(text) === 'tab') return text.split(/\r?\n/).map((l) => l.split('\t'));
  const delimiter = sniffCsvDelimiter(text) === 'semicolon' ? 'semicolon' : 'comma';
  return parseCsv(text, delimiter, () => 0).rows.map((r) => r.cells.map((c) => c.value));
}

describe('exports: realistic exports of other tools and companies (test/fixtures/exports)', function () {
  this.timeout(60000);
  const dir = path.join(FIXTURES, 'exports');
  const names = Object.keys(EXPORTS);
  let csv: CliFile[];
  let xlsx: CliFile[];
  let tmp: string;
  before(() => {
    csv = lintFiles(names.map((n) => path.join(dir, n)));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-exports-'));
    for (const n of names) {
      const grid = gridOf((decodeBytes(fs.readFileSync(path.join(dir, n))).text ?? '').replace(/^\ufeff/, ''));
      fs.writeFileSync(path.join(tmp, `${n}.xlsx`), writeXlsx([{ name: 'Export', rows: grid }]));
    }
    xlsx = lintFiles(names.map((n) => path.join(tmp, `${n}.xlsx`)));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every column is read for its role, every row and supplier counted, and nothing reads as a misread row', () => {
    assert.ok(names.length >= 10);
    names.forEach((n, i) => {
      assert.deepEqual(readingOf(csv[i]), EXPORTS[n], n);
      assert.deepEqual(
        csv[i].findings.filter((f) => MISREADING.has(f.rule)).map((f) => `${f.rule}: ${f.message}`),
        [],
        n,
      );
    });
  });

  it('the same exports saved as .xlsx are read alike', () => {
    names.forEach((n, i) => {
      assert.deepEqual(readingOf(xlsx[i]), EXPORTS[n], `${n}.xlsx`);
      assert.deepEqual(
        xlsx[i].findings.filter((f) => MISREADING.has(f.rule)).map((f) => `${f.rule}: ${f.message}`),
        [],
        `${n}.xlsx`,
      );
    });
  });

  it('a summary of smelters per country is not read as smelters', () => {
    const [summary] = lintFiles([path.join(dir, 'summary-by-country.csv')]);
    assert.equal(summary.read?.rows ?? 0, 0);
    assert.deepEqual(
      summary.findings.map((f) => f.rule),
      ['file-format'],
    );
  });

  it('aggregate counts each supplier a cell lists once, and keeps the cell as the tool wrote it', () => {
    const r = runCli(['aggregate', '--format', 'json', path.join(dir, 'assent-smelter-report.csv')]);
    const out = JSON.parse(r.stdout) as { summary: { suppliers: number }; smelters: Array<{ name: string; suppliers: number }> };
    assert.equal(out.summary.suppliers, 4);
    assert.deepEqual(
      out.smelters.filter((s) => s.suppliers > 2).map((s) => `${s.name}: ${s.suppliers}`),
      ['Argor-Heraeus S.A.: 3', 'Minsur: 4'],
    );
    assert.deepEqual(suppliersIn('Beta Components, Inc.; Gamma Ltd. | Delta\nBeta Components, Inc.'), [
      'Beta Components, Inc.',
      'Gamma Ltd.',
      'Delta',
    ]);
  });
});

describe('exports: a company’s workbook whose sheet is named "Smelter List"', () => {
  it('is a smelter list (its IDs checked), not a CMRT, when it has none of the template’s other sheets', () => {
    const rows = [
      ['Smelter List - Acme Industries'],
      ['Generated 2024-05-01'],
      [],
      ['Metal', 'Smelter Name', 'Smelter Country', 'Smelter ID', 'Supplier'],
      ['Tin', 'Minsur', 'PERU', 'CID001182', 'Beta'],
      ['Gold', 'Argor-Heraeus S.A.', 'SWITZERLAND', '', 'Gamma'],
    ];
    const w = readWorkbook(writeXlsx([{ name: 'Smelter List', rows }]), 'export.xlsx');
    assert.deepEqual(w.context.sheets, [{ sheet: 'Smelter List', linted: true }]);
    assert.equal(w.context.template, undefined);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-exports-'));
    try {
      fs.writeFileSync(path.join(tmp, 'export.xlsx'), writeXlsx([{ name: 'Smelter List', rows }]));
      const [file] = lintFiles([path.join(tmp, 'export.xlsx')]);
      assert.equal(file.read?.medium, 'list');
      assert.deepEqual(
        file.findings.map((f) => f.rule),
        ['cid-missing'],
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('exports: notes typed alone in a row', () => {
  it('are not rows; a long name with lower-case words alone in the name column still is one', () => {
    const text = [
      'Metal,Smelter Name,Country,Smelter ID',
      'Tin,Minsur,Peru,CID001182',
      ',Fundición de metales del sur S.A.,,',
      'Gold,Argor-Heraeus S.A.,Switzerland,CID000077',
      '',
      'Total smelters: 3',
      'Smelters not yet identified by suppliers are not shown.',
    ].join('\n');
    const [table] = analyzeText(text, { fileName: 'list.csv' }).model.tables;
    assert.deepEqual(
      table.rows.map((r) => r.cells[1]?.value),
      ['Minsur', 'Fundición de metales del sur S.A.', 'Argor-Heraeus S.A.'],
    );
  });
});
