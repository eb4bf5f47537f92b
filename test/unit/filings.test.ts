/**
 * Conflict Minerals Reports laid out as real filers of other years and agents lay them out, which the seeds do
 * not show: fixed-width text tables (EDGAR's .txt exhibits of 2014–2016, pdftotext -layout, pandoc) with headers
 * wrapped over lines and names wrapped onto the next; smelters as bullet points under metal headings; an annex
 * grouped by metal; countries of origin listed apart; a report that lists no smelter; HTML with a header stacked
 * over three rows, a table per metal named in its caption, footnote marks in cells, nested tables split over
 * pages. One short synthetic filing each under test/fixtures/filings. Each test asserts what an analyst relies
 * on: every smelter read, per metal, with its real name and country; the one mistake planted found on its
 * characters; what could not be read said so, and a filing without smelters never "no problems".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliFinding, runCli } from '../helpers/cli';
import { FIXTURES, SHARED } from '../helpers/paths';
import type { ReadReport } from '../../server/src/core/read-report';
import { parseFiling, cellAt, type FilingModel } from '../../server/src/core/parse/document';
import { replaceCell } from '../../server/src/core/rules/util';
import { applyEdits } from '../../server/src/core/fix';
import { readHtmlFiling } from '../../server/src/core/html';

const DIR = path.join(FIXTURES, 'filings');

interface Read {
  source: string;
  read: ReadReport;
  findings: CliFinding[];
}

function lint(name: string): Read {
  const file = path.join(DIR, name);
  const r = runCli(['--verbose', '--format', 'json', file]);
  const out = JSON.parse(r.stdout) as { files: Array<{ read: ReadReport; findings: CliFinding[] }> };
  assert.equal(out.files.length, 1, r.stderr);
  return { source: fs.readFileSync(file, 'utf8'), ...out.files[0] };
}

/** The rows of a text fixture as the parser reads them: "metal | name | country | id" (empty cells as ''). */
function rowsOf(model: FilingModel): string[] {
  return model.tables.flatMap((t) =>
    t.rows.map((r) => [t.columns.metal, t.columns.name, t.columns.country, t.columns.id].map((c) => cellAt(r, c)?.value ?? '').join(' | ')),
  );
}

const parsed = (name: string) => {
  const text = fs.readFileSync(path.join(DIR, name), 'utf8');
  return parseFiling(text, name.endsWith('.md') ? 'markdown' : 'text');
};

/** The one finding of a rule, asserted to sit on the first occurrence of `what` (line, column, length). */
function placed(r: Read, rule: string, what: string): CliFinding {
  const f = r.findings.filter((x) => x.rule === rule);
  assert.equal(f.length, 1, JSON.stringify(r.findings));
  const at = r.source.indexOf(what);
  const before = r.source.slice(0, at).split('\n');
  assert.deepEqual(
    { line: f[0].line, column: f[0].column },
    { line: before.length, column: before[before.length - 1].length + 1 },
    f[0].message,
  );
  assert.equal(f[0].endColumn - f[0].column, what.length, f[0].message);
  return f[0];
}

const columns = (r: Read, k = 0) => r.read.tables[k].columns.map((c) => `${c.role}: ${c.header ?? ''}`);
const skipped = (r: Read, k = 0) => Object.fromEntries(r.read.tables[k].skipped.map((s) => [s.reason, s.count]));

