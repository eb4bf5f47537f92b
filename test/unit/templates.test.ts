/**
 * RMI's templates of 2026 beside the CMRT: CMRT 6.6 (built from 6.5 with the requester's product columns),
 * EMRT 2.0/2.1 and AMRT 1.3, filled from RMI's blank workbooks (test/helpers/fill-template.ts) in Chinese (as
 * the blanks were saved) and in English (through each workbook's own language table), clean and with planted
 * defects: each defect found at its cell, nothing on the clean ones.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText, LintResult } from '../../server/src/core';
import { placeOf } from '../../server/src/core/places';
import { readCmrt, workbookLintOptions } from '../../server/src/node/cmrt';
import { XlsxWorkbook } from '../../server/src/node/xlsx';
import { bundledReference } from '../../server/src/core/data/smelters';
import { Edits, englishTexts, fillWorkbook, languageTexts, merge } from '../helpers/fill-template';
import { compareRevisions } from '../../server/src/node/revision';
import { DATA, SHARED } from '../helpers/paths';
import { runCli } from '../helpers/cli';
import { insertColumn } from '../helpers/insert-column';
import type { SheetValue } from '../../server/src/core/workbook';

const TEMPLATES = path.join(SHARED, 'corpus', 'templates');

function lint(bytes: Uint8Array, name: string): string[] {
  const w = readCmrt(bytes, name);
  const r = lintText(w.text, workbookLintOptions(w, { reference: bundledReference() }));
  return r.findings.map((f) => `${where(r, f)}:${f.rule}`).sort();
}

/** A finding's Sheet!Cell: a cell of another sheet, or the Smelter List cell of its offset. */
function where(r: LintResult, f: LintResult['findings'][number]): string {
  const p = f.place ?? placeOf(r.model, r.analysis, f.start);
  return `${p?.sheet}!${p?.address}`;
}

/** What the Declaration's reading holds, each value with its cell, the cells' columns moved by `shift`. */
function declarationDigest(bytes: Uint8Array, shift = 0): string[] {
  const ctx = readCmrt(bytes, 'x.xlsx').context;
  const cell = (v: SheetValue) => {
    const col = v.place.col + shift;
    return `${v.place.sheet}!${col}:${v.place.row} ${JSON.stringify(v.value)} ${JSON.stringify(v.english)}`;
  };
  const d = ctx.declaration!;
  const out = [
    ...Object.entries(d.fields).map(([k, v]) => `${k} ${cell(v)}`),
    ...d.questions.flatMap((q) =>
      Object.entries(q.answers).map(([m, a]) => `${q.number} ${m} ${cell(a.answer)} ${a.comment ? cell(a.comment) : ''}`),
    ),
    ...d.company.map((c) => `${c.letter} ${cell(c.answer)} ${c.comment ? cell(c.comment) : ''}`),
  ];
  const t = ctx.template;
  for (const s of t?.scope ?? []) out.push(`scope ${cell(s)}`);
  for (const q of t?.questions ?? [])
    for (const [m, a] of Object.entries(q.answers)) out.push(`${q.number} ${m} ${cell(a.answer)} ${a.comment ? cell(a.comment) : ''}`);
  return out;
}

/** Look-up rows [metal, look-up name, standard name, country, CID] of a metal, from the template itself. */
function lookupRows(bytes: Uint8Array, metal: string): string[][] {
  const b = new XlsxWorkbook(bytes, 't');
  return b.grid(b.sheet('Smelter Look-up')!).filter((r) => r[0] === metal && /^CID\d{6}$/.test(r[4] ?? ''));
}

/** A Smelter List row chosen from the look-up, as the template's formulas fill it (columns B–G). */
function smelterRow(row: number, r: string[], overrides: Record<string, string> = {}): Record<string, string> {
  return {
    [`B${row}`]: r[0],
    [`C${row}`]: r[1],
    [`E${row}`]: r[3],
    [`F${row}`]: r[4],
    [`G${row}`]: 'RMI',
    ...Object.fromEntries(Object.entries(overrides).map(([c, v]) => [`${c}${row}`, v])),
  };
}

interface Case {
  file: string;
  family: 'EMRT' | 'AMRT';
  revision: string;
  /** Two minerals in scope and one of the template outside it. */
  minerals: [string, string, string];
  /** Rows of the Declaration: the scope selection, the date, the questions' first mineral rows. */
  scopeCells: string[];
  dateRow: number;
  contactRows: [number, number, number, number, number];
  q1: number;
  q2: number;
  /** A clean answer to question 2 (EMRT: is the mineral in the product; AMRT: the share of suppliers responding). */
  q2Answer: string;
}

