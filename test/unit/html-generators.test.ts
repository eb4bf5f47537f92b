/**
 * Conflict Minerals Reports as the filing agents' generators typeset them (Workiva, Toppan Merrill Bridge, DFIN
 * ActiveDisclosure, GoFiler, EDGARizer, hand-written HTML 3.2, inline XBRL, <pre> text exhibits, image headers):
 * one short synthetic exhibit each under test/fixtures/html/generators, written the way that generator writes.
 * Each test asserts what a user relies on: every smelter row read, per metal; the columns mapped as the header
 * means them; the finding placed on the characters of the .htm it names; the read report saying what was read;
 * and a table or a report that could not be read said so, never "no problems".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliFinding, runCli } from '../helpers/cli';
import { FIXTURES } from '../helpers/paths';
import type { ReadReport } from '../../server/src/core/read-report';
import { hoverInHtml, lintHtmlDocument } from '../../server/src/core/html/editor';

const DIR = path.join(FIXTURES, 'html', 'generators');

interface Read {
  source: string;
  read: ReadReport;
  findings: CliFinding[];
  status: number;
}

/** The CLI's verbose JSON for one fixture: what it read, and its findings. */
function lint(name: string): Read {
  const file = path.join(DIR, name);
  const r = runCli(['--verbose', '--format', 'json', file]);
  const out = JSON.parse(r.stdout) as { files: Array<{ read: ReadReport; findings: CliFinding[] }> };
  assert.equal(out.files.length, 1, r.stderr);
  return { source: fs.readFileSync(file, 'utf8'), ...out.files[0], status: r.status };
}

