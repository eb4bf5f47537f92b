/**
 * Columns by meaning (issue 22, item 1): a header's words in any spelling, and what the cells hold when the
 * header is unusual, destroyed or missing; the CMRT 2.x/3.x exports read as their template meant them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { decodeBytes, lintText, parseFiling } from '../../server/src/core';
import { ColumnRole, readHeader, roleOf } from '../../server/src/core/parse/header';
import { SHARED } from '../helpers/paths';

const cells = (values: string[]) => values.map((value) => ({ value, start: 0, end: 0, rawStart: 0, rawEnd: 0 }));

describe('columns by their header words, in any spelling', () => {
  const cases: Array<[string, ColumnRole]> = [
    // camel case, words run together, underscores, slashes
    ['SmelterName', 'name'],
    ['SMELTERNAME', 'name'],
    ['smelter_name', 'name'],
    ['smeltercountry', 'country'],
    ['SmelterCountry', 'country'],
    ['SMELTER_ID', 'id'],
    ['smelterId', 'id'],
    ['smelteridentificationnumber', 'id'],
    ['Country/Region', 'country'],
    ['Smelter Country/Region', 'country'],
    ['metalType', 'metal'],
    // singular and plural, synonyms
    ['Refinery Names', 'name'],
    ['Names of Refiners', 'name'],
    ['Processor Name', 'name'],
    ['Facility', 'name'],
    ['Smelter or Refiner', 'name'],
    ['Company Name', 'name'],
    ['Mineral', 'metal'],
    ['Materials', 'metal'],
    ['Commodity', 'metal'],
    ['Conflict Minerals', 'metal'],
    ['Au/Sn/Ta/W', 'metal'],
    ['Gold, Tin, Tantalum, Tungsten', 'metal'],
    ['Country of Origin', 'country'],
    ['Facility Location Country', 'country'],
    ['Location of Smelter or Refiner', 'country'],
    ['Smelter Location', 'country'],
    ['RMI ID', 'id'],
    ['Smelter Identification Number', 'id'],
    ['Smelter No.', 'id'],
    ['CID', 'id'],
    ['Smelter ID (V2)', 'id'],
    // never the smelter's name: contacts, addresses, mines, comments, suppliers
    ['Smelter Facility Contact Name', 'other'],
    ['Smelter Contact Name', 'other'],
    ['Smelter Contact E-mail', 'other'],
    ['Smelter Facility Location: Street address', 'other'],
    ['Smelter Facility Location: City', 'other'],
    ['Smelter Facility Location: State / Province', 'other'],
    ['Name of Mine(s) or if recycled or scrap sourced, state recycled or scrap', 'other'],
    ['Location (Country) of Mine(s)', 'other'],
    ['Proposed next steps, if applicable', 'other'],
    ['Supplier Name', 'other'],
    ['Smelter name as reported by supplier', 'other'],
    ['Comments', 'other'],
    ['Smelter Phone Number', 'other'],
    // not headings: a row number, data, a template's helper columns and lists
    ['No.', 'other'],
    ['Company', 'other'],
    ['Global Advanced Metals', 'other'],
    ['Mitsubishi Materials Corporation', 'other'],
    ['Smelter Counter', 'other'],
    ['COUNTRY CODE LIST', 'other'],
    ['#VALUE!', 'other'],
  ];
  for (const [text, role] of cases) {
    it(`'${text}' → ${role}`, () => assert.equal(roleOf(text), role));
  }

  it('reads a header written in any casing, spacing and plural (property)', () => {
    const phrases: Array<[string[], ColumnRole]> = [
      [['metal'], 'metal'],
      [['smelter', 'name'], 'name'],
      [['refiner', 'name'], 'name'],
      [['facility', 'name'], 'name'],
      [['smelter', 'country'], 'country'],
      [['facility', 'location', 'country'], 'country'],
      [['smelter', 'id'], 'id'],
      [['smelter', 'identification', 'number'], 'id'],
      [['standard', 'smelter', 'name'], 'standard'],
      [['smelter', 'look', 'up'], 'lookup'],
      [['smelter', 'contact', 'name'], 'other'],
      [['smelter', 'street', 'address'], 'other'],
    ];
    const title = (w: string) => w[0].toUpperCase() + w.slice(1);
    const styles: Record<string, (w: string) => string> = { lower: (w) => w, upper: (w) => w.toUpperCase(), title };
    fc.assert(
      fc.property(
        fc.constantFrom(...phrases),
        fc.constantFrom('lower', 'upper', 'title'),
        fc.constantFrom(' ', '_', '-', '', ' / ', '  '),
        fc.boolean(),
        fc.constantFrom('', ' (*)', ':', ' (1)'),
        ([words, role], style, joiner, plural, suffix) => {
          const last = words.length - 1;
          const spelt = words.map((w, i) => styles[style](i === last && plural && role !== 'id' && role !== 'metal' ? `${w}s` : w));
          const text = spelt.join(joiner) + suffix;
          assert.equal(roleOf(text), role, text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("an export whose headers are run together keeps its countries (issue 22: 'SmelterCountry' lost them)", () => {
    const text = 'METAL\tSMELTER_NAME\tSMELTER_COUNTRY\tSMELTER_ID\nGold\tKyrgyzaltyn JSC\tKYRGYZSTANN\tCID001029\n';
    const r = lintText(text, { format: 'tsv' });
    assert.deepEqual(r.model.tables[0].columns.basis, { metal: 'header', name: 'header', country: 'header', id: 'header' });
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['country-unknown'],
    );
    const camel = lintText(
      'Metal,SmelterLookUp,SmelterName,SmelterCountry,SmelterIdentification\nGold,Smelter not listed,Kyrgyzaltyn JSC,KYRGYZSTAN,\n',
      {
        format: 'csv',
      },
    );
    assert.deepEqual(
      camel.analysis.rows.map((f) => f.nameCell?.value),
      ['Kyrgyzaltyn JSC'],
    );
    assert.equal(camel.model.tables[0].columns.country, 3);
  });

  it('a header row with a CMRT 2.x contact column takes the standard name, not the contact, for the name', () => {
    const info = readHeader(
      cells([
        '',
        'Metal (*)',
        'Smelter Reference List (*)',
        'Standard Smelter Names (*)',
        'Smelter Facility Location: Country (*)',
        'Smelter Facility Location: Street address',
        'Smelter Facility Contact Name',
      ]),
    );
    assert.ok(info);
    assert.equal(info.columns.name, 3);
    assert.equal(info.columns.lookup, 2);
    assert.equal(info.columns.country, 4);
    assert.deepEqual(info.roles.slice(5), ['other', 'other']);
  });
});

describe("the contact-name trap: 'Smelter Not Listed' read by the name typed beside it", () => {
  it('a 2.x row with the reference list at "Smelter Not Listed" is read by its Standard Smelter Names cell', () => {
    const text = [
      ',Metal (*),Smelter Reference List (*),Standard Smelter Names (*),Smelter Facility Location: Country (*),Smelter ID,Smelter Facility Location: Street address,Smelter Facility Location: City,Smelter Facility Contact Name,Smelter Facility Contact Email',
      ',Gold,Smelter Not Listed,Kyrgyzaltyn JSC,KYRGYZSTAN,,1 Main St,Bishkek,Jane Doe,jane@example.com',
      ',Tin,Minsur,Minsur,PERU,,,,John Roe,',
    ].join('\n');
    const r = lintText(text + '\n', { format: 'csv' });
    const names = r.analysis.rows.map((f) => f.nameCell?.value);
    assert.deepEqual(names, ['Kyrgyzaltyn JSC', 'Minsur']);
    assert.equal(r.model.tables[0].roles[8], 'other');
    assert.ok(!r.findings.some((f) => /Jane Doe|John Roe/.test(f.message)), JSON.stringify(r.findings.map((f) => f.message)));
  });
});

describe('columns by what their cells hold', () => {
  const rows = [
    'Gold,Metalor Technologies SA,SWITZERLAND,CID001153',
    'Gold,Japan Mint,JAPAN,CID000823',
    'Tin,Minsur,PERU,CID001182',
    'Tin,Thaisarco,THAILAND,CID001898',
    'Tantalum,Ulba Metallurgical Plant JSC,KAZAKHSTAN,CID001969',
  ];

  it('a headerless list: columns from content, one finding that the header is missing, every row read', () => {
    const r = lintText(rows.join('\n') + '\n', { format: 'csv' });
    assert.equal(r.model.tables.length, 1);
    assert.equal(r.model.tables[0].rows.length, 5);
    assert.deepEqual(r.model.tables[0].columns.basis, { metal: 'content', name: 'content', country: 'content', id: 'content' });
    assert.deepEqual(
      r.findings.map((f) => [f.rule, r.model.lines.positionAt(f.start).line]),
      [['file-format', 0]],
    );
    assert.match(r.findings[0].message, /no header row/);
  });

  it('a headerless list with a supplier column first: the name is the column whose names the reference knows', () => {
    const t = parseFiling(rows.map((l) => `Acme Widgets Inc,${l}`).join('\n') + '\n', 'csv').tables[0];
    assert.equal(t.columns.name, 2);
    assert.equal(t.columns.metal, 1);
  });

  it("a header row of '#VALUE!': one finding at that row, not one per row", () => {
    const r = lintText(['#VALUE!,#VALUE!,#VALUE!,#REF!', ...rows].join('\n') + '\n', { format: 'csv' });
    assert.equal(r.model.tables[0].rows.length, 5);
    assert.deepEqual(
      r.findings.map((f) => [f.rule, r.model.lines.positionAt(f.start).line]),
      [['file-format', 0]],
    );
    assert.match(r.findings[0].message, /header row is destroyed \('#VALUE!'\)/);
  });

  it("a header whose name cell is '#VALUE!': the name column read from the cells", () => {
    const r = lintText(['Metal,#VALUE!,Country,Smelter ID', ...rows].join('\n') + '\n', { format: 'csv' });
    const t = r.model.tables[0];
    assert.equal(t.columns.name, 1);
    assert.equal(t.columns.basis?.name, 'content');
    assert.equal(t.columns.basis?.metal, 'header');
    assert.equal(t.rows.length, 5);
    assert.deepEqual(r.findings, []);
  });

  it('an ID column under an unusual header is found by its CIDs', () => {
    const r = lintText(['Metal,Smelter Name,Country,Ref.', ...rows].join('\n') + '\n', { format: 'csv' });
    const t = r.model.tables[0];
    assert.equal(t.columns.id, 3);
    assert.equal(t.columns.basis?.id, 'content');
    assert.deepEqual(r.findings, []);
  });

  it("the header's ID column overruled when it clearly holds no IDs and another column clearly does", () => {
    const text = [
      'Metal,Smelter Name,Country,Smelter ID,Code',
      ...rows.map((l) => `${l.replace(/,CID\d+$/, ',n/a')},${/CID\d+$/.exec(l)![0]}`),
    ];
    const t = parseFiling(text.join('\n') + '\n', 'csv').tables[0];
    assert.equal(t.columns.id, 4);
    assert.equal(t.columns.basis?.id, 'content');
    assert.equal(t.roles[3], 'other');
  });

  it("a header's column is kept when its cells are not clearly of another kind (a few bad values are findings)", () => {
    const text = ['Metal,Smelter Name,Country,Smelter ID', ...rows.slice(0, 4), 'Tantalum,Ulba,KAZAKHSTAN,1969'];
    const t = parseFiling(text.join('\n') + '\n', 'csv').tables[0];
    assert.equal(t.columns.id, 3);
    assert.equal(t.columns.basis?.id, 'header');
  });

  it("a template's list of countries below the smelters is not read as smelters", () => {
    const countries = [
      'ALBANIA',
      'ALGERIA',
      'ANGOLA',
      'ARGENTINA',
      'ARMENIA',
      'AUSTRALIA',
      'AUSTRIA',
      'BAHRAIN',
      'BELGIUM',
      'BOLIVIA',
      'BRAZIL',
      'BULGARIA',
      'CANADA',
      'CHILE',
      'CHINA',
      'COLOMBIA',
      'CUBA',
      'DENMARK',
      'ECUADOR',
      'EGYPT',
      'ESTONIA',
      'FINLAND',
    ];
    const aliases = [
      'Smelter Not Listed',
      'AGR Matthey,AUSTRALIA,Western Australian Mint',
      'AKK,JAPAN,Asahi Pretec Corp',
      'Allgemeine,GERMANY,Allgemeine Gold- und Silberscheideanstalt A.G.',
    ];
    const text = [
      ',Metal (*),Smelter Reference List (*),Standard Smelter Names (*),Smelter Facility Location: Country (*),Smelter ID',
      ',Gold,Argor Heraeus,Argor-Heraeus,SWITZERLAND,',
      ',,,,,',
      'Copyright the template,,,,,',
      ',,,full name,COUNTRY CODE LIST,,Smelter Names,Country location,Common Name',
      ...countries.map((c, i) => `,,,${c},XXX,,${aliases[i] ?? `Alias ${i},CHINA,Common ${i}`}`),
    ];
    const model = parseFiling(text.join('\n') + '\n', 'csv');
    assert.equal(model.tables.length, 1);
    assert.equal(model.tables[0].rows.length, 1);
  });
});

describe('CMRT 2.x/3.x exports of ../shared/corpus/cmrt-2x: the supplier rows and nothing else', () => {
  const DIR = path.join(SHARED, 'corpus', 'cmrt-2x');
  // rows counted by hand in each file: the supplier's rows between the header and the template's lists
  const expected: Record<string, { rows: number; name: number; id?: number }> = {
    'cmrt-2.00-smelter-list.csv': { rows: 4, name: 3, id: 0 }, // 2.00 has no ID column: '4CHN005' typed in column A
    'cmrt-2.01-smelter-list.csv': { rows: 4, name: 3 }, // column A holds '#REF!': padding, no ID column
    'cmrt-2.02-smelter-list.csv': { rows: 4, name: 3, id: 5 },
    'cmrt-2.03-smelter-list.csv': { rows: 4, name: 3, id: 5 },
    'cmrt-2.03a-smelter-list.csv': { rows: 4, name: 3, id: 5 },
    'cmrt-3.01-smelter-list.csv': { rows: 4, name: 3, id: 5 },
    'emetals-cmrt-2.02-jul2013-smelter-list.csv': { rows: 2, name: 3, id: 5 },
    'jessy-cmrt-2.02-jun2013-smelter-list.csv': { rows: 0, name: 3, id: 5 },
    'lte-cmrt-2.00-smelter-list.csv': { rows: 0, name: 3 },
  };
  const read = (file: string) => {
    const text = decodeBytes(new Uint8Array(fs.readFileSync(path.join(DIR, file)))).text;
    assert.ok(text !== undefined, `${file} is text`);
    return parseFiling(text, 'csv');
  };
  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${want.rows} rows; the name typed beside the reference list, never the contact`, () => {
      const model = read(file);
      assert.equal(model.tables.length, 1);
      const t = model.tables[0];
      assert.equal(t.rows.length, want.rows);
      assert.equal(t.columns.name, want.name);
      assert.equal(t.columns.lookup, 2);
      assert.equal(t.columns.id, want.id);
    });
  }

  it('cmrt-2.00: the V2 ID typed in column A is read as the ID (found by content)', () => {
    const t = read('cmrt-2.00-smelter-list.csv').tables[0];
    assert.equal(t.columns.basis?.id, 'content');
    assert.equal(t.rows[3].cells[0].value, '4CHN005');
  });
});