describe('filings of other years and agents: fixed-width text tables', function () {
  this.timeout(60000);

  it('an EDGAR .txt exhibit of 2015: a header wrapped over three lines, a rule of dashes, names and countries wrapped', () => {
    const r = lint('textfw-2015-ex1-01.txt');
    assert.deepEqual(columns(r), [
      'metal: Metal',
      'name: Smelter or Refiner Facility Name',
      'country: Country of Location',
      'id: Smelter Identification Number',
    ]);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tin: 2, Tantalum: 1, Tungsten: 1 });
    assert.deepEqual(skipped(r), {}, 'the header’s lines and its rule are no lines of text inside the table');
    assert.deepEqual(rowsOf(parsed('textfw-2015-ex1-01.txt')).slice(1, 5), [
      'Gold | Metalor Technologies (Hong Kong) Ltd. | China | CID001149',
      'Tin | Minsur | Peru | CID001182',
      'Tantalum | Ulba Metallurgical Plant JSC | Kazakhstan | CID001969',
      'Tungsten | Global Tungsten & Powders Corp. | United States of America | CID000568',
    ]);
    placed(r, 'country-unknown', 'Thialand');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('pdftotext -layout: a header over a form feed and page footer repeated, continuation lines, a footnote after', () => {
    const r = lint('pdftotext-2019-cmr.txt');
    assert.equal(r.read.tables.length, 1);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tantalum: 1, Tin: 2, Tungsten: 2 });
    assert.deepEqual(skipped(r), { 'page number': 1, 'repeated header': 1 });
    const rows = rowsOf(parsed('pdftotext-2019-cmr.txt'));
    assert.ok(rows.includes('Gold | Shandong Zhaojin Gold & Silver Refinery Co., Ltd. | China | CID001622'), rows.join('\n'));
    assert.ok(rows.includes('Tungsten | Kennametal Huntsville | United States of America | CID000105'), rows.join('\n'));
    assert.deepEqual(r.findings, []);
  });

  it('pdftotext pages laid out anew: the columns move, a long name runs past its column, a heading follows the last row', () => {
    const r = lint('pdftotext-pages-2023-cmr.txt');
    assert.equal(r.read.tables.length, 1);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 3, Tin: 1, Tungsten: 2 });
    assert.deepEqual(skipped(r), { 'page number': 1, 'repeated header': 1 });
    const rows = rowsOf(parsed('pdftotext-pages-2023-cmr.txt'));
    assert.equal(rows[0], 'Gold | Inner Mongolia Qiankun Gold and Silver Refinery Share Co., Ltd. | China | ');
    assert.equal(
      rows[rows.length - 1],
      'Tungsten | Albasteel Industria e Comercio de Ligas Para Fundicao Ltd. | Brazil | ',
      '"Glossary" is no metal',
    );
    placed(r, 'country-unknown', 'Lithuanai');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('a title right over the header, a table per metal under its heading, each laid out anew', () => {
    const r = lint('per-metal-text-2023-cmr.txt');
    assert.deepEqual(columns(r), ['name: Smelter Name', 'country: Country', 'status: RMAP Status', 'metal: Metal']);
    assert.deepEqual(r.read.tables[0].perMetal, { Tin: 2, Tungsten: 2, Gold: 2 });
    placed(r, 'country-unknown', 'United States of Amercia');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('a double-spaced table of 2014 in capitals ends where the filing goes on ("Item 2.01  Exhibits" is no row)', () => {
    const r = lint('doublespaced-2014-ex1-01.txt');
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tin: 1, Tungsten: 1 });
    assert.equal(r.read.rows, 4);
    assert.deepEqual(r.findings, []);
  });

  it('pandoc: a rule of dashes a single space apart parts a name that fills its column; --fix keeps the columns', () => {
    const r = lint('pandoc-2023-cmr.md');
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tantalum: 1, Tin: 1, Tungsten: 1 });
    assert.ok(rowsOf(parsed('pandoc-2023-cmr.md')).includes('Tantalum | Ningxia Orient Tantalum Industry Co.,Ltd | China | CID001277'));
    placed(r, 'cid-format', 'CID1105');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-filings-'));
    try {
      const copy = path.join(dir, 'pandoc-2023-cmr.md');
      fs.copyFileSync(path.join(DIR, 'pandoc-2023-cmr.md'), copy);
      runCli(['--fix', copy]);
      const before = r.source.split('\n');
      const after = fs.readFileSync(copy, 'utf8').split('\n');
      assert.deepEqual(
        after.filter((l, i) => l !== before[i]),
        [before.find((l) => l.includes('CID1105'))!.replace('CID1105', 'CID001105')],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a fix in a fixed-width table pads a shorter value, and writes a wrapped one on its first line only', () => {
    const name = 'pdftotext-2019-cmr.txt';
    const model = parsed(name);
    const t = model.tables[0];
    const row = t.rows.find((x) => cellAt(x, t.columns.country)?.value === 'United States of America')!;
    const wrapped = replaceCell(cellAt(row, t.columns.country)!, 'USA', 'USA');
    const short = replaceCell(cellAt(t.rows[0], t.columns.country)!, 'JP', 'JP');
    const text = applyEdits(model.text, [...wrapped.edits, ...short.edits]);
    const again = rowsOf(parseFiling(text, 'text'));
    assert.equal(again.length, t.rows.length);
    assert.ok(again.includes('Tungsten | Kennametal Huntsville | USA | CID000105'), again.join('\n'));
    assert.ok(again.includes('Gold | Asahi Pretec Corp. | JP | CID000082'), again.join('\n'));
    // the columns after the edited cells did not move
    const lines = (s: string) => s.split('\n');
    lines(text).forEach((l, i) => {
      const was = lines(model.text)[i];
      if (l !== was) assert.equal(l.trimEnd().lastIndexOf('CID'), was.lastIndexOf('CID') >= 0 ? was.lastIndexOf('CID') : -1, l);
    });
  });

  it('rows of smelters with no header over them are said to be unread, never a silent clean file', () => {
    const r = lint('headerless-2016-cmr.txt');
    const f = placed(r, 'table-unread', 'Gold       Asahi Pretec Corp.                Japan');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^Lines 5–8 hold 4 rows of smelters/);
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('a table typed with single spaces, which no reader can part into columns, is said to be unread (not its prose after it)', () => {
    const r = lint('single-spaced-2015-cmr.txt');
    const f = placed(r, 'table-unread', 'Gold Asahi Pretec Corp. Japan');
    assert.match(f.message, /^Lines 4–7 hold 4 rows of smelters/);
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });
});