/** 1-based line and column of the first occurrence of a text in a source, after `after` when given. */
function placeOf(source: string, what: string, after = ''): { line: number; column: number } {
  const at = source.indexOf(what, after ? source.indexOf(after) : 0);
  assert.ok(at >= 0, `${what} not in the source`);
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The one finding of a rule, asserted to sit on `what` in the source (its first characters, its length). */
function placed(r: Read, rule: string, what: string, after = ''): CliFinding {
  const f = r.findings.filter((x) => x.rule === rule);
  assert.equal(f.length, 1, JSON.stringify(r.findings));
  assert.deepEqual({ line: f[0].line, column: f[0].column }, placeOf(r.source, what, after), f[0].message);
  assert.equal(f[0].endColumn - f[0].column, what.length, f[0].message);
  return f[0];
}

/** The columns of the read report's one table: role, header text, how found. */
function columns(r: Read): string[] {
  assert.equal(r.read.tables.length, 1, JSON.stringify(r.read.tables));
  return r.read.tables[0].columns.map((c) => `${c.role}: ${c.header} (${c.basis})`);
}

/** Skipped lines of the one table, by reason. */
function skipped(r: Read): Record<string, number> {
  return Object.fromEntries(r.read.tables[0].skipped.map((s) => [s.reason, s.count]));
}

describe('HTML exhibits as the filing agents typeset them', function () {
  this.timeout(60000);

  it('Workiva: a header broken over two rows and repeated on the next page, spacer cells, a <span> per run', () => {
    const r = lint('workiva-2024-ex1-01.htm');
    // the header's two rows are one ("Smelter or Refiner" over "Name"), and on the second page they are no smelter
    assert.deepEqual(columns(r), [
      'metal: Metal (header)',
      'name: Smelter or Refiner Name (header)',
      'country: Smelter Country (header)',
      'id: Smelter Identification (header)',
    ]);
    assert.equal(r.read.rows, 6);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tantalum: 1, Tin: 2, Tungsten: 1 });
    assert.deepEqual(skipped(r), { 'page number': 1, 'repeated header': 1 });
    // "Metalor Technologies " and "S.A." are two <span>s of one name; the prose's 6 is the table's 6
    assert.ok(!r.findings.some((f) => f.rule === 'count-mismatch' || f.rule === 'metal-unknown'), JSON.stringify(r.findings));
    placed(r, 'cid-format', 'CID0001898');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('Toppan Merrill Bridge: one table per metal under its heading, "Smelter Name | Country | RMAP Status"', () => {
    const r = lint('toppan-merrill-2023-ex1-01.htm');
    assert.equal(r.read.rows, 8);
    assert.deepEqual(r.read.tables[0].perMetal, { Tin: 3, Tungsten: 2, Gold: 3 });
    assert.deepEqual(r.read.tables[0].missing, []);
    // the headings are what gives the rows their metal; the page's number between the tables is no row
    assert.deepEqual(skipped(r), { heading: 2, 'repeated header': 2, 'page number': 1 });
    placed(r, 'country-unknown', 'United States of Amercia');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('DFIN ActiveDisclosure: one column per metal with "X" marks, a smelter of two metals read once per metal', () => {
    const r = lint('dfin-2022-ex1-01.htm');
    assert.deepEqual(columns(r), ['name: Smelter or Refiner (header)', 'country: Country (header)', 'metal: Metal (header)']);
    // Mineração Taboca is marked for tantalum and tin: two smelters, one CID each
    assert.equal(r.read.rows, 5);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 1, Tantalum: 1, Tin: 2, Tungsten: 1 });
    placed(r, 'country-unknown', 'Malaysai');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
    // the editor: a hover on an X says which metal it marks; the second row of a name is hovered on the name
    const html = lintHtmlDocument(r.source, {});
    const tinMark = r.source.indexOf('>X<', r.source.indexOf('>X<', r.source.indexOf('Taboca')) + 1) + 1;
    const hover = hoverInHtml(html, tinMark);
    assert.ok(hover, 'a hover on the mark');
    assert.match(hover.markdown, /\*\*Tin\*\*/);
    assert.equal(r.source.slice(hover.start, hover.end), 'X');
    const name = hoverInHtml(html, r.source.indexOf('Mineração Taboca') + 3);
    assert.ok(name && r.source.slice(name.start, name.end).startsWith('Mineração Taboca'), JSON.stringify(name));
  });

  it('GoFiler: upper-case tags, a metal cell spanning its smelters’ rows (rowspan), a metal written once above its rows', () => {
    const r = lint('gofiler-2021-ex1-01.htm');
    assert.equal(r.read.rows, 5);
    assert.deepEqual(r.read.tables[0].perMetal, { Tantalum: 2, Tin: 3 });
    assert.deepEqual(r.findings, [], 'every row has its metal: from the spanning cell, or written once above it');
    assert.equal(r.status, 0);
    // the editor's hover on the second tin smelter's name reads it as tin
    const hover = hoverInHtml(lintHtmlDocument(r.source, {}), r.source.indexOf('EM Vinto') + 1);
    assert.ok(hover, 'a hover on the name');
    assert.match(hover.markdown, /EM Vinto/);
    assert.match(hover.markdown, /tin/i);
  });

  it('hand-written HTML 3.2 of 2014: <CENTER>, <FONT>, <TH>, no closing </TD> or </TR>', () => {
    const r = lint('handwritten-2014-ex1-01.htm');
    assert.deepEqual(columns(r), ['metal: Metal (header)', 'name: Smelter (header)', 'country: Location (header)']);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tin: 1, Tungsten: 1 });
    placed(r, 'country-unknown', 'Jpaan');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('inline XBRL: the <ix:header> block is not shown, a table inside <ix:nonNumeric> is read', () => {
    const r = lint('ixbrl-2024-ex1-01.htm');
    assert.equal(r.read.rows, 4, 'the hidden block’s table is no smelter table');
    assert.deepEqual(r.read.tables[0].perMetal, { Tantalum: 2, Gold: 2 });
    assert.ok(!r.findings.some((f) => /NOWHERE|Hidden Refinery/.test(f.message)), JSON.stringify(r.findings));
    placed(r, 'cid-format', 'CID00077');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('a <pre> text exhibit: a table in fixed-width columns under a rule of dashes', () => {
    const r = lint('pre-2014-ex1-01.htm');
    assert.deepEqual(columns(r), ['metal: METAL (header)', 'name: SMELTER NAME (header)', 'country: COUNTRY (header)']);
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tantalum: 1, Tin: 1, Tungsten: 1 });
    placed(r, 'country-unknown', 'United Sates');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('an ASCII exhibit of 2014 in its EDGAR submission: fixed-width columns, <TABLE>/<S>/<C> marks, <PAGE> breaks', () => {
    const r = lint('ascii-2014-submission.txt');
    assert.deepEqual(columns(r), ['metal: METAL (header)', 'name: SMELTER NAME (header)', 'country: COUNTRY (header)']);
    // the table goes on after the page break under its repeated header; the envelope's tags are no prose
    assert.deepEqual(r.read.tables[0].perMetal, { Gold: 2, Tin: 1, Tantalum: 1, Tungsten: 1 });
    assert.deepEqual(skipped(r), { 'page number': 1, 'repeated header': 1 });
    placed(r, 'country-unknown', 'Austira');
    assert.ok(!r.findings.some((f) => f.rule === 'count-mismatch' || f.rule === 'file-format'), JSON.stringify(r.findings));
  });

  it('header cells typeset as images: read by their alt text, and a table without any said to be unread', () => {
    const r = lint('image-header-2019-ex1-01.htm');
    assert.deepEqual(columns(r), ['metal: Metal (header)', 'name: Smelter or Refiner Name (header)', 'country: Country Location (header)']);
    assert.deepEqual(r.read.tables[0].perMetal, { Tin: 2, Gold: 1 });
    // Annex II's images have no alt text: its three tantalum smelters were not read, and the report says where
    const first = placeOf(r.source, 'Tantalum');
    const last = placeOf(r.source, 'Tantalum', 'NPM Silmet');
    const unread = placed(r, 'table-unread', 'Tantalum</td><td>AMG Brasil</td><td>Brazil</td><td>CID001076'); // its first row
    assert.match(
      unread.message,
      new RegExp(`This table \\(lines ${first.line}:${first.column}–${last.line}:${last.column}\\) holds 3 rows of smelters`),
    );
    assert.equal(unread.severity, 'error');
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  });

  it('EDGARizer: a report that lists countries of origin and no smelter says it read no smelter table, never "no problems"', () => {
    const r = lint('edgarizer-2016-ex1-01.htm');
    assert.deepEqual(r.read.tables, [], 'a list of countries is no smelter table');
    assert.deepEqual(r.findings, []);
    // the summary says no smelter table was read: the report's silence on smelters is not a clean list
    const text = runCli([path.join(DIR, 'edgarizer-2016-ex1-01.htm')]);
    assert.match(text.stdout, /no smelter table read in 1 file: no smelter was checked/);
    assert.doesNotMatch(text.stdout, /✓ no problems/);
  });
});