const CASES: Case[] = [
  {
    file: 'RMI_EMRT_2.0.xlsx',
    family: 'EMRT',
    revision: '2.0',
    minerals: ['Cobalt', 'Mica', 'Nickel'],
    scopeCells: ['D12', 'E12', 'G12', 'D13', 'E13', 'G13'],
    dateRow: 26,
    contactRows: [19, 20, 21, 22, 24],
    q1: 30,
    q2: 42,
    q2Answer: 'Yes',
  },
  {
    file: 'RMI_EMRT_2.1.xlsx',
    family: 'EMRT',
    revision: '2.1',
    minerals: ['Cobalt', 'Copper', 'Lithium'],
    scopeCells: ['D12', 'E12', 'G12', 'D13', 'E13', 'G13'],
    dateRow: 26,
    contactRows: [19, 20, 21, 22, 24],
    q1: 30,
    q2: 42,
    q2Answer: 'Yes',
  },
  {
    file: 'RMI_AMRT_1.3.xlsx',
    family: 'AMRT',
    revision: '1.3',
    minerals: ['Aluminum', 'Zinc', 'Silver'],
    scopeCells: ['D12', 'E12', 'F12', 'G12', 'D13', 'E13'],
    dateRow: 27,
    contactRows: [20, 21, 22, 23, 25],
    q1: 31,
    q2: 43,
    q2Answer: 'Greater than 90%',
  },
];

/** A clean filled workbook of a case: two minerals in scope, one smelter of each, a mine of the first. */
function clean(c: Case, blank: Uint8Array, date = '2026-03-20'): Edits {
  const [a, b] = c.minerals;
  const ra = lookupRows(blank, a)[0];
  const rb = lookupRows(blank, b)[0];
  const scope = Object.fromEntries(c.scopeCells.map((cell, i) => [cell, i === 0 ? a : i === 1 ? b : '']));
  const [name, email, phone, authorizer, authEmail] = c.contactRows;
  const questions: Record<string, string> = {};
  for (const q of [c.q1, c.q2]) {
    for (let i = 0; i < 10; i++) questions[`B${q + i}`] = i === 0 ? `${a}(*)` : i === 1 ? `${b}(*)` : '';
    questions[`D${q}`] = q === c.q2 ? c.q2Answer : 'Yes';
    questions[`D${q + 1}`] = q === c.q2 ? c.q2Answer : 'Yes';
  }
  // company question A (a policy), found by its label in the language table
  const company = Object.fromEntries(
    Object.entries(englishTexts(blank, ['Declaration']).Declaration)
      .filter(([, t]) => /^[A-H]\. /.test(t))
      .map(([cell]) => [cell.replace(/^B/, 'D'), 'No']),
  );
  return {
    Declaration: {
      ...company,
      D8: 'Sample Supplier Co.',
      D9: 'A. Company',
      ...scope,
      [`D${name}`]: 'A. Buyer',
      [`D${email}`]: 'a.buyer@example.com',
      [`D${phone}`]: '+1 555 0100',
      [`D${authorizer}`]: 'C. Officer',
      [`D${authEmail}`]: 'c.officer@example.com',
      [`D${c.dateRow}`]: date,
      ...questions,
    },
    'Smelter List': { ...smelterRow(5, ra), ...smelterRow(6, rb) },
    'Mine List': { A5: a, B5: ra[1], C5: 'Mine A' },
  };
}

/** The planted defects and the findings they must give. */
function defective(c: Case, blank: Uint8Array): { edits: Edits; expected: string[] } {
  const base = clean(c, blank, '2026-05-04');
  const [a, , outside] = c.minerals;
  const ra = lookupRows(blank, a)[1];
  const ro = lookupRows(blank, outside)[0];
  const edits = merge(base, {
    Declaration: { [`D${c.q2 + 1}`]: '' }, // question 2 unanswered for the second mineral
    'Smelter List': {
      ...smelterRow(7, ra, { B: 'Gold' }), // a 3TG metal in an EMRT/AMRT
      ...smelterRow(8, ro), // a mineral of the template outside the Declaration's scope
      ...smelterRow(9, ra, { F: 'CID12345', C: 'Smelter not listed', D: 'Some Refinery', E: 'China' }), // malformed CID, typed country
    },
    'Mine List': { A6: a, B6: 'Unknown Refinery', C6: 'Mine B' }, // a smelter not on the Smelter List
  });
  const expected = [
    `Declaration!D${c.dateRow}:template-revision`,
    `Declaration!D${c.q2 + 1}:template-scope`,
    'Mine List!B6:template-scope',
    'Smelter List!B7:metal-unknown',
    'Smelter List!B8:template-scope',
    'Smelter List!E9:cmrt-country',
    'Smelter List!F9:cid-format',
  ];
  return { edits, expected };
}

