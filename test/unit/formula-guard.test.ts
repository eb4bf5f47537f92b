/**
 * Merged tables are written safely: a CSV or TSV cell that a spreadsheet would run as a formula gets OWASP's
 * single-quote prefix, which cmrlint takes off again when it reads the table; JSON and .xlsx keep the exact
 * values. Nothing is lost, nothing is forged.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregate, Aggregate, attachFindings, renderTable, SourceFile, SourceRow, tableCells } from '../../server/src/core/aggregate';
import { SmelterReference } from '../../server/src/core/data/smelters';
import { guardFormula, unguardFormula } from '../../server/src/core/formula-guard';
import { Cell, parseCsv, splitTabs } from '../../server/src/core/parse/cells';
import { fixAll } from '../../server/src/core/fix';
import { aggregateOutput } from '../../server/src/node/aggregate';
import { XlsxWorkbook } from '../../server/src/node/xlsx';
import { writeXlsx } from '../../server/src/node/xlsx-write';

/** What a spreadsheet would start a formula with (OWASP's starters, full-width forms, after leading blanks). */
const STARTS_FORMULA = /^[\s\p{Cc}\p{Cf}]*[=+\-@\uff1d\uff0b\uff0d\uff20]/u;

/** A value as a merged table's CSV/TSV cell holds it: on one line (tabs and line breaks a space), ends trimmed. */
const oneLine = (v: string) => v.replace(/[\t\r\n]+/g, ' ').trim();

describe('formula guard: CSV and TSV cells that would start a formula', () => {
  it('prefixes a quote to a cell a spreadsheet would run, and to nothing else', () => {
    const guarded = [
      '=HYPERLINK("http://x";"y")',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '-',
      '@SUM(A1)',
      '＝1+1',
      '＋1',
      '－1',
      '＠A1',
      ' =1',
      '\u200b=1',
      '\u0001@x',
      "'=1",
      "''-1",
    ];
    for (const v of guarded) {
      assert.equal(guardFormula(v), `'${v}`, v);
      assert.equal(unguardFormula(guardFormula(v)), v, v);
    }
    // what merged tables really hold stays as it is: names, CMRT countries, CIDs, counts, places, rule ids
    const plain = [
      'Minsur',
      'KOREA, REPUBLIC OF',
      'CID001182',
      '12',
      'supplier.xlsx Smelter List!C12',
      'list.csv:14',
      'cid-missing, country-unknown',
      "'Quoted'",
      "O'Neil Metals",
      'a=b',
      'Tin-Works',
      '',
    ];
    for (const v of plain) {
      assert.equal(guardFormula(v), v, v);
      assert.equal(unguardFormula(v), v, v);
    }
  });

  it("fix-all keeps the guard of a cell it trims: a zero-width space after '=HYPERLINK(...) does not make it a formula", () => {
    for (const [format, text] of [
      [
        'csv',
        'Metal,Smelter Name,Smelter Country,Smelter Identification\nTin,"\'=HYPERLINK(""x"")\u200b",PERU,\nTin,\'@A1\u200b,PERU,\nTin,Plain Tin\u200b,PERU,\n',
      ],
      [
        'tsv',
        'Metal\tSmelter Name\tSmelter Country\tSmelter Identification\nTin\t\'=HYPERLINK("x")\u200b\tPERU\t\nTin\t\'@A1\u200b\tPERU\t\nTin\tPlain Tin\u200b\tPERU\t\n',
      ],
    ] as const) {
      const fixed = fixAll(text, { format }).text;
      assert.ok(!fixed.includes('\u200b'), fixed);
      const names = fixed
        .split('\n')
        .slice(1, 4)
        .map((l) => (format === 'csv' ? parseCsv(l, 'comma', () => 0).rows[0].cells : splitTabs(l, 0, l.length))[1]);
      assert.deepEqual(
        names.map((c) => c.value),
        ['=HYPERLINK("x")', '@A1', 'Plain Tin'],
        fixed,
      );
      const lines = fixed.split('\n');
      assert.ok(lines[1].includes(`'=HYPERLINK`) && lines[2].includes(`'@A1`), fixed);
    }
  });

  it('property: no CSV or TSV cell starts a formula, and cmrlint reads every cell back as written', () => {
    const unit = fc.constantFrom(
      ...'=+-@＝＋－＠\'"\t\r\n ,;|!()AbZ09\u00a0\u3000\u200b\ufeff\u0001\u000b\u001f\u007f\u0085é中'.split(''),
      'x0041',
    );
    const text = fc.oneof(
      fc.string({ unit, maxLength: 24 }),
      fc.string({ unit: 'binary', maxLength: 16 }).filter((s) => !/[<>*_]/.test(s)),
    );
    fc.assert(
      fc.property(fc.array(supplierRow(text), { minLength: 1, maxLength: 8 }), (rows) => {
        const agg = merged(rows);
        const expected = tableCells(agg).map((r) => r.map(oneLine));
        const csv = renderTable(agg, 'csv');
        const read = parseCsv(csv, 'comma', () => 0).rows.map((r) => r.cells);
        assertCells(csv, read, expected);
        const tsv = renderTable(agg, 'tsv');
        const lines: Cell[][] = [];
        for (let start = 0; start < tsv.length;) {
          const end = tsv.indexOf('\n', start);
          lines.push(splitTabs(tsv, start, end));
          start = end + 1;
        }
        assertCells(tsv, lines, expected);
      }),
      { numRuns: 200 },
    );
  });

  it('property: the .xlsx workbook holds every value exactly, as text, never as a formula', () => {
    const text = fc.oneof(
      fc.string({
        unit: fc.constantFrom(...'=+-@＝\'"<>&_x0041D\t\r\n \u0001\u000b\u001f\ufffe\uffff\ud800\udc00'.split('')),
        maxLength: 16,
      }),
      fc.string({ unit: 'binary', maxLength: 16 }),
    );
    fc.assert(
      fc.property(fc.array(supplierRow(text.filter((s) => !s.includes('\u0000'))), { minLength: 1, maxLength: 6 }), (rows) => {
        const agg = merged(rows);
        const book = new XlsxWorkbook(aggregateOutput(agg, 'xlsx') as Uint8Array, 'merged.xlsx');
        const smelters = tableCells(agg);
        assert.deepEqual(padded(book.grid(book.sheet('Smelters')!), smelters[0].length), smelters);
        const notMerged = agg.notMerged.map((r) => [r.file, r.place, r.why ?? '', r.metalText, r.name, r.countryText, r.idText]);
        assert.deepEqual(padded(book.grid(book.sheet('Not merged')!), 7).slice(1), notMerged);
      }),
      { numRuns: 100 },
    );
  });

  it('writes supplier text into the workbook as inline strings: =1+1, @SUM(A1), an OOXML escape and controls come back as they were', () => {
    const values = [
      '=1+1',
      '@SUM(A1)',
      '+A1',
      '-1',
      '_x0041_',
      '_x005F_x0041_',
      'a\rb\r\nc',
      '\u0001\u001f',
      '\ud800 lone',
      '_x0041\u0001',
      'A & <B> "C"',
    ];
    const bytes = writeXlsx([{ name: 'Sheet', rows: [values] }]);
    const book = new XlsxWorkbook(bytes, 'values.xlsx');
    assert.deepEqual(book.grid(book.sheet('Sheet')!)[0], values);
    assert.ok(
      book.cells(book.sheet('Sheet')!).every((c) => !c.formula),
      'no cell is a formula',
    );
  });
});

