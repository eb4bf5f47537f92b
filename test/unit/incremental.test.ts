/**
 * Linting again after a one-row edit (incremental.ts) must give exactly what a full lint gives: property-based,
 * over lists with duplicates, defects, blank lines, repeated headers and CRLF, and edits of every kind.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText, LintOptions, LintResult } from '../../server/src/core/lint';
import { relintLine, relintLineOnly } from '../../server/src/core/incremental';
import { readSeed } from '../helpers/paths';
import { sharing } from '../../server/src/core/sharing';

const HEADER = 'Metal\tSmelter Name\tSmelter Country\tSmelter Identification';
const ROWS = [
  'Tin\tMinsur\tPERU\tCID001182',
  'Tin\tMinsur\tPeru\tCID001182',
  'Tin\tMinsur\tPERU\tcid 1182',
  'Gold\tAsahi Pretec Corp.\tJAPAN\tCID000082',
  'Gold\tAsahi Pretec Corp\tJAPAN\t',
  'Gold\tAsahi Pretec Corp.\tJapan\tCID000082',
  'Tin\tMalaysia Smelting Corporation (MSC)\tMALAYSIA\tCID001105',
  'Tin\tMalaysia Smelting Corporation (MSC)\tINDONESIA\tCID001105',
  'Tungsten\tSmelter not yet identified\t\t',
  'Tantalum\tTaniobis GmbH\tGERMANY\tCID002545',
  'Cobalt\tSome Refinery\tCHINA\t',
  'Gld\tMetalor Technologies SA\tSWITZERLAND\tCID001153',
  'Tin\tThaisarco\tUSA\tCID001898',
  'Tin\tThaisarco\tTHAILAND\tCID001898\textra cell',
  'Tin\tPT Timah',
  ' Tin \t Minsur \tPERU\tCID001182',
  'Tin\tMinsur S.A.\tPERU\tCID001182',
  'Tin\tMinsar\tPERU\t',
  'Gold\tASAHI PRETEC CORP\tJAPAN\tCID000082',
  '',
  HEADER,
];
const NEW_CELLS = [
  'Tin',
  'Gold',
  'Tantalum',
  'Tungsten',
  'Gld',
  '',
  'Minsur',
  'MINSUR',
  'Asahi Pretec Corp.',
  'PERU',
  'Peru',
  'USA',
  'KOREA',
  'CID001182',
  'cid 82',
  'CID999999',
  'N/A',
  'Smelter not listed',
  'Metal',
  'Smelter Name',
  '2019',
  ' X ',
];

const options: LintOptions = { fileName: 'list.tsv', format: 'tsv' };

/** What a user sees of a finding: where, what, its related places and its fixes. */
function shown(r: LintResult): unknown[] {
  return r.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    start: f.start,
    end: f.end,
    message: f.message,
    related: f.related?.map((x) => [x.start, x.end, x.message]),
    fixes: f.fixes?.map((x) => [x.title, x.preferred, x.edits.map((e) => [e.start, e.end, e.newText])]),
  }));
}

type Edit =
  | { kind: 'replace'; row: number }
  | { kind: 'cell'; cell: number; value: string }
  | { kind: 'insert'; at: number; chars: string }
  | { kind: 'delete'; at: number; length: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), row: fc.integer({ min: 0, max: ROWS.length - 1 }) }),
  fc.record({ kind: fc.constant('cell' as const), cell: fc.integer({ min: 0, max: 4 }), value: fc.constantFrom(...NEW_CELLS) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), chars: fc.constantFrom('a', ' ', '\t', 'É', '0', '\u00a0') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
);

function applyEdit(lineText: string, e: Edit): string {
  switch (e.kind) {
    case 'replace':
      return ROWS[e.row];
    case 'cell': {
      const cells = lineText.split('\t');
      while (cells.length <= e.cell) cells.push('');
      cells[e.cell] = e.value;
      return cells.join('\t');
    }
    case 'insert': {
      const at = e.at % (lineText.length + 1);
      return lineText.slice(0, at) + e.chars + lineText.slice(at);
    }
    case 'delete': {
      const at = e.at % (lineText.length + 1);
      return lineText.slice(0, at) + lineText.slice(at + e.length);
    }
    default:
      return lineText;
  }
}