const LANGUAGE_SHEETS = ['Declaration', 'Smelter List', 'Mine List', 'Product List'];

describe('RMI templates of 2026: EMRT and AMRT filled from the blank workbooks', () => {
  for (const c of CASES) {
    const blank = () => new Uint8Array(fs.readFileSync(path.join(TEMPLATES, c.file)));
    for (const language of ['Chinese', 'English'] as const) {
      const translated = (bytes: Uint8Array, edits: Edits) =>
        fillWorkbook(bytes, language === 'English' ? merge(englishTexts(bytes, LANGUAGE_SHEETS), edits) : edits);

      it(`${c.family} ${c.revision} (${language}): detected, its minerals and scope read, a clean one has no finding`, () => {
        const bytes = translated(blank(), clean(c, blank()));
        const w = readCmrt(bytes, c.file);
        assert.equal(w.context.template?.family, c.family);
        assert.equal(w.context.revision, c.revision);
        assert.deepEqual(
          w.context.template?.scope?.map((s) => s.english),
          c.minerals.slice(0, 2),
        );
        assert.ok(w.context.template?.minerals?.has(c.minerals[2].toLowerCase()), 'the look-up minerals are the template minerals');
        assert.equal(w.context.declaration?.fields.company?.value, 'Sample Supplier Co.');
        assert.equal(w.context.sheetRowOfLine.size, 2);
        assert.deepEqual(lint(bytes, c.file), []);
      });

      it(`${c.family} ${c.revision} (${language}): a long Smelter List of its minerals is a smelter table, each row checked`, () => {
        const rows = lookupRows(blank(), c.minerals[0])
          .filter((r, i, all) => all.findIndex((x) => x[4] === r[4]) === i)
          .slice(0, 12); // one row per CID
        const edits = merge(clean(c, blank()), {
          'Smelter List': Object.assign({}, ...rows.map((r, i) => smelterRow(5 + i, r, i === 11 ? { F: 'CID0001' } : {}))),
        });
        assert.deepEqual(lint(translated(blank(), edits), c.file), ['Smelter List!F16:cid-format']);
      });

      it(`${c.family} ${c.revision} (${language}): a column inserted left of the Declaration moves nothing it reads`, () => {
        const bytes = translated(blank(), merge(clean(c, blank()), { Declaration: { [`G${c.q1}`]: 'see audit report' } }));
        const moved = insertColumn(bytes, 'Declaration', 1);
        const digest = declarationDigest(bytes, 1);
        assert.ok(
          digest.some((l) => l.includes('"see audit report"')),
          'the comment is read',
        );
        assert.deepEqual(declarationDigest(moved), digest);
        assert.deepEqual(lint(moved, c.file), []);
      });

      it(`${c.family} ${c.revision} (${language}): "Not declaring" is an answer of this template; one off its list is a finding`, () => {
        const edits = merge(clean(c, blank()), { Declaration: { [`D${c.q1}`]: 'Not declaring', [`D${c.q2}`]: 'Maybe' } });
        const w = readCmrt(translated(blank(), edits), c.file);
        const q2 = w.context.template!.questions!.find((q) => q.number === 2)!.answers[c.minerals[0]].answer;
        assert.ok(
          q2.options!.some((o) => o.english === 'Unknown'),
          'the list is read from the workbook',
        );
        assert.deepEqual(lint(translated(blank(), edits), c.file), [`Declaration!D${c.q2}:cmrt-questions`]);
      });

      it(`${c.family} ${c.revision} (${language}): planted defects found at their cells`, () => {
        const { edits, expected } = defective(c, blank());
        assert.deepEqual(lint(translated(blank(), edits), c.file), expected.sort());
      });
    }
  }
});

