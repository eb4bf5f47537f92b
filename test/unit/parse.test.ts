import * as assert from 'node:assert/strict';
import { lintText, parseFiling } from '../../server/src/core';
import { roleOf } from '../../server/src/core/parse/header';
import { StoredRow, ValueTable, valueAt } from '../../server/src/core/parse/cells';
import { readSeed } from '../helpers/paths';

describe('header detection by column meaning', () => {
  const cases: Array<[string, string]> = [
    ['Metal', 'metal'],
    ['Metal (*)', 'metal'],
    ['<u>Metal</u>', 'other'],
    ['Smelter Name', 'name'],
    ['Smelter or Refiner Name', 'name'],
    ['Standard Smelter Names', 'standard'],
    ['Smelter Name (1)', 'name'],
    ['Smelter Country', 'country'],
    ['Country', 'country'],
    ['Country Location', 'country'],
    ['Country of Smelter Facility', 'country'],
    ['Smelter Facility Location: Country', 'country'],
    ['Smelter or Refiner Country', 'country'],
    ['Smelter Country (*)', 'country'],
    ['Smelter Identification', 'id'],
    ['Smelter ID', 'id'],
    ['Identification', 'id'],
    ['CID', 'id'],
    ['Smelter Identification Number Input Column', 'idInput'],
    ['Source of Smelter Identification Number', 'source'],
    ['Smelter Look-up (*)', 'lookup'],
    ['Mine Country', 'other'],
    ['Description', 'other'],
    ['Exhibit No.', 'other'],
  ];
  for (const [text, role] of cases) {
    it(`'${text}' → ${role}`, () => assert.equal(roleOf(text), role));
  }
});

