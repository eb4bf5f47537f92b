/**
 * Layouts of real filings (issue 22, item 2): the metal or status in section headings above rows, footnote
 * marks and footnote rows, rows of invisible characters, page-repeated headers, and tables that are not smelter
 * lists (countries, counts per metal), in text, Markdown, CSV and HTML.
 */
import * as assert from 'node:assert/strict';
import { lintText, parseFiling } from '../../server/src/core';
import type { FileFormat, FilingModel } from '../../server/src/core';
import { readHtmlFiling } from '../../server/src/core/html';
import { headingOf, footnoteMarkLength, isFootnoteText } from '../../server/src/core/parse/layout';

/** Each smelter row as metal | name | country | status (empty when the table has no such column). */
function rowsOf(model: FilingModel): string[] {
  return model.tables.flatMap((t) =>
    t.rows.map((r) =>
      (['metal', 'name', 'country', 'status'] as const)
        .map((k) => (t.columns[k] === undefined ? '' : (r.cells[t.columns[k]]?.value ?? '')))
        .join(' | '),
    ),
  );
}

const parse = (text: string, format: FileFormat = 'text') => parseFiling(text, format);
const rules = (text: string, fileName: string) => lintText(text, { fileName }).findings.map((f) => f.rule);

describe('layouts: section headings', () => {
  it('reads the words of a heading: a metal, a status, both; not a sentence, not two metals', () => {
    assert.equal(headingOf('Gold', 0)?.metal?.value, 'Gold');
    assert.equal(headingOf('## Tin Smelters', 0)?.metal?.value, 'Tin');
    assert.equal(headingOf('TANTALUM', 0)?.metal?.value, 'TANTALUM');
    assert.equal(headingOf('Metal: Tungsten', 0)?.metal?.value, 'Tungsten');
    assert.equal(headingOf('**Gold Refiners (continued)**', 0)?.metal?.value, 'Gold');
    assert.equal(headingOf('Annex A: Gold Refiners', 0)?.metal?.value, 'Gold');
    assert.deepEqual(headingOf('RMAP Conformant Tin Smelters', 10), {
      status: { value: 'RMAP Conformant', start: 10, end: 25 },
      metal: { value: 'Tin', start: 26, end: 29 },
    });
    assert.equal(headingOf('Smelters not enrolled', 0)?.status?.value, 'not enrolled');
    assert.equal(headingOf('Non-participating', 0)?.status?.value, 'Non-participating');
    assert.equal(headingOf('Gold is refined in many countries', 0), undefined);
    assert.equal(headingOf('Gold and Tin', 0), undefined);
    assert.equal(headingOf('Smelter List', 0), undefined);
    assert.equal(headingOf('Activity', 0), undefined);
  });

  it('gives rows the metal of the heading above them; one name under two metals is no duplicate', () => {
    const text = [
      'Conflict Minerals Report for the reporting period from January 1 to December 31, 2024.',
      '',
      'Gold',
      'Smelter Name\tCountry\tSmelter ID',
      'Metalor Technologies SA\tSWITZERLAND\tCID001153',
      'Asahi Pretec Corp.\tJAPAN\tCID000082',
      '',
      'Tin Smelters',
      'Smelter Name\tCountry\tSmelter ID',
      'Metalor Technologies SA\tSWITZERLAND\tCID001153',
      'Minsur\tPERU\tCID001182',
    ].join('\n');
    const model = parse(text);
    assert.equal(model.tables.length, 1);
    assert.deepEqual(rowsOf(model), [
      'Gold | Metalor Technologies SA | SWITZERLAND | ',
      'Gold | Asahi Pretec Corp. | JAPAN | ',
      'Tin | Metalor Technologies SA | SWITZERLAND | ',
      'Tin | Minsur | PERU | ',
    ]);
    // the metal cell is the heading's word, at its place
    const t = model.tables[0];
    const cell = t.rows[2].cells[t.columns.metal!];
    assert.equal(text.slice(cell.start, cell.end), 'Tin');
    const found = rules(text, 'report.txt');
    assert.ok(!found.includes('row-duplicate') && !found.includes('row-near-duplicate'), found.join());
    // the gold CID on a tin row is found because the row has a metal now
    assert.ok(found.includes('cid-duplicate'), found.join());
  });

  it('reads heading rows inside a Markdown or CSV table, and a heading row spanning an HTML table', () => {
    const md = [
      '| Smelter Name | Country |',
      '|---|---|',
      '| **Gold** | |',
      '| Agosi AG | GERMANY |',
      '| **Tin** | |',
      '| Minsur | PERU |',
    ].join('\n');
    assert.deepEqual(rowsOf(parse(md, 'markdown')), ['Gold | Agosi AG | GERMANY | ', 'Tin | Minsur | PERU | ']);
    const csv = 'Smelter Name,Country,Smelter ID\nGold,,\nAgosi AG,GERMANY,CID000035\nTin Smelters,,\nMinsur,PERU,CID001182\n';
    assert.deepEqual(rowsOf(parse(csv, 'csv')), ['Gold | Agosi AG | GERMANY | ', 'Tin | Minsur | PERU | ']);
    const html =
      '<p>Annex I</p><table><tr><th>Smelter Name</th><th>Country</th><th>Smelter ID</th></tr>' +
      '<tr><td colspan="3"><b>Gold</b></td></tr><tr><td>Agosi AG</td><td>GERMANY</td><td>CID000035</td></tr>' +
      '<tr><td colspan="3"><b>Tungsten</b></td></tr><tr><td>A.L.M.T. Corp.</td><td>JAPAN</td><td>CID000004</td></tr></table>';
    assert.deepEqual(rowsOf(parse(readHtmlFiling(html).text)), ['Gold | Agosi AG | GERMANY | ', 'Tungsten | A.L.M.T. Corp. | JAPAN | ']);
  });

  it('reads status sections as the rows\u2019 status, in one table, and counts them', () => {
    const text = [
      'Metal\tSmelter Name\tCountry',
      'RMAP Conformant',
      'Gold\tAgosi AG\tGERMANY',
      'Tin\tMinsur\tPERU',
      'Active',
      'Tin\tFenix Metals\tPOLAND',
      'Not enrolled',
      'Tin\tSome Smelter Ltd.\tCHINA',
    ].join('\n');
    const model = parse(text);
    assert.equal(model.tables.length, 1);
    assert.deepEqual(rowsOf(model), [
      'Gold | Agosi AG | GERMANY | RMAP Conformant',
      'Tin | Minsur | PERU | RMAP Conformant',
      'Tin | Fenix Metals | POLAND | Active',
      'Tin | Some Smelter Ltd. | CHINA | Not enrolled',
    ]);
    assert.deepEqual(rules(text, 'list.txt'), []);
  });
});