describe('CMRT 6.6 and 6.6.1: 6.5 with the requester columns on the Product List', () => {
  const six5 = () => new Uint8Array(fs.readFileSync(path.join(DATA, 'RMI_CMRT_6.5.xlsx')));
  const revisionRow = (revision: string): Edits => ({ Revision: { B40: revision, C40: 'RMI', D40: '46113' } });
  const productList: Edits = {
    'Product List': {
      B5: 'Responder Product Number (*)',
      C5: 'Responder Product Name',
      D5: 'Requester Product Number',
      E5: 'Requester Product Name',
      F5: 'Comments',
      B6: 'P-100',
      C6: 'Widget',
      D6: 'R-9',
      E6: 'Customer widget',
    },
  };

  for (const revision of ['6.6', '6.6.1']) {
    it(`${revision}: read without a revision error, its look-up used only when named (no fingerprint), the product read`, () => {
      const bytes = fillWorkbook(six5(), merge(revisionRow(revision), productList));
      const w = readCmrt(bytes, `cmrt-${revision}.xlsx`);
      assert.equal(w.context.revision, revision);
      const why = `cmrlint has no fingerprint of CMRT ${revision}'s Smelter Look-up to verify it by: name the file as your reference to use it`;
      assert.equal(w.lookupDistrust, why);
      assert.deepEqual(w.notes, [`cmrt-${revision}.xlsx: its Smelter Look-up is not used as RMI's list: ${why}`]);
      assert.equal(w.context.declaration?.products?.rows, 1);
      assert.equal(w.context.declaration?.products?.header.address, 'B5');
      assert.ok(!lint(bytes, 'x.xlsx').some((f) => f.includes('template-revision')));
    });
  }

  it('a revision newer than cmrlint knows is named in a hint at its Revision cell', () => {
    const bytes = fillWorkbook(six5(), revisionRow('6.7'));
    const w = readCmrt(bytes, 'cmrt-6.7.xlsx');
    const r = lintText(w.text, workbookLintOptions(w, { reference: bundledReference() }));
    const hint = r.findings.find((f) => f.rule === 'template-revision')!;
    assert.equal(`${where(r, hint)} ${hint.severity}`, 'Revision!B40 hint');
    assert.match(hint.message, /^CMRT 6\.7 is newer than the newest CMRT revision cmrlint knows \(6\.6\.1\)/);
  });

  it('a completion date CMRT 6.22 cannot hold', () => {
    const bytes = fillWorkbook(new Uint8Array(fs.readFileSync(path.join(SHARED, 'corpus', 'rmi-cmrt-6.22-template-zh.xlsx'))), {
      Declaration: { D8: 'X', D22: '2026-04-15' },
    });
    const w = readCmrt(bytes, 'cmrt-6.22.xlsx');
    const r = lintText(w.text, workbookLintOptions(w, { reference: bundledReference() }));
    const f = r.findings.filter((x) => x.rule === 'template-revision');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^The completion date 2026-04-15 cannot be entered in CMRT 6\.22: its date validation ends on 2026-03-31/);
  });
});