describe('filings of other years and agents: lists, annexes and reports without smelters', function () {
  this.timeout(60000);

  it('smelters as bullet points under metal headings are read; a bullet list of countries is not a smelter list', () => {
    const r = lint('bullets-2020-cmr.txt');
    assert.equal(r.read.tables.length, 1);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 3, Tin: 2, Tungsten: 1 });
    assert.deepEqual(rowsOf(parsed('bullets-2020-cmr.txt')).slice(0, 2), [
      'Gold | Asahi Pretec Corp. | Japan | ',
      'Gold | Metalor Technologies SA | Switzerland | ',
    ]);
    placed(r, 'country-unknown', 'Japna');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('an annex with one fixed-width table per metal under "A. Gold", "B. Tantalum" headings', () => {
    const r = lint('annex-grouped-2018-ex1-01.txt');
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 3, Tantalum: 2, Tin: 3, Tungsten: 2 });
    assert.deepEqual(skipped(r), { heading: 3, 'repeated header': 3 });
    placed(r, 'country-unknown', 'Austira');
    const dup = r.findings.filter((f) => f.rule === 'row-duplicate');
    assert.equal(dup.length, 1, JSON.stringify(r.findings));
    assert.equal(dup[0].line, 29);
    assert.equal(r.findings.length, 2, JSON.stringify(r.findings));
  });

  it('countries of origin listed apart from a table without a country column: the table read, the countries not as smelters', () => {
    const r = lint('countries-separate-2021-ex1-01.txt');
    assert.equal(r.read.tables.length, 1);
    assert.equal(r.read.rows, 4);
    const f = r.findings.filter((x) => x.rule === 'table-unread');
    assert.equal(f.length, 1, JSON.stringify(r.findings));
    assert.match(f[0].message, /no country column/);
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('a report that says it could not list its smelters has none, said so; no error that its list was unread', () => {
    const r = lint('no-smelters-2017-ex1-01.txt');
    assert.deepEqual(r.read.tables, []);
    assert.deepEqual(r.findings, [], 'the sentence denies the list it mentions: "not able to provide a list of the smelters"');
    const text = runCli([path.join(DIR, 'no-smelters-2017-ex1-01.txt')]);
    assert.match(text.stdout, /no smelter table read in 1 file: no smelter was checked/);
    assert.doesNotMatch(text.stdout, /✓ no problems/);
  });
});

