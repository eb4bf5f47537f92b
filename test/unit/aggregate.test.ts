/**
 * cmrlint aggregate: suppliers' lists merged into one smelter table, with provenance, conflicts and a summary;
 * the merged table is what the linter accepts, and merging it again changes nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { aggregate, Aggregate, attachFindings, renderTable, SourceFile, sourceRowsOf, tableCells } from '../../server/src/core/aggregate';
import { analyzeText, lintText } from '../../server/src/core/lint';
import { referenceFromLookupCsv, SmelterReference } from '../../server/src/core/data/smelters';
import { XlsxWorkbook } from '../../server/src/node/xlsx';
import { runCli } from '../helpers/cli';
import { FIXTURES, SHARED } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'aggregate');
const SUPPLIERS = ['supplier-a.csv', 'supplier-b.csv', 'supplier-c.tsv'];

function reference(): SmelterReference {
  return referenceFromLookupCsv(fs.readFileSync(path.join(DIR, 'reference-lookup.csv'), 'utf8'), 'RMI list');
}

function source(file: string, text: string): SourceFile {
  return { file, rows: sourceRowsOf(file, analyzeText(text, { fileName: file })) };
}

function merge(files: string[] = SUPPLIERS, ref = reference()): Aggregate {
  const agg = aggregate(
    files.map((f) => source(f, fs.readFileSync(path.join(DIR, f), 'utf8'))),
    ref,
  );
  attachFindings(agg, ref);
  return agg;
}

const byCid = (agg: Aggregate, cid: string) => agg.rows.find((r) => r.cid === cid)!;

describe('aggregate: one smelter table from many suppliers', () => {
  it('merges one smelter reported by several suppliers into one row, by CID, by a reference name or alias, and by name', () => {
    const agg = merge();
    // Minsur: a CID, and the same CID written 'cid 1182'
    const minsur = byCid(agg, 'CID001182');
    assert.equal(minsur.name, 'Minsur');
    assert.equal(minsur.suppliers, 2);
    assert.deepEqual(
      minsur.sources.map((s) => `${s.file}:${s.line}`),
      ['supplier-a.csv:2', 'supplier-b.csv:2'],
    );
    // Asahi: one supplier wrote its former name without a CID, the other its standard name and CID
    const asahi = byCid(agg, 'CID000082');
    assert.equal(asahi.name, 'ASAHI METALFINE Inc.');
    assert.deepEqual(asahi.reportedNames, ['Asahi Pretec Corp.']);
    assert.equal(asahi.suppliers, 2);
    // Local Tin Works: two suppliers without a CID, a third with one: one row under that CID
    const local = byCid(agg, 'CID009999');
    assert.equal(local.suppliers, 3);
    assert.equal(local.identified, 'cid');
    assert.equal(agg.rows.filter((r) => r.name === 'Local Tin Works').length, 1);
    // placeholders and other metals are counted, not merged
    assert.equal(agg.summary.placeholderRows, 1);
    assert.equal(agg.summary.otherMetalRows, 1);
    assert.ok(!agg.rows.some((r) => /cobalt|not yet identified/i.test(r.name)));
    assert.equal(agg.rows.length, 8); // Acme, Asahi, Minsur, MSC, Local, Foo ×2 (two CIDs), TANIOBIS GmbH
    assert.deepEqual(
      agg.summary.perMetal.map((m) => `${m.metal} ${m.smelters}`),
      ['Gold 2', 'Tin 5', 'Tantalum 1'],
    );
  });

  it('joins a name without a CID to the one smelter of its metal and country it names but for a legal form or a typo, never two CIDs', () => {
    const ref = new SmelterReference([], { source: 'none', complete: false });
    const list = (rows: string[]) => ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification', ...rows].join('\n');
    const agg = aggregate(
      [
        source(
          'a.tsv',
          list([
            'Tin\tPT Refined Bangka Tin\tINDONESIA\tCID001460',
            'Tin\tDragon Silver Holdings\tCHINA\t',
            'Tin\tSmelter Unit 1\tCHINA\tCID200001',
            'Tin\tSmelter Unit 2\tCHINA\tCID200002',
          ]),
        ),
        source(
          'b.tsv',
          list([
            'Tin\tPT Refined Banka Tin\tINDONESIA\t',
            'Tin\tDragon Silver Holdings Limited\tCHINA\t',
            'Tin\tSmelter Unit 3\tCHINA\t',
            'Tin\tPT Refined Banka Tin\tMALAYSIA\t',
          ]),
        ),
      ],
      ref,
    );
    const names = agg.rows.map((r) => `${r.name}|${r.cid ?? ''}|${r.suppliers}|${r.reportedNames.join(';')}`);
    assert.deepEqual(names.sort(), [
      'Dragon Silver Holdings||2|Dragon Silver Holdings Limited',
      'PT Refined Bangka Tin|CID001460|2|PT Refined Banka Tin', // the typo joins the CID's row
      'Smelter Unit 1|CID200001|1|',
      'Smelter Unit 2|CID200002|1|',
      'Smelter Unit 3||1|', // a different number is a different unit
    ]);
    // the same name in another country: one smelter, reported in two countries
    assert.match(
      agg.conflicts.map((c) => c.message).join('\n'),
      /Suppliers place PT Refined Bangka Tin in 2 countries; the table gives the one most rows give, INDONESIA/,
    );
  });

  it('lists conflicts with both sides and their places: two countries, a CID given to another smelter, two CIDs for one smelter', () => {
    const agg = merge();
    const kinds = agg.conflicts.map((c) => c.kind).sort();
    assert.deepEqual(kinds, ['cid', 'country', 'name']);
    const country = agg.conflicts.find((c) => c.kind === 'country')!;
    assert.match(country.message, /Malaysia Smelting Corporation \(MSC\) in INDONESIA; RMI list places it in MALAYSIA/);
    assert.deepEqual(
      country.sides.map((s) => `${s.value}: ${s.places.map((p) => `${p.file}:${p.line}`).join(' ')}`),
      ['MALAYSIA: ', 'INDONESIA: supplier-b.csv:4'],
    );
    assert.equal(byCid(agg, 'CID001105').country, 'MY', 'the reference decides the country');
    const name = agg.conflicts.find((c) => c.kind === 'name')!;
    assert.match(name.message, /CID002545 is TANIOBIS GmbH in RMI list, but 1 supplier row gives it to 'Ulba Metallurgical Plant JSC'/);
    assert.deepEqual(
      name.sides[1].places.map((p) => `${p.file}:${p.line}`),
      ['supplier-b.csv:6'],
    );
    const cid = agg.conflicts.find((c) => c.kind === 'cid')!;
    assert.match(cid.message, /Suppliers report 'Foo Smelter' \(Tin\) under 2 CIDs: CID100001, CID100002/);
  });

  it("lists each smelter's own conflicts in the order smelters were first reported, then those between smelters", () => {
    const list = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification'];
    list.push('Tin\tFoo Smelter\tCHINA\tCID100001', 'Tin\tMalaysia Smelting Corporation (MSC)\tINDONESIA\tCID001105');
    list.push(
      'Tantalum\tTANIOBIS GmbH\tGERMANY\tCID002545',
      'Tantalum\tUlba Metallurgical Plant JSC\tKAZAKHSTAN\tCID002545',
      'Tantalum\tTANIOBIS GmbH\tTHAILAND\tCID002545',
    );
    list.push('Tin\tFoo Smelter\tCHINA\tCID100002');
    const agg = aggregate([source('x.tsv', list.join('\n'))], reference());
    assert.deepEqual(
      agg.conflicts.map((c) => `${c.kind} ${c.smelter}`),
      [
        'country Malaysia Smelting Corporation (MSC) (CID001105), Tin',
        'name TANIOBIS GmbH (CID002545), Tantalum',
        'country TANIOBIS GmbH (CID002545), Tantalum',
        'cid Foo Smelter (CID100001), Tin; Foo Smelter (CID100002), Tin',
      ],
    );
    // the row that gives TANIOBIS's CID to another smelter says nothing about TANIOBIS's country
    assert.deepEqual(
      agg.conflicts[2].sides.map((s) => s.value),
      ['GERMANY', 'THAILAND'],
    );
  });

  it('writes a table the linter accepts: only what no supplier could settle remains, and each row names it', () => {
    const agg = merge();
    const tsv = renderTable(agg, 'tsv');
    const result = lintText(tsv, { format: 'tsv', reference: reference(), countryStyle: 'cmrt' });
    // what is left: a smelter nobody gave a CID (Acme), CIDs that RMI's list does not hold (Local Tin Works', Foo Smelter's)
    assert.deepEqual([...new Set(result.findings.map((f) => f.rule))].sort(), ['cid-missing', 'cid-unknown']);
    const flagged = agg.rows.filter((r) => r.findings.length > 0).map((r) => `${r.name}: ${r.findings.map((f) => f.rule).join()}`);
    assert.deepEqual(flagged.sort(), [
      'Acme Gold, Inc.: cid-missing',
      'Foo Smelter: cid-unknown',
      'Foo Smelter: cid-unknown',
      'Local Tin Works: cid-unknown',
    ]);
    const cells = tableCells(agg);
    assert.deepEqual(cells[0], [
      'Metal',
      'Smelter Name',
      'Smelter Country',
      'Smelter Identification',
      'Suppliers',
      'Also Reported As',
      'Reported In',
      'Findings',
    ]);
    assert.ok(cells.slice(1).every((r) => r.length === 8));
    // CSV: the comma in a name is quoted, and the CSV reads back as the same table
    const csv = renderTable(agg, 'csv');
    const again = aggregate([source('merged.csv', csv)], reference());
    assert.deepEqual(
      again.rows.map((r) => [r.metal, r.name, r.country, r.cid]),
      agg.rows.map((r) => [r.metal, r.name, r.country, r.cid]),
    );
  });

  it('writes supplier text that would start a formula safely in CSV and TSV, reads it back exactly, and keeps JSON exact', () => {
    const ref = reference();
    const hostile = [
      'Metal,Smelter Name,Smelter Country,Smelter Identification',
      'Gold,"=HYPERLINK(""http://x"";""y"")",CHINA,',
      "Tin,+cmd|' /C calc'!A0,-,",
      'Tin,@SUM(A1) Tin,＝1+1,',
      'Tin,Minsur,PERU,CID001182',
    ].join('\n');
    const agg = aggregate([source('=supplier.csv', hostile)], ref);
    attachFindings(agg, ref);
    // JSON keeps the values as suppliers wrote them
    assert.deepEqual(agg.rows.map((r) => r.name).sort(), ["+cmd|' /C calc'!A0", '=HYPERLINK("http://x";"y")', '@SUM(A1) Tin', 'Minsur']);
    assert.ok(agg.rows.every((r) => r.sources[0].file === '=supplier.csv'));
    const csv = renderTable(agg, 'csv');
    assert.match(csv, /^Gold,"'=HYPERLINK\(""http:\/\/x"";""y""\)",CHINA,,1,,'=supplier\.csv:2,cid-missing\r$/m);
    assert.match(csv, /^Tin,'\+cmd\|' \/C calc'!A0,'-,,1,,'=supplier\.csv:3,/m);
    assert.match(csv, /^Tin,'@SUM\(A1\) Tin,'＝1\+1,/m);
    assert.match(csv, /^Tin,Minsur,PERU,CID001182,1,,'=supplier\.csv:5,\r$/m);
    // linted, the merged table says what its Findings column says, of the values without the quote
    for (const [format, text] of [
      ['csv', csv],
      ['tsv', renderTable(agg, 'tsv')],
    ] as const) {
      const result = lintText(text, { format, reference: ref, countryStyle: 'cmrt', ungrouped: true });
      const said = agg.rows.flatMap((r) => r.findings.map((f) => `${f.rule}: ${f.message}`));
      assert.deepEqual([...new Set(result.findings.map((f) => `${f.rule}: ${f.message}`))].sort(), [...new Set(said)].sort(), format);
      assert.ok(said.some((m) => m.includes(`'=HYPERLINK("http://x";"y")'`)));
      assert.ok(!said.some((m) => /''[=+@＝-]/.test(m)), said.join('\n'));
      // and merged again, it gives the same table
      const again = aggregate([source(`merged.${format}`, text)], ref);
      assert.deepEqual(
        tableCells(again).map((r) => r.slice(0, 4)),
        tableCells(agg).map((r) => r.slice(0, 4)),
      );
    }
  });

  it('annotates every merged row with what the linter still says of it, beyond the 50 places a grouped finding lists', () => {
    const rows = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification'];
    for (let i = 0; i < 80; i++) rows.push(`Tin\tUnlisted Tin Works Number ${i}\tPERU\t`);
    const ref = reference();
    const agg = aggregate([source('many.tsv', rows.join('\n'))], ref);
    attachFindings(agg, ref);
    assert.equal(agg.rows.length, 80);
    assert.deepEqual(
      agg.rows.filter((r) => !r.findings.some((f) => f.rule === 'cid-missing')).map((r) => r.name),
      [],
    );
  });

  it('property: merging is order-free, counts every supplier once, and the merged table merged again is the same table', () => {
    const ref = reference();
    const smelters = ['CID001182', 'CID001105', 'CID000082', 'CID002545', 'CID002544'].map((cid) => ref.lookupCid(cid)!);
    const rowArb = fc.record({
      smelter: fc.integer({ min: 0, max: smelters.length - 1 }),
      idForm: fc.constantFrom('canonical', 'lower', 'none'),
      nameForm: fc.constantFrom('standard', 'upper'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(rowArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (files) => {
        const texts = files.map((rows) =>
          ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification']
            .concat(
              rows.map((r) => {
                const s = smelters[r.smelter];
                const id = r.idForm === 'canonical' ? s.cid : r.idForm === 'lower' ? s.cid.toLowerCase() : '';
                return [s.metal, r.nameForm === 'upper' ? s.name.toUpperCase() : s.name, 'THAILAND', id].join('\t');
              }),
            )
            .join('\n'),
        );
        const sources = texts.map((t, i) => source(`s${i}.tsv`, t));
        const agg = aggregate(sources, ref);
        const reported = new Set(files.flatMap((rows) => rows.map((r) => r.smelter)));
        assert.equal(agg.rows.length, reported.size);
        for (const row of agg.rows) {
          const i = smelters.findIndex((s) => s.cid === row.cid);
          assert.equal(row.suppliers, files.filter((rows) => rows.some((r) => r.smelter === i)).length);
          assert.equal(row.sources.length, files.flat().filter((r) => r.smelter === i).length);
        }
        const reversed = aggregate([...sources].reverse(), ref);
        assert.deepEqual(
          tableCells(reversed).map((r) => r.slice(0, 5)),
          tableCells(agg).map((r) => r.slice(0, 5)),
        );
        const again = aggregate([source('merged.tsv', renderTable(agg, 'tsv'))], ref);
        assert.deepEqual(
          tableCells(again).map((r) => r.slice(0, 4)),
          tableCells(agg).map((r) => r.slice(0, 4)),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('cmrlint aggregate (command line)', function () {
  this.timeout(60000);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-aggregate-'));
  after(() => fs.rmSync(out, { recursive: true, force: true }));
  const ref = path.join(DIR, 'reference-lookup.csv');

  it('writes TSV, CSV, JSON and an .xlsx workbook that hold the same table, and prints the summary', () => {
    const files = SUPPLIERS.map((f) => path.join(DIR, f));
    const tsv = runCli(['aggregate', '--reference', ref, ...files, '-o', path.join(out, 'smelters.tsv')]);
    assert.equal(tsv.status, 0, tsv.stderr);
    assert.match(tsv.stdout, /^8 smelters from 3 of 3 files \(checked against /);
    assert.match(tsv.stdout, /per metal: Gold 2, Tin 5, Tantalum 1/);
    assert.match(tsv.stdout, /conflicts: 3/);
    assert.match(tsv.stdout, /wrote 8 smelters to .*smelters\.tsv/);
    const table = fs
      .readFileSync(path.join(out, 'smelters.tsv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    const json = runCli(['aggregate', '--reference', ref, '--format', 'json', ...files]);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      smelters: Array<{ cid?: string; sources: unknown[] }>;
      conflicts: unknown[];
      summary: { smelters: number };
    };
    assert.equal(parsed.summary.smelters, 8);
    assert.equal(parsed.conflicts.length, 3);
    assert.match(json.stderr, /8 smelters from 3 of 3 files/, 'the summary goes to stderr when the table goes to stdout');
    const x = runCli(['aggregate', '--reference', ref, ...files, '-o', path.join(out, 'smelters.xlsx')]);
    assert.equal(x.status, 0, x.stderr);
    const book = new XlsxWorkbook(fs.readFileSync(path.join(out, 'smelters.xlsx')), 'smelters.xlsx');
    assert.deepEqual(
      book.sheets.map((s) => s.name),
      ['Smelters', 'Conflicts', 'Not merged', 'Summary'],
    );
    const grid = book.grid(book.sheet('Smelters')!).map((r) => r.map((v) => v ?? ''));
    assert.deepEqual(
      grid.map((r) => r.slice(0, 6)),
      table.map((r) => r.slice(0, 6)),
    );
    assert.equal(book.grid(book.sheet('Conflicts')!).length, 1 + 6, 'a row per side of each conflict');
  });

  it('-o merged.csv guards formula cells, and linting the merged table finds nothing about the guard', () => {
    const supplier = path.join(fs.mkdtempSync(path.join(out, 'formula-')), '=supplier.csv');
    fs.writeFileSync(
      supplier,
      'Metal,Smelter Name,Smelter Country,Smelter Identification\nTin,-Minus Tin Works,PERU,\nGold,=1+1,CHINA,CID000082\n',
    );
    const merged = path.join(out, 'formula.csv');
    const r = runCli(['aggregate', '--reference', ref, supplier, '-o', merged]);
    assert.equal(r.status, 0, r.stderr);
    const csv = fs.readFileSync(merged, 'utf8').split('\r\n');
    assert.ok(csv.includes(`Gold,ASAHI METALFINE Inc.,JAPAN,CID000082,1,'=1+1,${supplier}:3,`), csv.join('\n'));
    assert.ok(csv.includes(`Tin,'-Minus Tin Works,PERU,,1,,${supplier}:2,cid-missing`), csv.join('\n'));
    const lint = runCli(['--format', 'json', '--reference', ref, merged]);
    const findings = JSON.parse(lint.stdout) as Array<{ rule: string; message: string; line: number }>;
    assert.deepEqual(
      findings.map((f) => `${f.line} ${f.rule}: ${f.message}`),
      ["3 cid-missing: No smelter ID for '-Minus Tin Works' (Tin)."],
    );
  });

  it('refuses what it cannot do, with a one-line reason', () => {
    const r = runCli(['aggregate', path.join(DIR, 'supplier-a.csv'), '--format', 'xlsx']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /an \.xlsx table needs --output FILE/);
    const missing = runCli(['aggregate', path.join(DIR, 'supplier-a.csv'), path.join(DIR, 'no-such.csv')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no-such\.csv: cannot be read: /);
    assert.match(missing.stderr, /suppliers without a usable list: 1/);
    const bad = runCli(['aggregate', path.join(DIR, 'supplier-a.csv'), '-o', path.join(out, 'table.pdf')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot tell the format from/);
  });

  it('bad input among the suppliers: each is listed with why it gave no list, the others are merged', () => {
    const dir = fs.mkdtempSync(path.join(out, 'hostile-'));
    fs.copyFileSync(path.join(DIR, 'supplier-a.csv'), path.join(dir, 'a.csv'));
    fs.writeFileSync(path.join(dir, 'binary.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    fs.writeFileSync(path.join(dir, 'truncated-CMRT.xlsx'), Buffer.from('PK\x03\x04 not a zip'));
    fs.writeFileSync(path.join(dir, 'people.csv'), 'name,email\nBob,bob@example.com\n');
    const fifo = path.join(dir, 'pipe.csv');
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    const r = runCli(['aggregate', dir, fifo]);
    assert.equal(r.status, 2, 'a file named on the command line could not be read');
    assert.match(r.stderr, /smelters from 1 of 5 files/);
    assert.match(r.stderr, /binary\.csv: not a text file/);
    assert.match(r.stderr, /truncated-CMRT\.xlsx: .*corrupt or truncated/);
    assert.match(r.stderr, /people\.csv: no smelter table/);
    assert.match(r.stderr, /pipe\.csv: cannot be read: is not a regular file/);
    assert.match(r.stdout, /^Metal\tSmelter Name/);
  });

  it('gives the same table with worker threads as with one thread (many files)', () => {
    const many = fs.mkdtempSync(path.join(out, 'many-'));
    for (let i = 0; i < 9; i++) for (const f of SUPPLIERS) fs.copyFileSync(path.join(DIR, f), path.join(many, `${i}-${f}`));
    const one = runCli(['aggregate', '--reference', ref, many], undefined, { CMRLINT_WORKERS: '0' });
    const workers = runCli(['aggregate', '--reference', ref, many]);
    assert.equal(workers.status, 0, workers.stderr);
    assert.equal(workers.stdout, one.stdout);
    assert.match(workers.stderr, /8 smelters from 27 of 27 files/);
  });

  const corpus = path.join(SHARED, 'corpus');
  it('merges the real supplier workbooks against the newest RMI list among them, each row at its Smelter List cells', () => {
    const files = ['cmrt-6.4-jx-advanced-metals-2024.xlsx', 'cmrt-6.4-pkg-de00-2024.xlsx'].map((f) => path.join(corpus, f));
    const r = runCli(['aggregate', '--format', 'json', ...files]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as {
      smelters: Array<{ cid?: string; name: string; sources: Array<{ sheet?: string; cell?: string }> }>;
      conflicts: Array<{ kind: string; message: string }>;
      summary: { referenceSource: string };
    };
    assert.match(j.summary.referenceSource, /cmrt-6\.4-/);
    const cids = j.smelters.map((s) => s.cid);
    assert.equal(new Set(cids).size, cids.length, 'one row per CID');
    assert.ok(j.smelters.every((s) => s.sources.every((p) => p.sheet === 'Smelter List' && /^C\d+$/.test(p.cell ?? ''))));
    // RMI's own renamings (H.C. Starck → TANIOBIS) are no conflict when RMI's list of the suppliers' revision is the reference
    assert.deepEqual(
      j.conflicts.filter((c) => c.kind === 'name'),
      [],
    );
    // JX lists Xiamen Tungsten once per mine: one row in the merged table
    assert.equal(j.smelters.filter((s) => /xiamen tungsten co/i.test(s.name)).length, 1);
  });
});

describe("the editor's aggregate (aggregateFiles)", () => {
  it("leaves out a table cmrlint merged before, saying so, and merges only the suppliers' lists", async () => {
    const { aggregateFiles, aggregateOutput } = await import('../../server/src/node/aggregate');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-editor-aggregate-'));
    try {
      const supplier = path.join(dir, 'supplier-a.csv');
      fs.copyFileSync(path.join(DIR, 'supplier-a.csv'), supplier);
      const req = () => ({ optionsFor: () => Promise.resolve({}) });
      const first = await aggregateFiles(
        [supplier],
        req,
        undefined,
        () => undefined,
        () => false,
      );
      const merged = path.join(dir, 'merged.csv');
      fs.writeFileSync(merged, aggregateOutput(first!, 'csv'));
      const notes: string[] = [];
      const again = await aggregateFiles(
        [supplier, merged],
        req,
        undefined,
        () => undefined,
        () => false,
        (n) => notes.push(n),
      );
      assert.deepEqual(notes, ["merged.csv left out: cmrlint's own merged table (from cmrlint aggregate), not a supplier's list"]);
      assert.deepEqual(aggregateOutput(again!, 'json'), aggregateOutput(first!, 'json'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