describe('aggregate: CMRTs, EMRTs and AMRTs of one season', () => {
  it('the 3TG table stays the Form SD annex; extended and additional minerals each get their table, with counts per mineral', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-families-'));
    const write = (name: string, file: string, edits: Edits) => {
      const bytes = new Uint8Array(fs.readFileSync(file));
      fs.writeFileSync(path.join(dir, name), fillWorkbook(bytes, edits));
      return path.join(dir, name);
    };
    const emrt = path.join(TEMPLATES, 'RMI_EMRT_2.1.xlsx');
    const amrt = path.join(TEMPLATES, 'RMI_AMRT_1.3.xlsx');
    const eb = new Uint8Array(fs.readFileSync(emrt));
    const ab = new Uint8Array(fs.readFileSync(amrt));
    const [co1, co2] = lookupRows(eb, 'Cobalt').filter((r, i, all) => all.findIndex((x) => x[4] === r[4]) === i);
    const [mica] = lookupRows(eb, 'Mica');
    const [zinc] = lookupRows(ab, 'Zinc');
    const files = [
      write('a-emrt.xlsx', emrt, { 'Smelter List': { ...smelterRow(5, co1), ...smelterRow(6, mica) } }),
      write('b-emrt.xlsx', emrt, { 'Smelter List': { ...smelterRow(5, co1), ...smelterRow(6, co2) } }),
      write('c-amrt.xlsx', amrt, { 'Smelter List': smelterRow(5, zinc) }),
      write('d-cmrt.xlsx', path.join(DATA, 'RMI_CMRT_6.5.xlsx'), {
        'Smelter List': { B5: 'Tin', C5: 'Minsur', E5: 'PERU', F5: 'CID001182', G5: 'RMI' },
      }),
    ];
    const r = runCli(['aggregate', '--format', 'json', ...files]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      smelters: Array<{ metal?: string }>;
      notMerged: Array<{ why?: string }>;
      families: Array<{
        family: string;
        rows: Array<{ mineral: string; cid: string; suppliers: number }>;
        perMineral: Array<{ mineral: string; smelters: number }>;
      }>;
    };
    assert.deepEqual(
      out.smelters.map((s) => s.metal),
      ['Tin'],
    );
    assert.equal(out.notMerged.length, 5, 'in the 3TG table, the other minerals are not merged');
    assert.deepEqual(
      out.families.map((f) => [f.family, f.perMineral]),
      [
        [
          'EMRT',
          [
            { mineral: 'Cobalt', smelters: 2 },
            { mineral: 'Mica', smelters: 1 },
          ],
        ],
        ['AMRT', [{ mineral: 'Zinc', smelters: 1 }]],
      ],
    );
    assert.equal(out.families[0].rows.find((x) => x.cid === co1[4])!.suppliers, 2);
    // the summary counts them apart from the 3TG table
    const summary = runCli(['aggregate', '-o', path.join(dir, 'merged.xlsx'), ...files]);
    assert.equal(summary.status, 0, summary.stderr);
    assert.match(summary.stdout, /^ {2}Extended minerals \(EMRT\), apart from the 3TG table: 3 smelters: Cobalt 2, Mica 1$/m);
    assert.match(summary.stdout, /^ {2}Additional minerals \(AMRT\), apart from the 3TG table: 1 smelter: Zinc 1$/m);
  });
});

