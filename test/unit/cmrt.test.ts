/**
 * Supplier CMRT workbooks: the real ones in ../shared/corpus (findings checked by opening the files), RMI's
 * blank templates of six revisions (in Chinese and English: the header is found through the workbook's own
 * language table), and workbooks built here for the template's own checks.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { lintText, RULES } from '../../server/src/core';
import { placeOf } from '../../server/src/core/places';
import { readCmrt, workbookLintOptions } from '../../server/src/node/cmrt';
import { SmelterReference } from '../../server/src/core/data/smelters';
import { cliJson, runCli } from '../helpers/cli';
import { fillWorkbook } from '../helpers/fill-template';
import { DATA, ROOT, SHARED } from '../helpers/paths';

const CORPUS = path.join(SHARED, 'corpus');
const corpus = (f: string) => path.join(CORPUS, f);

const at = (r: { findings: Array<{ sheet?: string; cell?: string; rule: string }> }) =>
  r.findings.map((f) => `${f.sheet}!${f.cell}:${f.rule}`);

describe('CMRT workbooks: the real supplier files', () => {
  it('JX Advanced Metals 6.4: exactly the defects a reviewer finds, each at its cell', () => {
    const r = cliJson([corpus('cmrt-6.4-jx-advanced-metals-2024.xlsx')]);
    assert.deepEqual(at(r).sort(), [
      'Declaration!G38:cmrt-claims', // "approved conflict free material" in four comments
      'Declaration!G81:cmrt-claims', // EICC in a comment of 2024
      'Smelter List!C10:cmrt-repeated-smelter', // Ulba (CID001969) again on row 10
      'Smelter List!C23:cmrt-repeated-smelter', // Xiamen Tungsten once per mine, rows 22-26
      'Smelter List!C31:cmrt-repeated-smelter', // Xiamen Tungsten (H.C.) on rows 27 and 31
      'Smelter List!E10:country-unknown', // ... with an empty country
      'Smelter List!E14:cmrt-country', // 'China' typed instead of the drop-down's CHINA
      'Smelter List!H5:cmrt-smelter-list', // a literal 0 as the street of every row: one finding for 27 cells
      'Smelter List!L14:cmrt-smelter-list', // xyz.uil@.com.hk
    ]);
    assert.match(r.findings.find((f) => f.cell === 'H5')!.message, /^'Smelter Street' is '0'.* The same on 26 more cells of this file\.$/);
    assert.match(r.findings.find((f) => f.cell === 'G38')!.message, /and 3 other cells: RMI does not certify anything "conflict free"/);
    const repeated = r.findings.find((f) => f.cell === 'C23')!;
    assert.match(repeated.message, /listed on 5 rows of the Smelter List \(22, 23, 24, 25, 26\), which differ only in 'Name of Mine/);
    assert.equal(repeated.line, 23, 'line is the sheet row');
    assert.equal(repeated.column, 3, 'column is the sheet column');
    assert.match(r.findings.find((f) => f.cell === 'E10')!.message, /The reference places it in KAZAKHSTAN/);
    assert.equal(r.status, 1);
  });

  it('the text format names the sheet and cell', () => {
    const r = runCli([corpus('cmrt-6.4-jx-advanced-metals-2024.xlsx')]);
    assert.match(
      r.stdout,
      /cmrt-6\.4-jx-advanced-metals-2024\.xlsx:Smelter List!E14 {2}warning {2}'China' is not in the country drop-down of CMRT 6\.4: choose 'CHINA'\. {2}cmrt-country/,
    );
  });

  it('PKG 6.4: all 67 rows read; its empty Declaration, a public policy without URL, obsolete claims, one at a time', () => {
    const w = readCmrt(fs.readFileSync(corpus('cmrt-6.4-pkg-de00-2024.xlsx')), 'pkg.xlsx');
    assert.equal(w.context.revision, '6.4');
    assert.equal(w.context.sheetRowOfLine.size, 67);
    const r = lintText(w.text, { format: 'tsv', workbook: w.context, reference: w.reference, requireTable: true });
    const metals = r.analysis.rows.map((f) => f.metal?.info.metal);
    assert.equal(metals.filter((m) => m === 'Tin').length, 33);
    assert.equal(metals.filter((m) => m === 'Gold').length, 34);
    assert.deepEqual(at(cliJson([corpus('cmrt-6.4-pkg-de00-2024.xlsx')])).sort(), [
      'Declaration!D8:cmrt-declaration', // every company field empty (the questions are answered)
      'Declaration!G77:cmrt-questions', // policy public, but "In all subcon's website" is no URL
      'Smelter List!K5:cmrt-smelter-list', // '0' as contact name, e-mail, next steps, mine, comments: 180 cells, one finding
      'Smelter List!M40:cmrt-claims', // "CFS validated" ×4
      'Smelter List!M7:cmrt-claims', // "RMI certified conflict free" and other conflict-free claims ×19
      'Smelter List!N40:cmrt-claims', // "as per CFSI", "CFSI Compliant Smelter" ×9
      'Smelter List!O70:cmrt-claims', // a gold mine in Tanzania, question 3 for gold: No
    ]);
  });

  it('with a later CMRT as --reference: the smelters RMI renamed since, as information; an older list says nothing', () => {
    const later = cliJson(['--reference', path.join(DATA, 'RMI_CMRT_6.5.xlsx'), corpus('cmrt-6.4-pkg-de00-2024.xlsx')]);
    assert.deepEqual(
      later.findings.filter((f) => f.rule === 'cmrt-later-list').map((f) => `${f.cell} ${f.severity} ${f.message}`),
      [
        "F6 info CID000292: RMI's standard name is now 'Alpha Assembly Solutions Inc' in RMI_CMRT_6.5.xlsx (CMRT 6.5) ('Alpha' in CMRT 6.4).",
        "F39 info CID000082: RMI's standard name is now 'ASAHI METALFINE, Inc.' in RMI_CMRT_6.5.xlsx (CMRT 6.5) ('Asahi Pretec Corp.' in CMRT 6.4).",
      ],
    );
    const older = cliJson(['--reference', corpus('rmi-cmrt-6.01-template-zh.xlsx'), corpus('cmrt-6.4-pkg-de00-2024.xlsx')]);
    assert.deepEqual(
      older.findings.filter((f) => f.rule === 'cmrt-later-list'),
      [],
    );
  });

  it("RMI's blank templates of every revision: revision found, header read in Chinese or English, only the empty Declaration", () => {
    const templates: Array<[string, string]> = [
      [corpus('rmi-cmrt-6.01-template-zh.xlsx'), '6.01'],
      [corpus('rmi-cmrt-6.1-template-zh.xlsx'), '6.1'],
      [corpus('rmi-cmrt-6.22-template-zh.xlsx'), '6.22'],
      [corpus('rmi-cmrt-6.31-template-zh.xlsx'), '6.31'],
      [corpus('rmi-cmrt-6.4-template-en.xlsx'), '6.4'],
      [path.join(DATA, 'RMI_CMRT_6.5.xlsx'), '6.5'],
    ];
    for (const [file, revision] of templates) {
      const w = readCmrt(fs.readFileSync(file), path.basename(file));
      assert.equal(w.context.revision, revision, file);
      assert.match(
        w.text.split('\n')[0],
        /^Smelter Identification Number Input Column\tMetal \(\*\)\tSmelter Look-up \(\*\)\tSmelter Name \(1\)\tSmelter Country \(\*\)/,
        file,
      );
      assert.equal(w.context.sheetRowOfLine.size, 0, `${file}: template rows are not data`);
      assert.ok(w.reference && w.reference.size > 300, `${file}: its own Smelter Look-up`);
      assert.ok(w.context.countries?.has('CHINA'), `${file}: its country drop-down`);
      // a returned blank template: one finding, its empty Declaration (the 6.31 copy has two choices made)
      const expected =
        revision === '6.31'
          ? ['Declaration!D26:cmrt-questions', 'Declaration!D77:cmrt-questions', 'Declaration!D8:cmrt-declaration']
          : ['Declaration!D8:cmrt-declaration'];
      assert.deepEqual(at(cliJson([file])).sort(), expected, file);
    }
  });
});

/**
 * A small CMRT-like workbook: an English Smelter List with the 6.x columns, a look-up, a country list and,
 * when given, a Declaration (rows of [label, answer, comment] in columns B, D, G) with a language table that
 * translates its labels (the French template's texts) to English.
 */