describe('layouts: footnotes, invisible rows, page breaks', () => {
  it('takes footnote marks off names, leaving them in the text', () => {
    for (const [v, n] of [
      ['Asahi Pretec Corp.*', 1],
      ['Asahi Pretec Corp. **', 3],
      ['Agosi AG (1)', 4],
      ['Agosi AG¹', 1],
      ['Agosi AG†', 1],
      ['Agosi AG [2]', 4],
      ['Agosi AG', 0],
      ['*', 0],
      ['Plant 2', 0],
    ] as const)
      assert.equal(footnoteMarkLength(v), n, v);
    const text = 'Metal\tSmelter Name\tCountry\nGold\tAgosi AG*\tGERMANY\nGold\tAgosi AG (1)\tGERMANY\nTin\tMinsur¹\tPERU\n';
    const model = parse(text);
    assert.deepEqual(rowsOf(model), ['Gold | Agosi AG | GERMANY | ', 'Gold | Agosi AG | GERMANY | ', 'Tin | Minsur | PERU | ']);
    const name = model.tables[0].rows[0].cells[1];
    assert.equal(text.slice(name.start, name.rawEnd), 'Agosi AG*');
    // in HTML, a mark written as a superscript
    const html = readHtmlFiling(
      '<table><tr><th>Metal</th><th>Smelter Name</th><th>Country</th></tr><tr><td>Gold</td><td>Agosi AG<sup>1</sup></td><td>GERMANY</td></tr>' +
        '<tr><td>Tin</td><td>Minsur<sup>*</sup></td><td>PERU</td></tr></table>',
    );
    assert.deepEqual(rowsOf(parse(html.text)), ['Gold | Agosi AG | GERMANY | ', 'Tin | Minsur | PERU | ']);
  });

  it('reads footnote rows, rows of invisible characters and page numbers as no rows, and keeps one table', () => {
    for (const v of [
      '* Smelter is RMAP conformant',
      '(1) Acquired in 2024.',
      '† Conformant as of December 31',
      '¹ See note',
      'Note: as of 2024',
    ])
      assert.ok(isFootnoteText(v), v);
    assert.ok(!isFootnoteText('*Agosi AG'));
    const md = [
      '| Metal | Smelter Name | Country |',
      '|---|---|---|',
      '| Gold | Agosi AG* | GERMANY |',
      '| &nbsp; | &nbsp; | &nbsp; |',
      '| \u200b | \u00ad | |',
      '| * Smelter is RMAP conformant | | |',
      '',
      '12',
      '',
      '| Metal | Smelter Name | Country |',
      '|---|---|---|',
      '| Tin | Minsur | PERU |',
    ].join('\n');
    const model = parse(md, 'markdown');
    assert.equal(model.tables.length, 1);
    assert.equal(model.tables[0].repeatedHeaders.length, 1);
    assert.deepEqual(rowsOf(model), ['Gold | Agosi AG | GERMANY | ', 'Tin | Minsur | PERU | ']);
    assert.deepEqual(rules(md, 'annex.md'), []);
  });
});