describe('filings of other years and agents: HTML layouts the generators lack', function () {
  this.timeout(60000);

  it('a header stacked over three rows ("Smelter" / "Name" / "(as reported)") and header cells split by <br>', () => {
    const r = lint('stacked-header-2017-ex1-01.htm');
    assert.equal(r.read.tables.length, 2);
    assert.deepEqual(columns(r, 0), [
      'metal: Mineral',
      'name: Smelter Name (as reported)',
      'country: Smelter Facility Location',
      'id: Smelter Identification Number',
    ]);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tin: 1, Tungsten: 1 });
    assert.deepEqual(columns(r, 1), [
      'metal: Metal',
      'name: Smelter or Refiner Facility Name',
      'country: Country of Location',
      'id: Smelter ID',
    ]);
    placed(r, 'country-unknown', 'Austira');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('a table per metal named in its <caption> ("Tin (1)") or a heading above it; footnote marks and spacer columns', () => {
    const r = lint('per-metal-captions-2020-ex1-01.htm');
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tantalum: 2, Tin: 3 });
    // "CID001153*" is CID001153 with a footnote's mark; "CID 000082" is written with a space, and said so
    const f = placed(r, 'cid-format', 'CID 000082');
    assert.match(f.message, /separator after "CID"/);
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('nested layout tables split over pages with the header repeated, "Tin (1)" in the metal column, "CID002082*"', () => {
    const r = lint('split-pages-nested-2022-ex1-01.htm');
    assert.equal(r.read.tables.length, 1);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tin: 2, Tungsten: 2 });
    assert.deepEqual(skipped(r), { 'page number': 1, 'repeated header': 1 });
    placed(r, 'country-unknown', 'Germnay');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });
});

describe('filings of other years and agents: every reading linear on hostile text', function () {
  // 40k lines: a quadratic pass over them takes minutes, a linear one a few seconds on a loaded machine
  this.timeout(60000);
  const N = 40_000;
  const lines = (f: (i: number) => string) => Array.from({ length: N }, (_, i) => f(i)).join('\n');
  const header = 'Metal      Smelter Name                      Country        Smelter ID\n';

  it('a fixed-width table of 40k rows is read whole', () => {
    const model = parseFiling(header + lines((i) => `Gold       Smelter ${i} Corp.                  Japan          CID000082`), 'text');
    assert.equal(model.tables[0].rows.length, N);
  });

  it('40k lines that each read as a header, 40k lines wrapped onto one row, 40k lines of two-space prose', () => {
    assert.equal(
      parseFiling(
        lines(() => 'Metal      Smelter Name      Country'),
        'text',
      ).tables.length,
      0,
    );
    const wrapped = parseFiling(
      `${header}Gold       A                      Japan     CID000001\n${lines((i) => `           more ${i}`)}`,
      'text',
    );
    assert.equal(wrapped.tables[0].rows.length, 1);
    assert.equal(
      parseFiling(
        lines((i) => `The smelters.  Metal and country ${i}.  Name here`),
        'text',
      ).tables.length,
      0,
    );
  });

  it('40k headerless rows are one unread run; 40k bullet points one list', () => {
    const unread = parseFiling(
      lines((i) => `Gold       Smelter ${i} Corp.       Japan`),
      'text',
    );
    assert.equal(unread.problems.filter((p) => p.rule === 'table-unread').length, 1);
    assert.equal(
      parseFiling(
        lines((i) => `• Smelter ${i} Corp. (Japan)`),
        'text',
      ).tables[0].rows.length,
      N,
    );
  });
});

describe('filings of other years and agents: a fixed-width table grouped by metal', function () {
  this.timeout(60000);

  it('a metal written once above its rows, headers centred over a rule, "CID" as the ID column’s header', () => {
    const r = lint('grouped-2016-ex1-01.txt');
    assert.deepEqual(columns(r), ['metal: Metal', 'name: Smelter Name', 'country: Country', 'id: CID']);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 3, Tin: 2, Tungsten: 2 });
    assert.ok(!r.findings.some((f) => f.rule === 'metal-unknown'), 'each row has the metal written above it');
    placed(r, 'cid-format', 'CID00105');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });
});