function cmrt(
  rows: string[][],
  declaration?: Array<[string, string, string?, string?]>,
  extra: Array<[string, string[][]]> = [],
): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheet = (data: string[][]) =>
    `<worksheet><sheetData>${data
      .map(
        (r, i) =>
          `<row r="${i + 1}">${r.map((v, j) => (v === '' ? '' : `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`,
      )
      .join('')}</sheetData></worksheet>`;
  const header = [
    'Smelter Identification Number Input Column',
    'Metal (*)',
    'Smelter Look-up (*)',
    'Smelter Name (1)',
    'Smelter Country (*)',
    'Smelter Identification',
    'Source of Smelter Identification Number',
    'Smelter Street',
    'Smelter City',
    'Smelter Facility Location: State / Province',
    'Smelter Contact Name',
    'Smelter Contact Email',
  ];
  const lookup = [
    ['Metal', 'Smelter Look-up', 'Standard Smelter Name', 'Country', 'Smelter Identification'],
    ['Tin', 'Minsur', 'Minsur', 'PERU', 'CID001182'],
    ['Tin', 'Thaisarco', 'Thaisarco', 'THAILAND', 'CID001898'],
    ['Tungsten', 'Xiamen Tungsten Co., Ltd.', 'Xiamen Tungsten Co., Ltd.', 'CHINA', 'CID002082'],
    ['Gold', 'Smelter not listed', '', '', ''],
  ];
  const countries = [
    ['COUNTRY CODE LIST', 'FULL NAME'],
    ...['PERU', 'THAILAND', 'CHINA', 'GERMANY', 'BOLIVIA (PLURINATIONAL STATE OF)'].map((c) => [c.slice(0, 2), c]),
  ];
  while (countries.length < 120) countries.push(['X' + countries.length, `COUNTRY ${countries.length}`]);
  const sheets: Array<[string, string[][]]> = [
    ['Revision', [[''], ['', 'REVISION'], ['', '6.4']]],
    ['Smelter List', [[], [], [], header, ...rows]],
    ['Smelter Look-up', lookup],
    ['C', countries],
  ];
  if (declaration) {
    // [label as written, answer, comment, English label]: the L sheet maps the written label to English
    sheets.push(['Declaration', declaration.map(([label, answer, comment]) => ['', label, '', answer, '', '', comment ?? ''])]);
    sheets.push([
      'L',
      [
        ['', 'Sheets', 'Cells', 'English', 'Français'],
        ...declaration.flatMap(([label, , , en], i) => (en ? [[`DeclarationB${i + 1}`, 'Declaration', `B${i + 1}`, en, label]] : [])),
      ],
    ]);
  }
  sheets.push(...extra);
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(
      `<workbook><sheets>${sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
  };
  sheets.forEach(([, data], i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet(data))));
  return zipSync(files);
}