describe('linting again after a one-row edit', () => {
  it("property: the findings are exactly a full lint's, for any list and any edit inside one line", () => {
    let shortcut = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: ROWS.length - 1 }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.nat(),
        edit,
        (picks, crlf, lineSeed, e) => {
          const eol = crlf ? '\r\n' : '\n';
          const lines = [HEADER, ...picks.map((i) => ROWS[i])];
          const before = lines.join(eol) + eol;
          const line = lineSeed % lines.length;
          const after = [...lines.slice(0, line), applyEdit(lines[line], e), ...lines.slice(line + 1)].join(eol) + eol;
          const expected = shown(lintText(after, options));
          const prev = lintText(before, options);
          const quick = relintLineOnly(prev, after, line, options);
          runs++;
          if (quick) shortcut++;
          assert.deepEqual(shown(quick ?? relintLine(lintText(before, options), after, line, options)), expected);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 400) },
    );
    if (process.env.RUNS) console.log('shortcut', shortcut, 'of', runs);
    assert.ok(shortcut >= runs * 0.3, `the shortcut was taken in ${shortcut} of ${runs} runs: the property must exercise it`);
  });

  it('property: the same for CSV lists (comma and semicolon), quoted cells and all', () => {
    let shortcut = 0;
    let runs = 0;
    const QUOTED = ['"Tin","Minsur, S.A.",PERU,CID001182', 'Gold,"Asahi ""Pretec""",JAPAN,', '"Tin",Minsur,PERU,CID001182'];
    // a row of cells as CSV: quoted when a cell holds the separator or a quote
    const toCsv = (cells: string[], sep: string) =>
      cells.map((c) => (c.includes(sep) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(sep);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: ROWS.length + QUOTED.length - 1 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(',', ';'),
        fc.boolean(),
        fc.nat(),
        edit,
        fc.constantFrom('', ',', ';', '"'),
        (picks, sep, crlf, lineSeed, e, extra) => {
          const eol = crlf ? '\r\n' : '\n';
          const lineOf = (i: number) =>
            i < ROWS.length
              ? toCsv(ROWS[i].split('\t'), sep)
              : sep === ','
                ? QUOTED[i - ROWS.length]
                : QUOTED[i - ROWS.length].replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';');
          const lines = [toCsv(HEADER.split('\t'), sep), ...picks.map(lineOf)];
          const before = lines.join(eol) + eol;
          const line = lineSeed % lines.length;
          // the edit works on the line's text as it is (quotes and separators included), then one more character
          const changed = applyEdit(lines[line].split(sep).join('\t'), e).split('\t').join(sep) + extra;
          const after = [...lines.slice(0, line), changed, ...lines.slice(line + 1)].join(eol) + eol;
          const csvOptions: LintOptions = { fileName: 'list.csv', format: 'csv' };
          const expected = shown(lintText(after, csvOptions));
          const quick = relintLineOnly(lintText(before, csvOptions), after, line, csvOptions);
          runs++;
          if (quick) shortcut++;
          assert.deepEqual(shown(quick ?? lintText(after, csvOptions)), expected);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 300) },
    );
    if (process.env.RUNS) console.log('csv shortcut', shortcut, 'of', runs);
    assert.ok(shortcut >= runs * 0.2, `the shortcut was taken in ${shortcut} of ${runs} runs`);
  });

  it('an edit elsewhere than the line it is told about, or a line break, is linted in full', () => {
    const before = `${HEADER}\nTin\tMinsur\tPERU\tCID001182\nGold\tAsahi Pretec Corp.\tJAPAN\tCID000082\n`;
    const elsewhere = before.replace('Asahi', 'Asahy');
    assert.equal(relintLineOnly(lintText(before, options), elsewhere, 1, options), undefined);
    const split = before.replace('Minsur\tPERU', 'Minsur\nPERU');
    assert.equal(relintLineOnly(lintText(before, options), split, 1, options), undefined);
    assert.deepEqual(shown(relintLine(lintText(before, options), elsewhere, 1, options)), shown(lintText(elsewhere, options)));
  });
});