describe('CMRT 6.01–6.5 filled from the blank templates, in two languages', () => {
  const BLANKS: Array<[string, string, string]> = [
    ['6.01', path.join(SHARED, 'corpus', 'rmi-cmrt-6.01-template-zh.xlsx'), 'English'],
    ['6.1', path.join(SHARED, 'corpus', 'rmi-cmrt-6.1-template-zh.xlsx'), 'English'],
    ['6.22', path.join(SHARED, 'corpus', 'rmi-cmrt-6.22-template-zh.xlsx'), 'English'],
    ['6.31', path.join(SHARED, 'corpus', 'rmi-cmrt-6.31-template-zh.xlsx'), 'English'],
    ['6.4', path.join(SHARED, 'corpus', 'rmi-cmrt-6.4-template-en.xlsx'), 'Français'],
    ['6.5', path.join(DATA, 'RMI_CMRT_6.5.xlsx'), 'English'],
  ];

  /** A clean Declaration and Smelter List (tin and gold), the cells found by the reader on the blank. */
  function clean(blank: Uint8Array, date: string): Edits {
    const d = readCmrt(blank, 'blank.xlsx').context.declaration!;
    const cells: Record<string, string> = {};
    const put = (v: { place: { address: string } } | undefined, value: string) => v && (cells[v.place.address] = value);
    const fields: Record<string, string> = {
      company: 'Sample Supplier Co.',
      scope: 'A. Company',
      contactName: 'A. Buyer',
      contactEmail: 'a.buyer@example.com',
      contactPhone: '+1 555 0100',
      authorizer: 'C. Officer',
      authorizerEmail: 'c.officer@example.com',
      effectiveDate: date,
    };
    for (const [k, v] of Object.entries(fields)) put(d.fields[k as keyof typeof d.fields], v);
    // question 6 asks for a share of suppliers, the others Yes/No/Unknown
    const other = (n: number) => (n === 6 ? 'Greater than 90%' : 'No');
    for (const q of d.questions)
      for (const [m, a] of Object.entries(q.answers))
        put(a.answer, q.number <= 2 ? (m === 'Tin' || m === 'Gold' ? 'Yes' : 'No') : other(q.number));
    for (const c of d.company) put(c.answer, 'No');
    const [tin] = lookupRows(blank, 'Tin');
    const [gold] = lookupRows(blank, 'Gold');
    return { Declaration: cells, 'Smelter List': { ...smelterRow(5, tin), ...smelterRow(6, gold) } };
  }

  for (const [revision, file, other] of BLANKS) {
    for (const language of ['as saved', other]) {
      const blank = () => new Uint8Array(fs.readFileSync(file));
      const build = (edits: Edits) =>
        fillWorkbook(blank(), language === 'as saved' ? edits : merge(languageTexts(blank(), LANGUAGE_SHEETS, language), edits));

      it(`${revision} (${language}): a clean one has no finding; planted defects at their cells`, () => {
        assert.deepEqual(lint(build(clean(blank(), '2026-03-20')), `cmrt-${revision}.xlsx`), []);
        const [, tin2] = lookupRows(blank(), 'Tin').filter((r, i, all) => all.findIndex((x) => x[4] === r[4]) === i);
        const defects = merge(clean(blank(), '2026-04-20'), {
          'Smelter List': { ...smelterRow(7, tin2, { E: 'Peru', F: 'CID00118' }) }, // typed country, malformed CID
        });
        const expected = ['Smelter List!E7:cmrt-country', 'Smelter List!F7:cid-format'];
        // the completion date after 2026-03-31: only revisions up to 6.22 cannot hold it
        if (compareRevisions(revision, '6.22') <= 0)
          expected.push(`Declaration!${readCmrt(blank(), 'b').context.declaration!.fields.effectiveDate!.place.address}:template-revision`);
        assert.deepEqual(lint(build(defects), `cmrt-${revision}.xlsx`), expected.sort());
      });

      it(`${revision} (${language}): an answer outside its cell's drop-down list, an EMRT's answer in a CMRT; one in Chinese is on it`, () => {
        const d = readCmrt(blank(), 'b').context.declaration!;
        const q1 = d.questions.find((q) => q.number === 1)!.answers.Tantalum!.answer.place.address;
        const q6 = d.questions.find((q) => q.number === 6)!.answers.Tin!.answer.place.address;
        const c = d.company.find((x) => x.letter === 'C')!.answer.place.address;
        // Tin's Yes to question 1 typed in Chinese: an answer of the list in another of the template's languages
        const tin = d.questions.find((q) => q.number === 1)!.answers.Tin!.answer.place.address;
        const edits = merge(clean(blank(), '2026-03-20'), {
          Declaration: { [q1]: 'Not declaring', [q6]: 'Did not survey', [c]: 'Unknown', [tin]: '是' },
        });
        const found = lint(build(edits), `cmrt-${revision}.xlsx`);
        assert.deepEqual(
          found,
          [`Declaration!${c}:cmrt-questions`, `Declaration!${q1}:cmrt-questions`, `Declaration!${q6}:cmrt-questions`].sort(),
        );
      });

      it(`${revision} (${language}): a column inserted left of the Declaration moves nothing it reads`, () => {
        const bytes = build(clean(blank(), '2026-03-20'));
        const moved = insertColumn(bytes, 'Declaration', 1);
        const digest = declarationDigest(bytes, 1);
        assert.ok(digest.length > 40, 'the fields and answers are read');
        assert.deepEqual(declarationDigest(moved), digest);
        assert.deepEqual(lint(moved, `cmrt-${revision}.xlsx`), []);
      });
    }
  }
});

describe('template revisions', () => {
  it('compare as RMI numbers them: 6.22 before 6.3, 6.31 before 6.4, 6.6 before 6.6.1, 5.1 equal to 5.10', () => {
    assert.deepEqual(['6.6.1', '5.10', '6.31', '6.3', '6.22', '6.6', '6.4'].sort(compareRevisions), [
      '5.10',
      '6.22',
      '6.3',
      '6.31',
      '6.4',
      '6.6',
      '6.6.1',
    ]);
    assert.equal(compareRevisions('5.1', '5.10'), 0);
  });
});

