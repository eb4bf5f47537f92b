/**
 * HTML filings: EDGAR exhibits (.htm/.html, and the HTML inside a complete-submission .txt) read into the
 * core's model, with findings placed on the HTML source. The four real exhibits of ../shared/corpus/edgar are
 * read row for row against the documents' own counts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliJson, runCli } from '../helpers/cli';
import { FIXTURES, SHARED } from '../helpers/paths';
import { readHtmlFiling } from '../../server/src/core/html';
import { lintText } from '../../server/src/core';
import { resolveMetal } from '../../server/src/core/data/metals';
import { hoverInHtml, lintHtmlDocument, outlineOfHtml } from '../../server/src/core/html/editor';
import { edgarDocuments } from '../../server/src/core/html/edgar';

const FIXTURE = path.join(FIXTURES, 'html', 'acme-2024-ex1-01.htm');
const EDGAR = path.join(SHARED, 'corpus', 'edgar');

/** 1-based line and column of an offset of a text. */
function placeAt(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** 1-based line and column of the first occurrence of a text in a file's text. */
function placeOf(text: string, what: string): { line: number; column: number } {
  const at = text.indexOf(what);
  assert.ok(at >= 0, `${what} not in the text`);
  return placeAt(text, at);
}

/** Rows read per metal over all smelter tables of an HTML filing. */
function rowsPerMetal(file: string): Record<string, number> {
  const filing = readHtmlFiling(fs.readFileSync(file, 'utf8'));
  const { model } = lintText(filing.text, { format: 'text' });
  const per: Record<string, number> = {};
  for (const t of model.tables) {
    for (const r of t.rows) {
      const metal = resolveMetal(r.cells[t.columns.metal!]?.value ?? '')?.info.metal ?? `not a metal: ${r.cells[t.columns.metal!]?.value}`;
      per[metal] = (per[metal] ?? 0) + 1;
    }
  }
  return per;
}

describe('HTML filings', function () {
  this.timeout(60000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-html-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a typeset table (padding cells, colspan header, &nbsp;, <font>, a page-break repeated header, a footnote row) and places findings at the .htm line:col', () => {
    const source = fs.readFileSync(FIXTURE, 'utf8');
    const r = cliJson([FIXTURE]);
    assert.equal(r.status, 1, r.stderr);
    const country = r.findings.find((f) => f.rule === 'country-unknown');
    assert.ok(country, JSON.stringify(r.findings));
    assert.match(country.message, /'JAPN' is not a country/);
    assert.deepEqual({ line: country.line, column: country.column }, placeOf(source, 'JAPN'));
    assert.equal(country.endColumn, country.column + 4);
    // the prose says 5, the table's two pages hold 4 rows (the repeated header and the footnote row are no rows)
    const count = r.findings.find((f) => f.rule === 'count-mismatch');
    assert.ok(count, JSON.stringify(r.findings));
    assert.match(count.message, /says 5 smelters and refiners; the table has 4.*gold 1, tin 1, tantalum 1, tungsten 1/);
    assert.deepEqual({ line: count.line, column: count.column }, placeOf(source, '5 smelters'));
    // a message's reference to rows names the rows' places in the HTML, not lines of the rendering
    const gold = placeOf(source, 'Gold</FONT>');
    const tungsten = placeOf(source, 'Tungsten</TD>');
    assert.match(count.message, new RegExp(`lines ${gold.line}:${gold.column}–${tungsten.line}:${tungsten.column}\\b`));
    assert.equal(r.findings.length, 2, JSON.stringify(r.findings));
  });

  it('reads the HTML exhibit inside an EDGAR complete-submission .txt and places findings in the .txt', () => {
    const html = fs.readFileSync(FIXTURE, 'utf8');
    const envelope =
      '<SEC-DOCUMENT>0001193125-25-000001.txt : 20250530\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tSD\n</SEC-HEADER>\n' +
      '<DOCUMENT>\n<TYPE>SD\n<SEQUENCE>1\n<FILENAME>d1sd.htm\n<TEXT>\n<html><body><p>FORM SD</p><p>Specialized Disclosure Report</p></body></html>\n</TEXT>\n</DOCUMENT>\n' +
      `<DOCUMENT>\n<TYPE>EX-1.01\n<SEQUENCE>2\n<FILENAME>d1ex101.htm\n<DESCRIPTION>EX-1.01\n<TEXT>\n${html}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n`;
    const file = path.join(dir, '0001193125-25-000001.txt');
    fs.writeFileSync(file, envelope);
    const r = cliJson([file]);
    const country = r.findings.find((f) => f.rule === 'country-unknown');
    assert.ok(country, JSON.stringify(r.findings));
    assert.deepEqual({ line: country.line, column: country.column }, placeOf(envelope, 'JAPN'));
    const count = r.findings.find((f) => f.rule === 'count-mismatch');
    assert.deepEqual(count && { line: count.line, column: count.column }, placeOf(envelope, '5 smelters'));
    // the envelope's tags are no prose: every finding lies in a document's HTML (the Form SD's own are about
    // its missing items)
    const text = placeOf(envelope, '<html>');
    assert.ok(
      r.findings.every((f) => f.line >= text.line),
      JSON.stringify(r.findings),
    );
    assert.deepEqual(
      r.findings.filter((f) => f.rule !== 'form-sd-required').map((f) => f.rule),
      ['count-mismatch', 'country-unknown'],
    );
  });

  it('gives one file-format error when a filing speaks of a smelter list but no table can be read, never "no problems"', () => {
    const file = path.join(dir, 'no-table-ex1-01.htm');
    fs.writeFileSync(
      file,
      '<html><body><p>Conflict Minerals Report of Acme Corp. for 2024</p>' +
        '<p>The smelters and refiners identified by our suppliers are listed in Appendix&nbsp;A.</p>' +
        '<p>Appendix A</p><table><tr><td>Facility</td><td>Where</td></tr><tr><td>Minsur</td><td>Peru</td></tr></table></body></html>',
    );
    const r = runCli([file]);
    assert.equal(r.status, 1, r.stdout);
    const words = placeOf(fs.readFileSync(file, 'utf8'), 'The smelters and refiners identified'); // the paragraph's line:col
    assert.match(
      r.stdout,
      new RegExp(
        `:1:16 {2}error {4}This filing speaks of a smelter list \\("smelters and refiners identified by our suppliers are listed in Appendix A", line 1:${words.column}\\), but no smelter table could be read from its HTML.*file-format`,
      ),
    );
    assert.doesNotMatch(r.stdout, /no problems/);
  });

  it('says nothing of a list a report does not speak of (a report that lists no smelters)', () => {
    const file = path.join(dir, 'short-ex1-01.htm');
    fs.writeFileSync(
      file,
      '<html><body><p>Conflict Minerals Report</p><p>We surveyed our suppliers about the smelters and refiners in our supply chain.</p></body></html>',
    );
    assert.deepEqual(
      cliJson([file]).findings.filter((f) => f.rule === 'file-format'),
      [],
    );
  });

  it('walks HTML exhibits in a folder, and skips with a note an HTML page that is no filing', () => {
    const folder = path.join(dir, 'walk');
    fs.mkdirSync(folder);
    fs.copyFileSync(FIXTURE, path.join(folder, 'acme-2024-ex1-01.htm'));
    fs.writeFileSync(
      path.join(folder, 'index.html'),
      '<html><body><p>Welcome to our website: conflict minerals policy coming soon.</p></body></html>',
    );
    fs.writeFileSync(
      path.join(folder, 'd555ex101.htm'),
      '<html><body><p>Quarterly results</p><table><tr><td>Revenue</td><td>10</td></tr></table></body></html>',
    );
    fs.writeFileSync(path.join(folder, 'menu.html'), '<html><body><p>Lunch menu</p></body></html>');
    const r = runCli(['--format', 'json', folder]);
    const files = new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => path.basename(f.file)));
    assert.deepEqual([...files], ['acme-2024-ex1-01.htm']);
    assert.match(r.stderr, /d555ex101\.htm skipped: an HTML page that is not a conflict minerals filing/);
    assert.doesNotMatch(r.stderr, /menu\.html/, 'an HTML file neither named nor speaking like a filing is not picked up');
  });

  it('walks the HTML exhibits and EDGAR submissions the editor lints by name, whatever their first 64 KB hold', () => {
    const folder = path.join(dir, 'walk-names');
    fs.mkdirSync(folder);
    // a filing agent's page may open with 64 KB of styles before it says what it is: its name says it
    const style = `<style>${'.c { margin: 0 }\n'.repeat(5000)}</style>`;
    const html = fs.readFileSync(FIXTURE, 'utf8').replace('<HEAD>', `<HEAD>${style}`);
    assert.ok(html.includes(style), 'the fixture has a <HEAD> to put the styles in');
    fs.writeFileSync(path.join(folder, 'acme-cmr-2024.htm'), html);
    fs.writeFileSync(path.join(folder, 'Acme-Conflict-Minerals-Report.html'), html);
    fs.writeFileSync(
      path.join(folder, '0001193125-25-000001.txt'),
      `<SEC-DOCUMENT>0001193125-25-000001.txt : 20250530\n${' '.repeat(70000)}\n<DOCUMENT>\n<TYPE>EX-1.01\n<TEXT>\n${html}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n`,
    );
    fs.writeFileSync(path.join(folder, 'styles.html'), html); // neither named like a filing nor saying so early
    const r = runCli(['--format', 'json', folder]);
    const files = [...new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => path.basename(f.file)))].sort();
    assert.deepEqual(files, ['0001193125-25-000001.txt', 'Acme-Conflict-Minerals-Report.html', 'acme-cmr-2024.htm'], r.stderr);
  });

  it('never writes an HTML filing with --fix', () => {
    const file = path.join(dir, 'fix-ex1-01.htm');
    fs.copyFileSync(FIXTURE, file);
    const before = fs.readFileSync(file);
    const r = runCli(['--fix', file]);
    assert.match(r.stderr, /--fix does not write HTML filings/);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.match(r.stdout, /'JAPN' is not a country/);
  });

  it('reads hostile markup without a crash or a blow-up: deep nesting, huge colspans, unclosed cells', () => {
    const file = path.join(dir, 'hostile-ex1-01.htm');
    const deep = '<div>'.repeat(50_000) + 'Conflict Minerals Report' + '</div>'.repeat(50_000);
    const wide = `<table>${'<tr><td colspan="100000">x</td><td colspan="100000">y</td></tr>'.repeat(200)}</table>`;
    const unclosed = '<table><tr><td>Metal<td>Smelter Name<td>Country<tr><td>Gold<td>Japan Mint<td>JAPN</table>';
    fs.writeFileSync(file, `<html><body>${deep}${wide}${unclosed}</body></html>`);
    const r = cliJson([file]);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['country-unknown'],
    );
  });

  it('gives the editor its diagnostics, hover and outline on the HTML document itself, and no fixes', () => {
    const source = fs.readFileSync(FIXTURE, 'utf8');
    const lint = lintHtmlDocument(source, {});
    const country = lint.findings.find((f) => f.rule === 'country-unknown')!;
    assert.equal(source.slice(country.start, country.end), 'JAPN', 'the squiggle is on the cell text, not its tags');
    assert.ok(
      lint.findings.every((f) => !f.fixes),
      'no quick fix edits the markup',
    );
    const hover = hoverInHtml(lint, source.indexOf('Gold</FONT>') + 2);
    assert.ok(hover, 'a hover on the metal cell');
    assert.match(hover.markdown, /\*\*Gold\*\* \(Au\)/);
    assert.equal(source.slice(hover.start, hover.end), 'Gold');
    assert.equal(hoverInHtml(lint, source.indexOf('<TABLE') + 3), undefined, 'nothing inside a tag');
    const table = outlineOfHtml(lint)
      .flatMap(function all(s): (typeof s)[] {
        return [s, ...s.children.flatMap(all)];
      })
      .find((s) => s.kind === 'table');
    assert.ok(table, JSON.stringify(outlineOfHtml(lint)));
    assert.equal(source.slice(table.start, table.start + 5), 'Metal');
  });

  it('says in one line that an HTML too large to be a filing was not linted (exit 2), and reads nothing of it', () => {
    const file = path.join(dir, 'huge-ex1-01.htm');
    fs.writeFileSync(file, `<html><body><p>Conflict Minerals Report</p>${'<p>x</p>'.repeat(600_000)}</body></html>`);
    const r = runCli([file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /huge-ex1-01\.htm not linted: This HTML is 4\.6 MB; cmrlint reads HTML filings up to 4 MB/);
    assert.equal(lintHtmlDocument(fs.readFileSync(file, 'utf8'), {}).findings.length, 1, 'the editor shows the same one finding');
  });

  it('reads an EDGAR envelope of many documents in one pass (a document without <TYPE> or </TEXT> costs no scan of the rest)', () => {
    const text =
      '<DOCUMENT>\n<SEQUENCE>1\n<TEXT>\nbegin 644 image.jpg\n'.repeat(60_000) +
      '<DOCUMENT>\n<TYPE>EX-1.01\n<TEXT>\n<html><p>Conflict Minerals Report</p></html>\n</TEXT>\n</DOCUMENT>\n';
    // 60,000 documents: a scan of the rest per document would take minutes; the test's timeout is the clock
    const docs = edgarDocuments(text);
    assert.equal(docs.filter((d) => d.html).length, 1);
    assert.equal(docs[docs.length - 1].type, 'EX-1.01');
  });

  describe('the four real EDGAR exhibits', () => {
    // Each exhibit's counts per metal as the document gives them, and where.
    const exhibits: Array<{ file: string; counts: Record<string, number>; says: string }> = [
      {
        // Table 3 "AMD Smelter and Refiner List"; the prose (Results of Efforts to Determine Country of Origin)
        // says "26 of 214 smelters and refiners"; per metal it gives no figure: these are the rows of Table 3,
        // 214 in all, as the prose's total
        file: 'amd-2024-ex1-01.html',
        counts: { Gold: 95, Tin: 51, Tantalum: 34, Tungsten: 34 },
        says: '214 smelters and refiners',
      },
      {
        // Table 2 "Smelter and Refiner Status", row Total: Tin 85, Tantalum 36, Tungsten 53, Gold 175 (Annex 1,
        // eight pages, the header repeated on each); the prose says "350 RMI eligible 3TG smelters/refiners",
        // one more than Table 2's total and Annex 1's rows
        file: 'ford-2023-ex1-01.html',
        counts: { Gold: 175, Tin: 85, Tantalum: 36, Tungsten: 53 },
        says: 'Total\t85\t36\t53\t175',
      },
      {
        // Appendix A; the prose says "we compile a list of 333 unique SORs" (333 CIDs, one per row)
        file: 'garrett-motion-2025-ex1-01.htm',
        counts: { Gold: 174, Tin: 74, Tantalum: 35, Tungsten: 50 },
        says: '333 unique SORs',
      },
      {
        // Annex 1 lists 226 rows with 226 Smelter IDs; the report states no count (one tin row, PT Timah Tbk
        // Mentok CID001482, is listed twice)
        file: 'honda-2025-ex1-01.html',
        counts: { Gold: 93, Tin: 55, Tantalum: 41, Tungsten: 37 },
        says: 'Annex',
      },
    ];
    for (const x of exhibits) {
      it(`${x.file}: every row of its smelter table, per metal as the document counts them`, () => {
        const file = path.join(EDGAR, x.file);
        assert.deepEqual(rowsPerMetal(file), x.counts);
        assert.ok(readHtmlFiling(fs.readFileSync(file, 'utf8')).text.includes(x.says));
      });
    }

    it('lints the folder of exhibits: every finding placed on the characters it names', () => {
      const r = cliJson([EDGAR]);
      assert.equal(new Set(r.findings.map((f) => path.basename(f.file))).size >= 3, true, JSON.stringify(r.findings));
      for (const f of r.findings) {
        const quoted = /^'([^']+)'/.exec(f.message)?.[1];
        if (!quoted) continue;
        const line = fs.readFileSync(f.file, 'utf8').split('\n')[f.line - 1];
        assert.equal(line.slice(f.column - 1, f.column - 1 + quoted.length), quoted, `${f.file}:${f.line}:${f.column} ${f.message}`);
      }
      // Honda's Annex 1 lists PT Timah Tbk Mentok twice: found at the second row, in the HTML
      const dup = r.findings.find((f) => f.rule === 'row-duplicate' && f.file.endsWith('honda-2025-ex1-01.html'));
      assert.ok(dup, JSON.stringify(r.findings));
      const honda = fs.readFileSync(path.join(EDGAR, 'honda-2025-ex1-01.html'), 'utf8');
      const second = honda.indexOf('PT Timah Tbk Mentok', honda.indexOf('PT Timah Tbk Mentok') + 1);
      assert.deepEqual({ line: dup.line, column: dup.column }, placeAt(honda, honda.lastIndexOf('>Tin<', second) + 1));
    });
  });
});