describe('tables in filings', () => {
  it('reads the Calix table: one table, page-break headers skipped, 4 columns with IDs', () => {
    const model = parseFiling(readSeed('calix-2018-form-sd.txt'), 'text');
    assert.equal(model.tables.length, 1);
    const t = model.tables[0];
    assert.deepEqual(t.columns, {
      metal: 0,
      name: 1,
      country: 2,
      id: 3,
      basis: { metal: 'header', name: 'header', country: 'header', id: 'header' },
    });
    assert.equal(t.header.line + 1, 117);
    assert.equal(t.repeatedHeaders.length, 8);
    assert.equal(t.rows.length, 460 - 117 - 8 - 8); // minus 8 repeated headers and the 8 blank lines before them
    assert.equal(t.rows[0].line + 1, 118);
    assert.equal(t.rows[t.rows.length - 1].line + 1, 460);
    assert.equal(model.reportingYear?.year, 2018);
  });

  it('reads the Allot table (no ID column) and skips the EDGAR header key/value lines', () => {
    const model = parseFiling(readSeed('allot-2013-form-sd.txt'), 'text');
    assert.equal(model.tables.length, 1);
    assert.deepEqual(model.tables[0].columns, {
      metal: 0,
      name: 1,
      country: 2,
      basis: { metal: 'header', name: 'header', country: 'header' },
    });
    assert.equal(model.tables[0].header.line + 1, 210);
    assert.equal(model.tables[0].rows.length, 497 - 210 - 5 - 5); // lines 211-497, minus 5 repeated headers and 5 blank lines
    assert.equal(model.reportingYear?.year, 2013);
  });

  it('reads the Allison table with its <u>-marked first header and plain repeats', () => {
    const model = parseFiling(readSeed('allison-2023-form-sd.txt'), 'text');
    assert.equal(model.tables.length, 1);
    const t = model.tables[0];
    assert.equal(t.header.cells[0].value, 'Metal');
    assert.equal(t.repeatedHeaders.length, 12);
    assert.equal(model.reportingYear?.year, 2023);
  });

  it('keeps exact offsets: every cell value is the text at its range', () => {
    for (const name of ['calix-2018-form-sd.txt', 'allot-2013-form-sd.txt', 'allison-2023-form-sd.txt'] as const) {
      const text = readSeed(name);
      const model = parseFiling(text, 'text');
      for (const row of model.tables[0].rows) for (const c of row.cells) assert.equal(text.slice(c.start, c.end), c.value);
    }
  });

  it('reads every value of a long list as its text: thousands of values, repeated, prefixes of one another', () => {
    // values shared while a list is read (parse/cells.ts) must never be mixed up: the table of shared values
    // grows many times over, and "Supplier 1", "Supplier 10" and "Supplier 100" differ by length or by one character
    const metals = ['Gold', 'Tin', 'Tantalum', 'Tungsten'];
    const lines = ['Metal\tSmelter Name\tSmelter Country\tSmelter ID\tSupplier'];
    for (let i = 0; i < 6000; i++)
      lines.push(
        [metals[i % 4], `Smelter ${i % 2500}`, 'CHINA', `CID${String(i % 3000).padStart(6, '0')}`, `Supplier ${i % 1500}`].join('\t'),
      );
    for (const name of ['Safufx', 'Srfkfm', 'Snhure', 'Sfhtrn', 'Srfkfm', 'Safufx'])
      lines.push(`Gold\t${name}\tCHINA\tCID000001\tSupplier 1`);
    lines.push("Tin\tSmelter 1\tCHINA\tCID000001\t'=Supplier 1"); // a guarded formula: its value is read without the quote
    const text = lines.join('\n') + '\n';
    const rows = parseFiling(text, 'tsv').tables[0].rows;
    assert.equal(rows.length, 6007);
    for (const row of rows.slice(0, -1)) for (const c of row.cells) assert.equal(c.value, text.slice(c.start, c.end));
    assert.deepEqual(
      rows.slice(6000, 6006).map((r) => r.cells[1].value),
      ['Safufx', 'Srfkfm', 'Snhure', 'Sfhtrn', 'Srfkfm', 'Safufx'],
    );
    assert.equal(rows[6006].cells[4].value, '=Supplier 1');
  });

  it('tells shared values apart by their characters when their hashes collide, and shares what repeats', () => {
    // with FNV-1a's own seed over pairs of code units, Safufx and Srfkfm hash alike (all 32 bits), and so do
    // Snhure and Sfhtrn
    const text = 'Safufx\tSrfkfm\tSnhure\tSfhtrn\tSafufx\tSrfkfm\tOdd\tOdd';
    const table = new ValueTable(text, 0x811c9dc5);
    const read = [0, 7, 14, 21, 28, 35].map((at) => table.at(text, at, at + 6));
    assert.deepEqual(read, ['Safufx', 'Srfkfm', 'Snhure', 'Sfhtrn', 'Safufx', 'Srfkfm']);
    assert.equal(read[4], read[0]);
    assert.equal(table.last, 1, 'a value met again has the number it was given first');
    // the text's values are hashed two code units at a time from its bytes, other strings' one unit at a time:
    // the same value is the same entry either way, of an even or odd length
    assert.equal(table.at('xSafufx', 1, 7), read[0]);
    const odd = table.at(text, 42, 45);
    assert.equal(table.at(text, 46, 49), odd);
    assert.equal(table.at('Odd', 0, 3), odd);
    assert.deepEqual(table.list, ['Safufx', 'Srfkfm', 'Snhure', 'Sfhtrn', 'Odd']);
  });

  it('shares values that differ only in their last characters (Supplier 1 … Supplier 499): none is left unshared', () => {
    // values left unshared cost a string each and are hashed again by the analysis; a weak hash would put
    // "Supplier 476" and "Supplier 477" into one run of slots until the probes give up
    const lines = ['Metal\tSmelter Name\tSmelter Country\tSmelter ID\tSupplier'];
    for (let i = 0; i < 5000; i++)
      lines.push(`Gold\tSmelter ${i % 300}\tCHINA\tCID${String(i % 700).padStart(6, '0')}\tSupplier ${i % 500}`);
    const rows = parseFiling(lines.join('\n'), 'tsv').tables[0].rows;
    assert.equal(rows.length, 5000);
    const stored = rows.filter((r): r is typeof r & StoredRow => r instanceof StoredRow);
    assert.equal(stored.length, 5000, 'the rows of a tab list keep their cells in a store');
    const store = stored[0].store;
    for (let n = 0; n < store.size; n++) assert.ok(store.number(n) >= 0, `cell ${n} (${store.value(n)}) is shared`);
    assert.equal(valueAt(rows[4999], 4), 'Supplier 499');
  });

  it('keeps values apart that differ only in a lone surrogate or an astral character', () => {
    // values are hashed and compared from the text's UTF-16 code units: nothing may be folded on the way
    const names = ['X\uD800y', 'X\uDBFFy', 'X\u{1F600}y', 'X\u{1F601}y', 'X\uD800y'];
    const text = ['Metal\tSmelter Name\tCountry\tSmelter ID', ...names.map((n, i) => `Tin\t${n}\tCHINA\tCID00000${i}`)].join('\n');
    const rows = parseFiling(text, 'tsv').tables[0].rows;
    assert.deepEqual(
      rows.map((r) => valueAt(r, 1)),
      names,
    );
  });

  it('ends a table at prose followed by rows that do not look like smelter rows', () => {
    const text =
      'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tTHAILAND\n\nExhibit list follows.\n\nExhibit No.\tDescription\n1.01\tConflict Minerals Report\n';
    const model = parseFiling(text, 'text');
    assert.equal(model.tables[0].rows.length, 1);
  });

  it('continues a table across prose when the rows resume', () => {
    const text = 'Metal\tSmelter Name\tCountry\nTin\tThaisarco\tTHAILAND\n\nPage 2\n\nTin\tMinsur\tPERU\n';
    assert.equal(parseFiling(text, 'text').tables[0].rows.length, 2);
  });

  it('handles CRLF and a BOM', () => {
    const text = '\ufeffMetal\tSmelter Name\tCountry\r\nTin\tThaisarco\tTHAILAND\r\n';
    const model = parseFiling(text, 'text');
    const row = model.tables[0].rows[0];
    assert.deepEqual(
      row.cells.map((c) => c.value),
      ['Tin', 'Thaisarco', 'THAILAND'],
    );
    assert.equal(text.slice(row.cells[2].start, row.cells[2].end), 'THAILAND');
  });
});