describe('layouts: tables that are not smelter lists', () => {
  it('a list of countries right after the annex is a table of countries, not more smelters', () => {
    const text = [
      'Smelter Name\tCountry\tSmelter ID',
      'Agosi AG\tGERMANY\tCID000035',
      'Minsur\tPERU\tCID001182',
      'Albania\tEswatini\tLuxembourg',
      'Algeria\tEthiopia\tMacau',
      'Argentina\tFinland\tMadagascar',
    ].join('\n');
    const model = parse(text);
    assert.deepEqual(rowsOf(model), [' | Agosi AG | GERMANY | ', ' | Minsur | PERU | ']);
    assert.deepEqual(
      model.otherTables?.map((t) => [t.kind, t.rows.length]),
      [['countries', 3]],
    );
    // no country, no placeholder, no shape finding on the countries; the annex has no metal column (table-unread)
    assert.deepEqual(rules(text, 'annex.txt'), ['table-unread']);
  });

  it('a table of counts per metal is kept as counts, not linted as smelter rows', () => {
    const text = ['Metal\tSmelter\tConformant', 'Gold\t95\t92', 'Tin\t51\t50', 'Total\t146\t142'].join('\n');
    const model = parse(text);
    assert.equal(model.tables.length, 0);
    assert.deepEqual(
      model.otherTables?.map((t) => [t.kind, t.rows.length]),
      [['counts', 3]],
    );
    assert.deepEqual(rules(text, 'counts.txt'), []);
    // count rows under a smelter table: split off, the smelter rows stay
    const under = 'Metal\tSmelter Name\tCountry\nGold\tAgosi AG\tGERMANY\nGold\t15\nTin\t10\n';
    const m2 = parse(under);
    assert.deepEqual(rowsOf(m2), ['Gold | Agosi AG | GERMANY | ']);
    assert.equal(m2.otherTables?.[0].kind, 'counts');
    // a count table, then a table of statuses read as its rows: neither is a smelter list
    const both = parse(
      'Metal\tSmelter\tShare\nTin\t3\t60%\nGold\t2\t40%\n\nStatus\tTin\tGold\nConformant\t2\t1\nNot participating\t1\t0\nTotal\t3\t2\n',
    );
    assert.deepEqual(rowsOf(both), []);
    assert.deepEqual(
      both.otherTables?.map((t) => [t.kind, t.rows.length]),
      [
        ['counts', 2],
        ['counts', 4],
      ],
    );
  });
});

describe('layouts: a table flattened to one cell per line', () => {
  it('reads cells on lines apart, a heading it does not know before the data, and page breaks between rows', () => {
    const md = [
      'Table 3: Smelter List',
      '',
      'Metal',
      '',
      'Smelter Name',
      '',
      'Location of Smelter or Refiner',
      '',
      'Gold',
      '',
      'Agosi AG',
      '',
      'GERMANY',
      '',
      '7',
      '',
      '* * *',
      '',
      'Tin',
      '',
      'Minsur',
      '',
      'PERU',
      '',
      'This list is as of January 14, 2025.',
    ].join('\n');
    const model = parse(md, 'markdown');
    assert.deepEqual(
      model.tables.map((t) => t.rows.map((r) => r.cells.map((c) => c.value).join(' | '))),
      [['Gold | Agosi AG | GERMANY', 'Tin | Minsur | PERU']],
    );
  });
});