describe('filings of other years and agents: an HTML list of smelters', function () {
  this.timeout(60000);

  it('<ul><li> items under bold metal headings are read as smelters; a <ul> of countries is not', () => {
    const r = lint('li-bullets-2024-ex1-01.htm');
    assert.equal(r.read.tables.length, 1);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tantalum: 2 });
    placed(r, 'country-unknown', 'Kazakstan');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });
});

describe('filings of other years and agents: an ASCII exhibit in its EDGAR submission', function () {
  this.timeout(60000);

  it('a header wrapped over three lines and names wrapped onto the next, read as in a .txt exhibit', () => {
    const r = lint('ascii-wrapped-2015-submission.txt');
    assert.deepEqual(columns(r), [
      'metal: METAL',
      'name: SMELTER OR REFINER FACILITY NAME',
      'country: COUNTRY OF LOCATION',
      'id: SMELTER IDENTIFICATION NUMBER',
    ]);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 1, Tin: 1, Tungsten: 1, Tantalum: 1 });
    // the wrapped "Company Limited" and "of America" are their rows' words
    const rows = readHtmlFiling(r.source).text.split('\n');
    assert.ok(rows.includes('Tin\tYunnan Tin Group (Holding) Company Limited\tChina\tCID002180'), rows.join('\n'));
    assert.ok(rows.includes('Tungsten\tGlobal Tungsten & Powders Corp.\tUnited States of America\tCID000568'), rows.join('\n'));
    placed(r, 'country-unknown', 'Kazakstan');
    assert.deepEqual(
      r.findings.filter((f) => f.rule !== 'form-sd-required' && f.rule !== 'country-unknown'),
      [],
    );
  });
});

/**
 * A rendered HTML filing with its tab-separated tables laid out in fixed-width columns, each run of rows padded
 * on its own (as pdftotext sets each page anew), three spaces between columns: a text conversion of the report.
 */
function laidOutInSpaces(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].includes('\t')) {
      out.push(lines[i++]);
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].includes('\t')) j++;
    const block = lines.slice(i, j).map((l) => l.split('\t'));
    const width: number[] = [];
    for (const r of block) r.forEach((c, k) => (width[k] = Math.max(width[k] ?? 0, c.length)));
    for (const r of block) out.push(`  ${r.map((c, k) => c.padEnd(width[k])).join('   ')}`.trimEnd());
    i = j;
  }
  return out.join('\n');
}

/** Smelter rows read per metal from a text. */
function perMetal(text: string): Record<string, number> {
  const model = parseFiling(text, 'text');
  const out: Record<string, number> = {};
  for (const t of model.tables)
    for (const r of t.rows) out[cellAt(r, t.columns.metal)?.value ?? ''] = (out[cellAt(r, t.columns.metal)?.value ?? ''] ?? 0) + 1;
  return out;
}

describe('filings of other years and agents: every HTML report, converted to fixed-width text, reads the same smelters', function () {
  this.timeout(120000);
  const files = [
    ...fs
      .readdirSync(path.join(FIXTURES, 'html', 'generators'))
      .filter((f) => f.endsWith('.htm'))
      .map((f) => path.join(FIXTURES, 'html', 'generators', f)),
    ...fs
      .readdirSync(path.join(SHARED, 'corpus', 'edgar'))
      .filter((f) => /\.html?$/.test(f))
      .map((f) => path.join(SHARED, 'corpus', 'edgar', f)),
  ];

  for (const file of files) {
    it(path.basename(file), () => {
      const rendered = readHtmlFiling(fs.readFileSync(file, 'utf8')).text;
      const read = perMetal(rendered);
      // every one lists smelters but the report of countries only
      assert.equal(Object.keys(read).length > 0, !file.includes('edgarizer'), JSON.stringify(read));
      assert.deepEqual(perMetal(laidOutInSpaces(rendered)), read);
    });
  }
});