describe('the revision you ask suppliers for ("revisions" in .cmrlint.json)', () => {
  const configWith = (revisions: unknown): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-revisions-'));
    const file = path.join(dir, '.cmrlint.json');
    fs.writeFileSync(file, JSON.stringify({ revisions }));
    return file;
  };
  const revisionFindings = (config: string, workbook: string) => {
    const r = runCli(['--config', config, '--format', 'json', workbook]);
    return (JSON.parse(r.stdout) as Array<{ rule: string; message: string; sheet?: string; cell?: string }>).filter(
      (f) => f.rule === 'template-revision',
    );
  };
  const cmrt631 = path.join(SHARED, 'corpus', 'rmi-cmrt-6.31-template-zh.xlsx');

  it('reports a real CMRT 6.31 when 6.5 is asked for, at its Revision cell, and not when 6.31 or older is', () => {
    const older = revisionFindings(configWith({ CMRT: '6.5' }), cmrt631);
    assert.equal(older.length, 1);
    assert.match(older[0].message, /^CMRT 6\.31 is older than the revision you ask suppliers for \(CMRT 6\.5, in \.cmrlint\.json\)/);
    assert.equal(older[0].sheet, 'Revision');
    assert.deepEqual(revisionFindings(configWith({ cmrt: '6.31' }), cmrt631), []);
    assert.deepEqual(revisionFindings(configWith({ CMRT: '6.22', EMRT: '2.1' }), cmrt631), []);
    // another template's requested revision does not apply to a CMRT
    assert.deepEqual(revisionFindings(configWith({ EMRT: '9.0' }), cmrt631), []);
    assert.deepEqual(revisionFindings(configWith({ CMRT: '6.4' }), path.join(DATA, 'RMI_CMRT_6.5.xlsx')), []);
  });

  it('refuses a malformed "revisions" in one line naming the key', () => {
    for (const bad of [{ CMRT: 6.5 }, { XYZ: '1.0' }, ['6.5'], { CMRT: 'latest' }]) {
      const r = runCli(['--config', configWith(bad), cmrt631]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /"revisions" must map CMRT, EMRT or AMRT to the revision you ask suppliers for/);
    }
  });
});

describe("RMI's Checker sheet: the Declaration fields it marks as required", () => {
  const FILES: Array<[string, string]> = [
    ['CMRT 6.5', path.join(DATA, 'RMI_CMRT_6.5.xlsx')],
    ['EMRT 2.1', path.join(TEMPLATES, 'RMI_EMRT_2.1.xlsx')],
    ['AMRT 1.3', path.join(TEMPLATES, 'RMI_AMRT_1.3.xlsx')],
  ];
  for (const [name, file] of FILES) {
    for (const language of ['as saved', 'English'] as const) {
      it(`${name} (${language}): a field the Checker requires is reported empty; one it marks not necessary is not`, () => {
        const blank = new Uint8Array(fs.readFileSync(file));
        const texts = language === 'English' ? englishTexts(blank, ['Declaration', 'Checker']) : {};
        const d = readCmrt(blank, 'b').context.declaration!;
        assert.deepEqual(d.required?.fields, [
          'company',
          'scope',
          'contactName',
          'contactEmail',
          'contactPhone',
          'authorizer',
          'authorizerEmail',
          'effectiveDate',
        ]);
        // everything but the contact's phone filled in
        const fields: Record<string, string> = {
          company: 'Sample Supplier Co.',
          scope: 'A. Company',
          contactName: 'A. Buyer',
          contactEmail: 'a.buyer@example.com',
          authorizer: 'C. Officer',
          authorizerEmail: 'c.officer@example.com',
          effectiveDate: '2026-03-20',
        };
        const cells = Object.fromEntries(Object.entries(fields).map(([k, v]) => [d.fields[k as keyof typeof d.fields]!.place.address, v]));
        const phone = d.fields.contactPhone!.place.address;
        const declarationFindings = (bytes: Uint8Array) => lint(bytes, 'x.xlsx').filter((f) => f.endsWith(':cmrt-declaration'));
        assert.deepEqual(declarationFindings(fillWorkbook(blank, merge(texts, { Declaration: cells }))), [
          `Declaration!${phone}:cmrt-declaration`,
        ]);
        // the phone's "necessary?" flag on the Checker: the row that repeats the Declaration's label
        const book = new XlsxWorkbook(blank, 'b');
        const labelOf = (sheet: string, row: number, col: number) =>
          book
            .cells(book.sheet(sheet)!)
            .find((c) => c.row === row && c.col === col)
            ?.value.trim();
        const phoneLabel = labelOf('Declaration', d.fields.contactPhone!.place.row, 2);
        const row = book.cells(book.sheet('Checker')!).find((c) => c.col === 1 && c.value.trim() === phoneLabel)!.row;
        const relaxed = fillWorkbook(blank, merge(texts, { Declaration: cells, Checker: { [`F${row}`]: '0' } }));
        assert.ok(!readCmrt(relaxed, 'r').context.declaration!.required!.fields.includes('contactPhone'));
        assert.deepEqual(declarationFindings(relaxed), []);
      });
    }
  }
});