describe('CSV (RFC 4180)', () => {
  it('reads quoted cells, doubled quotes and line breaks inside quotes, with offsets inside the quotes', () => {
    const text = 'Metal,Smelter Name,Country,CID\r\nTin,"Alpha ""Star"", Ltd.",CHINA,CID000001\r\nGold,"Multi\r\nLine",PERU,\r\n';
    const model = parseFiling(text, 'csv');
    const [a, b] = model.tables[0].rows;
    assert.equal(a.cells[1].value, 'Alpha "Star", Ltd.');
    assert.equal(text.slice(a.cells[1].start, a.cells[1].end), 'Alpha ""Star"", Ltd.');
    assert.equal(b.cells[1].value, 'Multi\r\nLine');
    assert.equal(b.line, 2);
    assert.equal(b.cells[3].value, '');
  });

  it('reads semicolon-separated CSV (European Excel)', () => {
    const model = parseFiling('Metal;Smelter Name;Country\nTin;Thaisarco;THAILAND\n', 'csv');
    assert.deepEqual(
      model.tables[0].rows[0].cells.map((c) => c.value),
      ['Tin', 'Thaisarco', 'THAILAND'],
    );
  });

  it('reports an unterminated quote instead of failing', () => {
    const model = parseFiling('Metal,Smelter Name,Country\nTin,"Thaisarco,THAILAND\n', 'csv');
    assert.equal(model.problems.length, 1);
    assert.match(model.problems[0].message, /never closed/);
  });
});

describe('Markdown pipe tables', () => {
  it('reads rows with and without outer pipes and escaped pipes', () => {
    const text = '| Metal | Smelter Name | Country |\n|:---|---|---:|\n| Tin | A \\| B | THAILAND |\nGold | Japan Mint | JAPAN\n';
    const model = parseFiling(text, 'markdown');
    const rows = model.tables[0].rows;
    assert.equal(rows.length, 2);
    assert.equal(rows[0].cells[1].value, 'A | B');
    assert.deepEqual(
      rows[1].cells.map((c) => c.value),
      ['Gold', 'Japan Mint', 'JAPAN'],
    );
  });
});

describe('tables whose header words are not over smelters', () => {
  it('a translation table whose rows say "Metal" and "Country" in many languages is not a smelter table', () => {
    const t = [
      'Cell,English,Deutsch,Français',
      'A4,Metal,Metall,Métal',
      'B4,Smelter Look-up (*),Schmelzhütten-Suche (*),Recherche de fonderie (*)',
      'C4,Standard Smelter Names,Standard-Schmelzhüttennamen,Noms standard',
      'D4,Known alias,Bekannt als,Alias connus',
      'E4,Smelter Facility Location: Country,Standort: Land,Localisation : pays',
      'F4,Smelter ID,Schmelzhütten-ID,Identifiant fonderie',
    ].join('\n');
    const r = lintText(t.replace('Cell,English', 'Smelter,Metal'), { fileName: 'texts.csv' });
    assert.deepEqual(r.model.tables, []);
  });

  it('rows of translated headings under a heading row are no smelter rows, however few; a short list of names and IDs is a list', () => {
    const t = [
      'Key,Sheets,Cells,English,한국어 Korean',
      'D4,Smelter Look-up,D4,Smelter Facility Location: Country,제련소 위치: 국가',
      'F4,Smelter Look-up,F4,Source of Smelter Identification Number,제련소 ID 번호 소스자료',
      'G4,Smelter Look-up,G4,Smelter Street,제련소 주소',
      'H4,Smelter Look-up,H4,Smelter City,제련소 시',
    ].join('\n');
    const r = lintText(t, { fileName: 'texts.csv' });
    assert.ok(
      r.model.tables.every((x) => x.rows.length === 0),
      'no data rows',
    );
    assert.deepEqual(
      r.findings.filter((f) => f.rule === 'cid-format'),
      [],
    );
    const list = lintText('Smelter Name,Smelter ID\nMinsur,cid 1182\nFenix Metals,CID000468\n', { fileName: 'ids.csv' });
    assert.deepEqual(
      list.findings.map((f) => f.rule),
      ['table-unread', 'cid-format'], // read, but without a metal or country column: said once
    );
    const tiny = lintText('Metal,Smelter Name,Country\nGld,Some Refinery,PERUU\nGld,Other Refinery,JAPAN\n', { fileName: 'tiny.csv' });
    assert.equal(tiny.model.tables.length, 1, 'two rows of a misspelt metal, with a country: still a list');
  });

  it('a smelter table with one wrong metal among real ones is still one, and the metal is reported', () => {
    const t =
      'Metal,Smelter Name,Country\nTin,Minsur,PERU\nGold,Japan Mint,JAPAN\nTinn,Thaisarco,THAILAND\nTin,EM Vinto,BOLIVIA\nGold,Asahi Pretec Corp.,JAPAN\n';
    const r = lintText(t, { fileName: 'l.csv' });
    assert.equal(r.model.tables.length, 1);
    assert.ok(r.findings.some((f) => f.rule === 'metal-unknown'));
  });
});