function lintCmrt(rows: string[][]): string[] {
  const w = readCmrt(cmrt(rows), 'supplier.xlsx');
  const r = lintText(w.text, { format: 'tsv', workbook: w.context, reference: w.reference, requireTable: true });
  return r.findings.map((f) => `${placeOf(r.model, r.analysis, f.start)?.address}:${f.rule}`);
}

describe("CMRT workbooks: the template's own checks, on workbooks built here", () => {
  it('a clean list has no finding', () => {
    assert.deepEqual(
      lintCmrt([
        ['CID001182', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'RMI'],
        ['', 'Tin', 'Thaisarco', '', 'THAILAND', 'CID001898', 'RMI'],
      ]),
      [],
    );
  });

  it('the smelter is the look-up choice; a typed name counts only for "Smelter not listed"', () => {
    // D echoes another name: the look-up (C) is the smelter, so no near-duplicate or mismatch from D
    assert.deepEqual(lintCmrt([['', 'Tin', 'Minsur', 'Minsur Peru (typed)', 'PERU', 'CID001182', 'RMI']]), []);
    assert.deepEqual(lintCmrt([['', 'Gold', 'smelter NOT listed', 'Goldhaus Refinery', 'GERMANY', '', '']]), []);
    assert.deepEqual(lintCmrt([['', 'Gold', 'Smelter not listed', '', 'GERMANY', '', '']]), ['D5:table-shape']);
  });

  it('flags a pair not in the look-up, a missing look-up, an ID typed in A that differs, "Enter smelter details"', () => {
    // the look-up cannot fill an ID for a wrong pair: one finding, at the pair
    assert.deepEqual(lintCmrt([['', 'Tin', 'Xiamen Tungsten Co., Ltd.', '', 'CHINA', '', '']]), ['C5:cmrt-smelter-list']);
    assert.deepEqual(lintCmrt([['', 'Tin', '', '', 'PERU', '', '']]), ['C5:table-shape']);
    assert.deepEqual(lintCmrt([['CID001898', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'RMI']]), ['A5:cmrt-smelter-list']);
    assert.deepEqual(lintCmrt([['', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'Enter smelter details']]), ['G5:cmrt-smelter-list']);
    assert.deepEqual(lintCmrt([['', 'Gold', 'Smelter not listed', 'Goldhaus Refinery', '!', '', '']]), ['E5:cmrt-smelter-list']);
  });

  it('a country typed in another spelling than the drop-down: one finding with the drop-down name', () => {
    const w = readCmrt(
      cmrt([
        ['', 'Tin', 'Minsur', '', 'Peru', 'CID001182', 'RMI'],
        ['', 'Tin', 'Thaisarco', '', 'THAILAND', 'CID001898', 'RMI'],
      ]),
      's.xlsx',
    );
    const r = lintText(w.text, { format: 'tsv', workbook: w.context, reference: w.reference });
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.message]),
      [['cmrt-country', "'Peru' is not in the country drop-down of CMRT 6.4: choose 'PERU'."]],
    );
  });

  it('a smelter on several rows is one finding naming every row', () => {
    const rows = ['Mine A', 'Mine B', 'Mine C'].map((m) => [
      '',
      'Tungsten',
      'Xiamen Tungsten Co., Ltd.',
      '',
      'CHINA',
      'CID002082',
      'RMI',
      '',
      '',
      '',
      m,
    ]);
    assert.deepEqual(lintCmrt(rows), ['C6:cmrt-repeated-smelter']);
  });

  it('a French Declaration: labels found through the language table; required fields, e-mails, dates, questions, claims', () => {
    const fr: Array<[string, string, string?, string?]> = [
      ["Nom de l'entreprise (*) :", 'Acme SARL', '', 'Company Name (*):'],
      ['Portée de la déclaration (*) :', 'B. Product (or List of Products)', '', 'Declaration Scope or Class (*):'],
      ['Nom du contact (*) :', '', '', 'Contact Name (*):'],
      ['E-mail – Contact (*) :', 'toru,nishio@example.com', '', 'Email – Contact (*):'],
      ['Téléphone – Contact (*) :', '+33 1 23 45 67 89', '', 'Phone – Contact (*):'],
      ['Autorisateur (*) :', 'M. Dupont', '', 'Authorizer (*):'],
      ['E-mail – Autorisateur (*) :', 'xyz@.com', '', 'Email - Authorizer (*):'],
      ["Date d'effet (*) :", '2999-01-01', '', 'Effective Date (*):'],
      [
        '1) Est-ce que des 3TG sont ajoutés intentionnellement ? (*)',
        'Réponse',
        '',
        '1) Is any 3TG intentionally added or used in the product(s) or in the production process? (*)',
      ],
      ['Tantale', 'Yes', '', 'Tantalum'],
      ['Étain', 'No', '', 'Tin'],
      ['Or', '', '', 'Gold'],
      ['Tungstène', 'No', '', 'Tungsten'],
      ['2) Est-ce que des 3TG restent dans le produit ? (*)', 'Réponse', '', '2) Does any 3TG remain in the product(s)? (*)'],
      ['Tantale', 'Yes', 'CFSI compliant suppliers only', 'Tantalum'],
      ['Étain', '', '', 'Tin'],
      ['Or', '', '', 'Gold'],
      ['Tungstène', '', '', 'Tungsten'],
      ['A. Avez-vous une politique ? (*)', 'Yes', '', 'A. Have you established a responsible minerals sourcing policy? (*)'],
      [
        'B. Est-elle publique ? (*)',
        'Yes',
        'sur notre site',
        'B. Is your responsible minerals sourcing policy publicly available on your website? (*)',
      ],
      [
        'E. Enquêtes ? (*)',
        'Oui, sous un autre format (décrire)',
        '',
        'E. Does your company conduct Conflict Minerals survey(s) of your relevant supplier(s)? (*)',
      ],
      ['Oui, sous un autre format (décrire)', '', '', 'Yes, using other format (describe)'], // the drop-down answer's translation
    ];
    const w = readCmrt(cmrt([['', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'RMI']], fr), 'fournisseur.xlsx');
    assert.equal(w.context.declaration?.fields.company?.value, 'Acme SARL');
    const r = lintText(w.text, { format: 'tsv', workbook: w.context, reference: w.reference, requireTable: true });
    const found = r.findings.map((f) => `${f.place?.address ?? placeOf(r.model, r.analysis, f.start)?.address}:${f.rule}: ${f.message}`);
    const expect = [
      /^D3:cmrt-declaration: The Declaration lacks contact name \(1 required field\)\.$/,
      /^D4:cmrt-declaration: The contact e-mail 'toru,nishio@example\.com' is not an e-mail address\.$/,
      /^D7:cmrt-declaration: The authorizer e-mail 'xyz@\.com' is not an e-mail address\.$/,
      /^D8:cmrt-declaration: The effective date 2999-01-01 lies in the future\.$/,
      /^D12:cmrt-questions: Question 1 is not answered for gold\.$/,
      /^D15:cmrt-questions: Tantalum: Yes to questions 1 and 2, but the Smelter List has no tantalum smelter\.$/,
      /^D11:cmrt-questions: Tin: No to question 1 .* lists 1 tin row\.$/,
      /^G20:cmrt-questions: Question B says the sourcing policy is public, but its comment gives no URL/,
      /^G15:cmrt-claims: 'CFSI compliant suppliers only': CFSI is the Responsible Minerals Initiative/,
      /^D21:cmrt-questions: Question E is answered "Oui, sous un autre format \(décrire\)", which asks for a description in the comment/,
    ];
    for (const re of expect)
      assert.ok(
        found.some((f) => re.test(f)),
        `${re}\n${found.join('\n')}`,
      );
    assert.equal(found.length, expect.length, found.join('\n'));
  });

  it('a product-level declaration: the Product List must name products, each with its number', () => {
    const decl: Array<[string, string]> = [
      ['Company Name (*):', 'Acme'],
      ['Declaration Scope or Class (*):', 'B. Product (or List of Products)'],
    ];
    const products = (rows: string[][]): Array<[string, string[][]]> => [
      ['Product List', [[], [], [], [], ['', "Manufacturer's Product Number (*)", "Manufacturer's Product Name", 'Comments'], ...rows]],
    ];
    const lint = (rows: string[][]) => {
      const w = readCmrt(cmrt([['', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'RMI']], decl, products(rows)), 'p.xlsx');
      return lintText(w.text, { format: 'tsv', workbook: w.context, reference: w.reference })
        .findings.filter((f) => f.rule === 'cmrt-declaration' && /Product List|product/.test(f.message))
        .map((f) => `${f.place?.sheet}!${f.place?.address}: ${f.message}`);
    };
    assert.deepEqual(lint([['', 'P-100', 'Widget']]), []);
    assert.deepEqual(lint([]), [
      'Product List!B5: The declaration is at product level (scope B), but the Product List names no product: list the product numbers it covers.',
    ]);
    assert.deepEqual(
      lint([
        ['', 'P-100', 'Widget'],
        ['', '', 'Gadget'],
      ]),
      ["Product List!B7: 1 product of the Product List has no manufacturer's product number (required): row 7."],
    );
  });

  it('every workbook rule reports on a workbook built here', () => {
    const reported = new Set(
      [
        [['', 'Tin', 'Xiamen Tungsten Co., Ltd.', '', 'CHINA', '', '']],
        [['', 'Tin', 'Minsur', '', 'Peru', 'CID001182', 'RMI']],
        [
          ['', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'RMI'],
          ['', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'RMI', 'Other street'],
        ],
      ].flatMap((rows) => lintCmrt(rows).map((x) => x.split(':')[1])),
    );
    const w = readCmrt(
      cmrt(
        [['', 'Tin', 'Minsur', '', 'PERU', 'CID001182', 'RMI']],
        [
          ['Company Name (*):', ''],
          ['1) Is any 3TG used? (*)', 'Answer'],
          ['Tin', 'No', 'conflict free material'],
          ['A. Policy? (*)', ''],
        ],
      ),
      'w.xlsx',
    );
    for (const f of lintText(w.text, { format: 'tsv', workbook: w.context, reference: w.reference }).findings) reported.add(f.rule);
    const later = new SmelterReference([{ cid: 'CID001182', metal: 'Tin', name: 'Minsur S.A.', country: 'PE', aliases: [] }], {
      source: 'later.csv',
      complete: true,
      revision: '6.5',
    });
    for (const f of lintText(w.text, workbookLintOptions(w, { reference: later })).findings) reported.add(f.rule);
    // an EMRT of a revision that cannot hold its date, with a mine whose smelter is not listed (templates.test.ts)
    const emrt = readCmrt(
      fillWorkbook(fs.readFileSync(path.join(SHARED, 'corpus', 'templates', 'RMI_EMRT_2.1.xlsx')), {
        Declaration: { D26: '2026-05-04' },
        'Mine List': { A5: 'Cobalt', B5: 'Unknown Refinery', C5: 'Mine A' },
      }),
      'emrt.xlsx',
    );
    for (const f of lintText(emrt.text, workbookLintOptions(emrt, {})).findings) reported.add(f.rule);
    for (const r of RULES.filter((x) => x.scope === 'workbook')) assert.ok(reported.has(r.id), r.id);
  });

  it('a workbook that is not a CMRT and holds no smelter table, or an .xls: one line, exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-notcmrt-'));
    const other = path.join(dir, 'budget.xlsx');
    fs.writeFileSync(
      other,
      zipSync({
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="Budget" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/worksheets/sheet1.xml': strToU8(
          '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c><c r="B1"><v>3</v></c></row></sheetData></worksheet>',
        ),
      }),
    );
    const r = runCli([other]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /budget\.xlsx not linted: budget\.xlsx holds no smelter table: sheet "Budget" read\n/);
    const xls = path.join(dir, 'old-cmrt.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    assert.match(runCli([xls]).stderr, /Excel 97–2003 workbook \(\.xls, as CMRT revisions before 5\.10 are\)/);
  });
});