/** A supplier row whose text fields are arbitrary: smelter rows mostly, some not merged. */
function supplierRow(text: fc.Arbitrary<string>): fc.Arbitrary<SourceRow> {
  return fc
    .record({
      file: fc.oneof(fc.constantFrom('a.csv', '=b.csv', '-c.tsv', '@d.xlsx'), text),
      sheet: fc.option(text, { nil: undefined }),
      kind: fc.constantFrom<SourceRow['kind']>('smelter', 'smelter', 'smelter', 'placeholder'),
      name: text,
      metalText: text,
      countryText: text,
      idText: text,
    })
    .map(({ sheet, ...r }) => ({
      ...r,
      place: sheet === undefined ? '2' : `${sheet}!B2`,
      line: 2,
      column: 1,
      ...(sheet === undefined ? {} : { sheet, cell: 'B2' }),
      ...(r.kind === 'placeholder' ? { why: 'no smelter name' } : {}),
    }));
}

/** The rows merged as the command merges them (with a reference that knows no smelter), findings attached. */
function merged(rows: SourceRow[]): Aggregate {
  const reference = new SmelterReference([], { source: 'none', complete: false });
  const byFile = new Map<string, SourceRow[]>();
  for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const files: SourceFile[] = [...byFile].map(([file, rs]) => ({ file, rows: rs }));
  const agg = aggregate(files, reference);
  attachFindings(agg, reference);
  return agg;
}

/** Every cell: what a spreadsheet sees starts no formula, and cmrlint's reading gives the value written. */
function assertCells(text: string, read: Cell[][], expected: string[][]): void {
  assert.equal(read.length, expected.length, text);
  read.forEach((cells, i) => {
    assert.deepEqual(
      cells.map((c) => c.value),
      expected[i],
      text,
    );
    for (const c of cells) {
      const seen = c.quoted ? text.slice(c.rawStart + 1, c.rawEnd - 1).replace(/""/g, '"') : text.slice(c.rawStart, c.rawEnd);
      assert.doesNotMatch(seen, STARTS_FORMULA, JSON.stringify(seen));
    }
  });
}

/** A sheet's grid with each row as wide as the table (the reader leaves out empty trailing cells). */
function padded(grid: string[][], width: number): string[][] {
  return grid.map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]);
}
