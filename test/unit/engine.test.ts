/**
 * The lint engine (core/engine.ts): rules are plain checks, and the engine shares verdicts between alike rows.
 * What makes that safe is tested here, not promised in a comment: the verify mode judges every row again and
 * lets a judgement read only the cells it declares, so a rule whose shared verdicts would be wrong fails; and
 * findings are the same whether rows are shared by line, by value, or not at all.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Finding, lintText, LintOptions, referenceFromLookupCsv } from '../../server/src/core';
import { analyzeText } from '../../server/src/core/lint';
import { Engine, rowCheck } from '../../server/src/core/engine';
import type { Read, RowCheck, RuleContext } from '../../server/src/core/rule';
import { exactDuplicates, type RowFacts } from '../../server/src/core/analysis';
import { sharing } from '../../server/src/core/sharing';
import { readMarkers } from '../helpers/markers';
import { FIXTURES, ROOT, SHARED } from '../helpers/paths';

/** A finding as text: place, rule, severity, message, related places and fix titles. */
function shown(findings: Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.start}-${f.end} ${f.severity} ${f.rule}: ${f.message} [${(f.related ?? []).map((r) => r.start).join(' ')}] {${(f.fixes ?? []).map((x) => `${x.preferred ? '*' : ''}${x.title}`).join(' | ')}}`,
  );
}

function withSharing<T>(settings: Partial<typeof sharing>, run: () => T): T {
  const saved = { ...sharing };
  Object.assign(sharing, settings);
  try {
    return run();
  } finally {
    Object.assign(sharing, saved);
  }
}

/** Texts to lint: the rule fixtures, the real filings and lists, and a merged list whose rows carry their supplier. */
function texts(): Array<{ name: string; text: string; options: LintOptions }> {
  const out: Array<{ name: string; text: string; options: LintOptions }> = [];
  const lookup = referenceFromLookupCsv(fs.readFileSync(path.join(FIXTURES, 'reference', 'lookup.csv'), 'utf8'), 'lookup.csv');
  for (const dir of ['rules', 'parse']) {
    for (const file of fs.readdirSync(path.join(FIXTURES, dir)).sort()) {
      const { text } = readMarkers(fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8'));
      out.push({
        name: `${dir}/${file}`,
        text,
        options: {
          fileName: file,
          requireTable: /\.(csv|tsv)$/.test(file),
          reference: /^(?:cid-unknown|smelter-listed)/.test(file) ? lookup : undefined,
        },
      });
    }
  }
  const real = [
    'seeds/calix-2018-form-sd.txt',
    'seeds/allot-2013-form-sd.txt',
    'seeds/allison-2023-form-sd.txt',
    'corpus/cmrt-2x/cmrt-2.02-smelter-list.csv',
    'data/rmi-cmrt-6.01-smelter-lookup.csv',
  ];
  for (const rel of real)
    out.push({
      name: rel,
      text: fs.readFileSync(path.join(SHARED, rel), 'latin1'),
      options: { fileName: rel, requireTable: rel.endsWith('.csv') },
    });
  // the Calix rows with defects, each row with its own supplier: rows alike in values but not in their lines
  const calix = fs.readFileSync(path.join(SHARED, 'seeds', 'calix-2018-form-sd.txt'), 'utf8');
  const rows = calix
    .split('\n')
    .filter((l) => /^(Gold|Tin|Tantalum|Tungsten)\t.*\tCID\d{6}\s*$/.test(l))
    .map((l) => l.trimEnd().split('\t'));
  const defects = [
    (r: string[]) => [r[0], r[1], r[2].toLowerCase(), r[3]],
    (r: string[]) => [r[0], r[1], r[2], r[3].replace('CID', 'cid ')],
    (r: string[]) => [r[0] === 'Gold' ? 'Gld' : r[0], r[1], r[2], ''],
    (r: string[]) => r,
  ];
  const lines = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification\tSupplier'];
  for (let i = 0; i < 1500; i++)
    lines.push([...defects[Math.floor(i / rows.length) % defects.length](rows[i % rows.length]), `Supplier ${i % 7}`].join('\t'));
  out.push({ name: 'merged list with suppliers', text: lines.join('\n') + '\n', options: { fileName: 'merged.tsv', requireTable: true } });
  return out;
}

describe('lint engine', function () {
  this.timeout(120_000);

  it('no rule reads row kinds or shares work itself: the engine does', () => {
    const dir = path.join(ROOT, 'server', 'src', 'core', 'rules');
    for (const file of fs.readdirSync(dir)) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(
        source,
        /kindCount|\[\w+\.kind\]|\b\w+\.row\.kind\b|RepeatedRow|\bsharing\.(?!alikeRows)|checkRows|eachJudged|reportKinds|kindFirsts/,
        `${file} shares work between rows itself`,
      );
    }
  });

  it("every rule's shared verdicts hold for every row (verify mode) on the fixtures, real files and a merged list", () => {
    for (const { name, text, options } of texts()) {
      const plain = shown(lintText(text, options).findings);
      const verified = withSharing({ verify: true }, () => shown(lintText(text, options).findings));
      assert.deepEqual(verified, plain, name);
    }
  });

  it('finds the same whether rows are shared by line and value, or each row read and judged alone', () => {
    for (const { name, text, options } of texts()) {
      const shared = shown(lintText(text, options).findings);
      const alone = withSharing({ kindLines: 0, alikeRows: false }, () => shown(lintText(text, options).findings));
      assert.deepEqual(alone, shared, name);
    }
  });

  describe('verify mode catches a rule that a shared verdict would make wrong', () => {
    const text =
      'Metal\tSmelter Name\tCountry\tSmelter ID\nTin\tMinsur\tPERU\tCID001182\nTin\tMinsur\tPERU\tCID001182\nGold\tMinsur\tPERU\tCID001182\n';
    const run = (check: RowCheck<unknown>) => {
      const { analysis } = analyzeText(text, { fileName: 'x.txt' });
      const engine = new Engine(analysis);
      const reported: number[] = [];
      const ctx = { analysis, report: (r: { start: number }) => reported.push(r.start) } as unknown as RuleContext;
      withSharing({ verify: true }, () => engine.runRowCheck(check, ctx, 'test-rule'));
      return reported;
    };

    it('a judgement that compares a row with the rows before it', () => {
      const seen = new Set<string>();
      // "a repeat of an earlier row": true of the second Minsur row, not of the first, though they are alike
      const comparing = rowCheck({
        reads: ['name'],
        judge: (f) => {
          const again = seen.has(f.nameCell!.value);
          seen.add(f.nameCell!.value);
          return again ? 'repeat' : null;
        },
        report: () => undefined,
      });
      assert.throws(
        () => run(comparing),
        /test-rule: the verdict of the row on line \d+ differs from the one shared by the rows with the same name/,
      );
    });

    it('a judgement that reads a cell it does not declare', () => {
      const undeclared = rowCheck({ reads: ['name'], judge: (f) => (f.metal ? null : 'no metal'), report: () => undefined });
      assert.throws(() => run(undeclared), /test-rule: its judgement reads metal without declaring 'metal'/);
    });

    it("a judgement that reads the row's place", () => {
      const placed = rowCheck({ reads: ['name', 'metal'], judge: (f) => `line ${f.row.line}`, report: () => undefined });
      assert.throws(() => run(placed), /test-rule: its judgement reads the row's line/);
    });

    it('a memo whose value reads a cell it does not declare, or differs between alike rows', () => {
      const { analysis } = analyzeText(text, { fileName: 'x.txt' });
      const engine = new Engine(analysis);
      const verified = <T>(compute: (f: RowFacts) => T, reads: Read[]) =>
        withSharing({ verify: true }, () => analysis.rows.map(engine.memo(reads, compute, 'test-rule')));
      assert.throws(() => verified((f) => f.metal?.info.metal, ['name']), /test-rule: its judgement reads metal/);
      let n = 0;
      assert.throws(
        () => verified(() => n++, ['name', 'metal']),
        /test-rule: the value for the row on line 3 differs from the one shared by the rows with the same name, metal/,
      );
    });

    it('and lets a sound one through, reporting every row with a verdict', () => {
      const sound = rowCheck({
        reads: ['name', 'metal'],
        judge: (f) => (f.metal?.info.metal === 'Tin' ? 'tin' : null),
        report: (f, _, ctx) => ctx.report({ start: f.row.start, end: f.row.end, message: 'tin' }),
      });
      assert.equal(run(sound).length, 2);
    });
  });

  it('finds each exact duplicate among 40,000 rows whose lines all differ, far from the row it repeats', () => {
    // most rows' hashes are met once and never looked up (see sharedBuckets): the duplicates must still be found,
    // by the same line and by the same values with other spacing, and rows of the same values in another
    // order or case must not be
    const lines = ['Metal\tSmelter Name\tCountry\tSmelter ID\tSupplier'];
    for (let i = 0; i < 40000; i++) lines.push(`Tin\tSmelter ${i % 997}\tPERU\tCID${String(i % 991).padStart(6, '0')}\tSupplier ${i}`);
    lines.push(lines[5]); // the same line
    lines.push(lines[17].replace('\tPERU\t', '\t PERU \t')); // the same values, spaced otherwise
    lines.push(lines[29].replace('PERU', 'peru')); // another case: not an exact duplicate
    lines.push(lines[30000]);
    const { analysis } = analyzeText(lines.join('\n') + '\n', { fileName: 'x.tsv' });
    const dups = exactDuplicates(analysis);
    const found = analysis.rows.flatMap((f, i) => {
      const e = dups.at(i);
      return e ? [`${f.row.line}->${e.row.line}`] : [];
    });
    assert.deepEqual(found, ['40001->5', '40002->17', '40004->30000']);
  });

  it('gives rows alike but for a supplier or address one kind, and keeps exact duplicates to identical lines', () => {
    // 2,000 rows over 4 suppliers: two smelters, each with its own address on every row
    const lines = ['Metal\tSmelter Name\tCountry\tSmelter ID\tSupplier\tAddress'];
    for (let i = 0; i < 2000; i++)
      lines.push(
        `Tin\t${i % 2 ? 'Minsur' : 'PT Timah Tbk Mentok'}\tPERU\tCID00${i % 2 ? '1182' : '1482'}\tSupplier ${i % 4}\t${i} Main St`,
      );
    lines.push(lines[1], lines[2]); // two exact duplicates
    const { analysis } = analyzeText(lines.join('\n') + '\n', { fileName: 'x.tsv' });
    assert.equal(analysis.rows.length, 2002);
    assert.equal(analysis.kindCount, 2);
    assert.equal(analysis.lineKindCount, 2000);
    const findings = lintText(lines.join('\n') + '\n', { fileName: 'x.tsv' }).findings.filter((f) => f.rule === 'row-duplicate');
    assert.deepEqual(
      findings.map((f) => f.message),
      ['These 2 rows, lines 2002–2003, repeat the 2 rows of lines 2–3 exactly: a block pasted twice.'],
    );
    // a memo of the name is computed once per kind, whatever the rows' other cells
    const engine = new Engine(analysis);
    let computed = 0;
    const upper = engine.memo(['name'], (f) => (computed++, f.nameCell!.value.toUpperCase()), 'test-rule');
    assert.deepEqual(new Set(analysis.rows.map(upper)), new Set(['MINSUR', 'PT TIMAH TBK MENTOK']));
    assert.equal(computed, 2);
  });

  it('judges a list of distinct lines once per distinct value, not once per row', () => {
    // 3,000 rows, each with its own supplier: 3 distinct metals and names
    const lines = ['Metal\tSmelter Name\tCountry\tSupplier'];
    for (let i = 0; i < 3000; i++)
      lines.push(`${['Tin', 'Gold', 'Tungsten'][i % 3]}\t${['Minsur', 'Japan Mint', 'Wolfram'][i % 3]}\tPERU\tSupplier ${i}`);
    const { analysis } = analyzeText(lines.join('\n') + '\n', { fileName: 'x.tsv' });
    const engine = new Engine(analysis);
    let judged = 0;
    let reported = 0;
    const ctx = { analysis, report: () => reported++ } as unknown as RuleContext;
    engine.runRowCheck(
      rowCheck({
        reads: ['metal', 'name'],
        judge: () => (judged++, true),
        report: (_f, _v, c) => c.report({ start: 0, end: 0, message: '' }),
      }),
      ctx,
      'test-rule',
    );
    assert.equal(judged, 3);
    assert.equal(reported, 3000);
  });

  it('tells the rows of a class one object, in document order, and makes no report per row', () => {
    const lines = ['Metal\tSmelter Name\tCountry\tSupplier'];
    for (let i = 0; i < 300; i++) lines.push(`${['Tin', 'Gold', 'Tungsten'][i % 3]}\tMinsur\tPERU\tSupplier ${i}`);
    const { analysis } = analyzeText(lines.join('\n') + '\n', { fileName: 'x.tsv' });
    const told: Array<[object, RowFacts]> = [];
    const ctx = {
      analysis,
      report: () => assert.fail('a told row is not reported one by one'),
      reportRow: (t: object, f: RowFacts) => told.push([t, f]),
    } as unknown as RuleContext;
    new Engine(analysis).runRowCheck(
      rowCheck({
        reads: ['metal'],
        judge: (f) => (f.metalCell!.value === 'Gold' ? null : f.metalCell!.value),
        told: (metal) => ({ message: `${metal} row`, cause: metal, at: 'metal' }),
      }),
      ctx,
      'test-rule',
    );
    assert.equal(told.length, 200);
    assert.equal(new Set(told.map(([t]) => t)).size, 2);
    assert.ok(told.every(([, f], k) => k === 0 || f.row.start > told[k - 1][1].row.start));
  });

  it('knows whether a cell has spaces around its value, so that cell-spacing reads the lines only then', () => {
    const tight = analyzeText('Metal\tSmelter Name\tCountry\nTin\tMinsur\tPERU\n', { fileName: 'x.tsv' }).analysis;
    const text = 'Metal\tSmelter Name\tCountry\nTin\tMinsur \tPERU\n';
    const padded = analyzeText(text, { fileName: 'x.tsv' }).analysis;
    assert.equal(tight.spacedCells, false);
    assert.equal(padded.spacedCells, true);
    const findings = lintText(text, { fileName: 'x.tsv' }).findings.filter((f) => f.rule === 'cell-spacing');
    assert.deepEqual(
      findings.map((f) => f.start),
      [text.indexOf('Minsur')],
    );
  });
});