describe('CSV exports of CMRT Smelter Lists: the same column meanings, any revision', () => {
  const lint = (csv: string) =>
    lintText(csv, { fileName: 'export.csv', requireTable: true }).findings.map((f) => `${f.rule}: ${f.message}`);

  it('a 6.x export: the look-up is the smelter, a typed name only for "Smelter not listed", template rows are not rows', () => {
    const csv = [
      'TO BEGIN:,,,,,,',
      'Smelter Identification Number Input Column,Metal (*),Smelter Look-up (*),Smelter Name (1),Smelter Country (*),Smelter Identification,Source of Smelter Identification Number',
      'CID001182,Tin,Minsur,Minsur Peru,PERU,CID001182,RMI',
      ',Tin,Smelter not listed,Kestrel Tin Works,CANADA,,',
      ',,,,,#N/A,',
      ',,,0,,#N/A,',
      '',
    ].join('\n');
    assert.deepEqual(lint(csv), []);
  });

  it("a look-up table (alias and standard-name columns): a smelter's aliases are one smelter, not conflicts or misspellings", () => {
    const csv = [
      'Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter Identification',
      'Gold,Agosi AG,Agosi AG,GERMANY,CID000035',
      'Gold,Allgemeine Gold-und Silberscheideanstalt A.G.,Agosi AG,GERMANY,CID000035',
      'Tin,Mineração Taboca S.A.,Mineracao Taboca S.A.,BRAZIL,CID001173',
      'Tin,Mineracao Taboca SA,Mineracao Taboca S.A.,BRAZIL,CID001173',
      '',
    ].join('\n');
    assert.deepEqual(
      lint(csv).filter((f) => !f.startsWith('cid-mismatch')),
      [],
    );
  });

  it('a 2.x export (leading empty column, instruction rows, V2 IDs): V2 IDs are right for their era and checked', () => {
    const csv = [
      ',,,,,',
      ',Instructions: select the metal first,,,,',
      ',Metal (*),Smelter Reference List (*),Standard Smelter Names (*),Smelter Facility Location: Country (*),Smelter ID',
      ',Tin,Minsur,Minsur,PERU,2PER001',
      ',Gold,Smelter not listed,Goldhaus Refinery,GERMANY,',
      ',Tin,Thaisarco,Thaisarco,THAILAND,1MYS001',
      ',,,#N/A,,',
      ',0,0,0,0,0',
      '',
    ].join('\n');
    assert.deepEqual(lint(csv), [
      "cid-format: The CFSI smelter ID '1MYS001' does not fit this row: its metal digit 1 means gold, but the row is tin; its country code MYS is Malaysia, but the row says THAILAND.",
    ]);
    // in a list of CIDs, a stray V2 ID is still reported as outdated
    assert.match(
      lint(
        'Metal,Smelter Name,Country,Smelter ID\nTin,Minsur,PERU,2PER001\nTin,Thaisarco,THAILAND,CID001898\nTin,EM Vinto,BOLIVIA (PLURINATIONAL STATE OF),CID000438\n',
      )[0],
      /legacy CFSI smelter ID/,
    );
  });
});

