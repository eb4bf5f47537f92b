/**
 * Hostile shapes of input that once made a pass quadratic (a 1 MB file taking seconds to minutes). Each is
 * built here at two sizes, n and 4n: a linear pass takes about 4 times as long on the larger one, a
 * quadratic one 16 times. The test asserts the ratio (best of three runs), never a wall-clock time.
 */
import * as assert from 'node:assert/strict';
import { lintText, LintOptions, referenceFromLookupCsv } from '../../server/src/core';
import { fixAll } from '../../server/src/core/fix';
import { aggregate, SourceFile, sourceRowsOf } from '../../server/src/core/aggregate';
import { analyzeText } from '../../server/src/core/lint';
import { bundledReference } from '../../server/src/core/data/smelters';

function best(run: () => void): number {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const s = process.hrtime.bigint();
    run();
    min = Math.min(min, Number(process.hrtime.bigint() - s) / 1e6);
  }
  return min;
}

/** Asserts that running on input of size 4n costs well under 16 times size n (allowing 15 ms of noise). */
function assertLinear(make: (n: number) => () => void, n: number): void {
  const small = best(make(n));
  const large = best(make(4 * n));
  assert.ok(large < 8 * small + 15, `4× the input took ${(large / small).toFixed(1)}× as long (${small.toFixed(0)} ms → ${large.toFixed(0)} ms): superlinear`);
}

const H = 'Metal\tSmelter Name\tCountry\tCID\n';
const YEAR = 'Form SD for the reporting period from January 1 to December 31, 2019.\n';
const lint = (text: string, options: LintOptions = {}) => () => void lintText(text, options);

describe('every pass is linear on hostile input (time ratio between sizes n and 4n)', function () {
  this.timeout(120_000);

  it('many prose lines without a tab before a table (row detection)', () =>
    assertLinear((n) => lint('A line of prose with no table cells in it.\n'.repeat(n) + H + 'Tin\tMinsur\tPERU\tCID001182\n'), 20_000));
  it('blank lines (filing-kind detection)', () => assertLinear((n) => lint('\n'.repeat(n)), 100_000));
  it('one prose line repeating "12 smelters and refiners" (count statements)', () =>
    assertLinear((n) => lint(`In the table below we found ${'12 smelters and refiners '.repeat(n)}\n${H}Tin\tMinsur\tPERU\tCID001182\n`), 4_000));
  it('"during calendar year 2030" repeated (period statements and their sentences)', () =>
    assertLinear((n) => lint(YEAR + 'during calendar year 2030 '.repeat(n) + '\n'), 4_000));
  it('"Tin is sold.<TAB>" repeated (sentence splitting)', () => assertLinear((n) => lint(YEAR + 'Tin is sold.\t'.repeat(n) + '\n'), 8_000));
  it('a cell of "<span " repeated (markup stripping)', () => assertLinear((n) => lint(`${H}Tin\t${'<span '.repeat(n)}\tPERU\tCID001182\n`), 20_000));
  it('unterminated "<!-- cmrlint-disable-next-line" repeated (Markdown disable comments)', () =>
    assertLinear((n) => lint(`| Metal | Smelter Name | Country |\n|---|---|---|\n| Tin | Minsur | PERU |\n${'<!-- cmrlint-disable-next-line '.repeat(n)}`, { format: 'markdown' }), 8_000));
  it('fix-all on rows with one fix each (edit selection and application)', () =>
    assertLinear((n) => {
      let t = H;
      for (let i = 0; i < n; i++) t += `Tin\tSmelter ${i}\tPERU\tcid${String(i + 1).padStart(6, '0')}\n`;
      return () => void fixAll(t);
    }, 2_500));
  it('a .cmrlint.json with many ignore entries (ignore matching)', () =>
    assertLinear((n) => {
      let t = H;
      const ignore = [];
      for (let i = 0; i < n; i++) {
        t += `Tin\tSmelter ${i}\tUSA\tCID001182\n`;
        ignore.push({ rule: 'country-alias', row: `Tin | Smelter ${i} | USA | CID001182` });
      }
      return lint(t, { ignore });
    }, 2_500));
  it('a reference CSV with many rows of one CID (alias merging)', () =>
    assertLinear((n) => {
      let t = 'Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter Identification\n';
      for (let i = 0; i < n; i++) t += `Tin,Alias ${i},Minsur,PERU,CID001182\n`;
      return () => void referenceFromLookupCsv(t, 'lookup.csv');
    }, 5_000));
  it('many small tables with prose between them (table look-ups)', () =>
    assertLinear((n) => lint('Metal\tSmelter Name\tCountry\nTin\tMinsur\tPERU\n\nSome prose with 3 smelters and refiners below.\n\n'.repeat(n)), 5_000));
  it('aggregating many names without a CID, near one another (merging by name and typo)', () =>
    assertLinear((n) => {
      const files: SourceFile[] = [];
      for (let f = 0; f < 4; f++) {
        let t = 'Metal\tSmelter Name\tCountry\tCID\n';
        // names one letter apart from one another, one smelter with a CID among them, many rows of it
        for (let i = 0; i < n / 4; i++) t += `Tin\tSmelter Works ${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}\tPERU\t${i % 50 === 0 ? 'CID001182' : ''}\n`;
        files.push({ file: `s${f}.tsv`, rows: sourceRowsOf(`s${f}.tsv`, analyzeText(t, { format: 'tsv' })) });
      }
      return () => void aggregate(files, bundledReference());
    }, 2_000));
});