describe('findings of one cause grouped as they are reported', () => {
  // an ignore entry that matches nothing sends a lint down the path that groups after sorting and ignoring
  const groupedAfter = (o: LintOptions): LintOptions => ({ ...o, ignore: [{ rule: 'cid-missing', row: 'no | such | row' }] });

  it('property: the same findings, messages, related places and fixes as grouping after the sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: ROWS.length - 1 }), { minLength: 1, maxLength: 80 }), fc.boolean(), (picks, csv) => {
        const lines = [HEADER, ...picks.map((i) => ROWS[i])];
        const text = (csv ? lines.map((l) => l.split('\t').join(',')) : lines).join('\n') + '\n';
        const o: LintOptions = csv ? { fileName: 'l.csv', format: 'csv' } : options;
        assert.deepEqual(shown(lintText(text, o)), shown(lintText(text, groupedAfter(o))));
      }),
      { numRuns: Number(process.env.RUNS ?? 200) },
    );
  });

  it('the same on the seed filings', () => {
    for (const name of ['calix-2018-form-sd.txt', 'allot-2013-form-sd.txt', 'allison-2023-form-sd.txt'] as const) {
      const text = readSeed(name);
      assert.deepEqual(shown(lintText(text, { fileName: name })), shown(lintText(text, groupedAfter({ fileName: name }))), name);
    }
  });
});

describe('work shared by rows alike (row kinds, the near-duplicate search)', () => {
  /** The lint with every row a kind of its own: nothing is shared between rows of one text. */
  function unshared(text: string, o: LintOptions): LintResult {
    const { kindLines, alikeRows } = sharing;
    sharing.kindLines = 0;
    sharing.alikeRows = false;
    try {
      return lintText(text, o);
    } finally {
      Object.assign(sharing, { kindLines, alikeRows });
    }
  }
  const PROSE = ['', 'The smelters of Annex B are listed below.', '2019 reporting period from January 1 to December 31, 2019.'];
  const csvOptions: LintOptions = { fileName: 'list.csv', format: 'csv' };
  const toCsv = (cells: string[]) =>
    cells.map((c) => (c.includes(',') || c.includes('"') || c.startsWith('Minsur') ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

  it('property: the same findings as when every row is read and judged on its own, lists and filings of several tables', () => {
    let tables = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: ROWS.length - 1 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: ROWS.length - 1 }), { maxLength: 30 }),
        fc.constantFrom(...PROSE),
        // a second table's header: other headings for the same columns, or the columns in another order
        fc.constantFrom(`${HEADER}\tNotes`, 'Smelter Name\tMetal\tSmelter Country\tSmelter Identification'),
        fc.constantFrom<LintOptions>(options, csvOptions, { fileName: 'form-sd.txt' }, { fileName: 'form-sd.txt', countryStyle: 'iso' }),
        // the supplier of each row in a last column: rows alike in their smelter, on lines of their own
        fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 60, maxLength: 60 }), { nil: undefined }),
        (first, second, between, header2, o, suppliers) => {
          const supplied = (rows: string[]) =>
            suppliers ? rows.map((r, i) => (r === '' || r === HEADER ? r : `${r}\tSupplier ${suppliers[i % 60]}`)) : rows;
          // a filing may hold a second table with the same lines: the kinds of one are not the other's
          const lines = [
            suppliers ? `${HEADER}\tSupplier` : HEADER,
            ...supplied(first.map((i) => ROWS[i])),
            ...(o.format === 'tsv' || o.format === 'csv' || second.length === 0 ? [] : [between, header2, ...second.map((i) => ROWS[i])]),
          ];
          // as CSV: cells with the separator quoted, some quoted anyway, and the rows of one smelter with a line
          // break inside a last quoted cell (the line they start on does not tell how they end)
          const text =
            o.format === 'csv'
              ? lines.map((l) => (l.startsWith(ROWS[3]) ? `${toCsv(l.split('\t'))},"two\nlines"` : toCsv(l.split('\t')))).join('\r\n') +
                '\r\n'
              : lines.join('\n') + '\n';
          const shared = lintText(text, o);
          assert.ok(shared.model.kindCount <= unshared(text, o).model.kindCount);
          if (second.length > 0 && o.format !== 'tsv' && o.format !== 'csv') tables++;
          assert.deepEqual(shown(shared), shown(unshared(text, o)));
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 300) },
    );
    assert.ok(tables > 50, `only ${tables} runs had a second table`);
  });

  it('the same on the seed filings, and rows of one kind have one line text', () => {
    for (const name of ['calix-2018-form-sd.txt', 'allot-2013-form-sd.txt', 'allison-2023-form-sd.txt'] as const) {
      const text = readSeed(name);
      const shared = lintText(text, { fileName: name });
      assert.deepEqual(shown(shared), shown(unshared(text, { fileName: name })), name);
      const lineOfKind = new Map<number, string>();
      for (const t of shared.model.tables) {
        for (const r of t.rows) {
          const line = text.slice(r.start, r.end);
          assert.equal(lineOfKind.get(r.kind) ?? line, line);
          lineOfKind.set(r.kind, line);
        }
      }
    }
  });
});