describe('the sample CMRT workbook (npm run sample)', () => {
  it('is generated from public facts and shows the workbook rules, each at its cell', () => {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'make-sample-cmrt.mjs')], { cwd: ROOT });
    const r = cliJson([path.join(ROOT, 'samples', 'generated', 'sample-supplier-cmrt.xlsx')]);
    assert.deepEqual(at(r), [
      'Declaration!D4:cmrt-declaration',
      'Declaration!D6:cmrt-declaration',
      'Declaration!D15:cmrt-questions',
      'Declaration!D20:cmrt-questions',
      'Smelter List!L6:cmrt-smelter-list',
      'Smelter List!E7:cmrt-country',
      'Smelter List!C9:cmrt-repeated-smelter',
      'Smelter List!M10:cmrt-claims',
      'Smelter List!D12:table-shape',
    ]);
  });
});

describe("RMI's real templates filled in by an xlsx writer (exceljs), in Chinese", function () {
  this.timeout(60_000);
  /** The template with a few Smelter List rows and Declaration cells written into it, as a supplier would. */
  async function filled(template: string): Promise<Uint8Array> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const sl = wb.getWorksheet('Smelter List')!;
    const rows = [
      ['', 'Tin', 'Minsur', '', 'PERU'],
      ['', 'Tin', 'Xiamen Tungsten Co., Ltd.', '', 'CHINA'], // a tungsten smelter chosen under tin
      ['', 'Gold', 'Smelter not listed', '', 'GERMANY'], // no name typed
      ['', 'Tin', 'Thaisarco', '', 'Thailand'], // typed, not the drop-down's name
    ];
    rows.forEach((r, i) => r.forEach((v, j) => v && (sl.getCell(5 + i, j + 1).value = v)));
    const d = wb.getWorksheet('Declaration')!;
    const values: Array<[string, string | number]> = [
      ['D8', 'Sample Supplier Co.'],
      ['D9', 'A. Company'],
      ['D15', 'A. Buyer'],
      ['D16', 'toru,nishio@example.com'],
      ['D17', '+1 555 0100'],
      ['D18', 'B. Signer'],
      ['D20', 'signer@example.com'],
      ['D22', 45000],
      ['D26', 'No'],
      ['D27', 'Yes'],
      ['D28', 'Yes'],
      ['D29', 'No'], // question 1: tantalum, tin, gold, tungsten
      ['D33', 'Yes'],
      ['D34', 'Yes'], // question 2: tin, gold
    ];
    for (const [cell, v] of values) d.getCell(cell).value = v;
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  // (exceljs cannot write the 6.4 template back: a conditional format of it makes it throw; English is covered by the real JX workbook)
  for (const [file, revision] of [
    [corpus('rmi-cmrt-6.01-template-zh.xlsx'), '6.01'],
    [corpus('rmi-cmrt-6.22-template-zh.xlsx'), '6.22'],
  ] as const) {
    it(`CMRT ${revision}: the rows and answers a supplier wrote are read and checked`, async () => {
      const w = readCmrt(await filled(file), path.basename(file));
      assert.equal(w.context.revision, revision);
      assert.equal(w.context.sheetRowOfLine.size, 4);
      assert.equal(w.context.declaration?.fields.company?.value, 'Sample Supplier Co.');
      const r = lintText(w.text, { format: 'tsv', workbook: w.context, reference: w.reference, requireTable: true });
      const found = r.findings.map((f) => `${(f.place ?? placeOf(r.model, r.analysis, f.start))?.address}:${f.rule}`).sort();
      assert.deepEqual(
        found,
        [
          'C6:cmrt-smelter-list', // Xiamen Tungsten is not a tin choice of this revision's look-up
          'D16:cmrt-declaration', // toru,nishio@…
          'D39:cmrt-questions', // question 3 (and 4–8) unanswered for tin and gold, answered Yes to 1 and 2
          'D45:cmrt-questions',
          'D51:cmrt-questions',
          'D57:cmrt-questions',
          'D63:cmrt-questions',
          'D69:cmrt-questions',
          'D7:table-shape', // "Smelter not listed" without a name
          'D75:cmrt-questions', // company questions A–H
          'E8:cmrt-country', // 'Thailand'
        ].sort(),
      );
    });
  }
});

describe('many files in one CLI run (worker threads)', function () {
  this.timeout(60000);
  it('prints exactly what one thread prints, in the files’ order, with unreadable files said in place', () => {
    const corpus = fs
      .readdirSync(path.join(SHARED, 'corpus'))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => path.join(SHARED, 'corpus', f));
    const seeds = fs
      .readdirSync(path.join(SHARED, 'seeds'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(SHARED, 'seeds', f));
    const files = [...corpus, path.join(os.tmpdir(), 'cmrlint-no-such-file.csv'), ...seeds, ...corpus];
    assert.ok(files.length >= 8, 'enough files for the worker pool');
    for (const format of ['text', 'json']) {
      const pooled = runCli(['--format', format, ...files]);
      const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
      const one = spawnSync(process.execPath, [path.join(ROOT, 'server/out/cli.js'), '--format', format, ...files], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CMRTLINT_WORKERS: '0' },
        maxBuffer: 1 << 26,
      });
      assert.equal(pooled.status, 2);
      assert.equal(pooled.stdout, one.stdout);
      assert.equal(pooled.stderr, one.stderr);
      assert.match(pooled.stderr, /cannot read .*cmrlint-no-such-file\.csv/);
    }
  });
});
