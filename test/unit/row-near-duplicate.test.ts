/** row-near-duplicate: rows that differ only by characters the analyst cannot see are reported as one smelter twice. */
import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core/lint';

const HEADER = 'Metal\tSmelter Name\tSmelter Country\tSmelter Identification';

function nearDuplicates(rows: string[]): string[] {
  const text = [HEADER, ...rows].join('\n') + '\n';
  return lintText(text, { fileName: 'list.tsv' })
    .findings.filter((f) => f.rule === 'row-near-duplicate')
    .map((f) => f.message);
}

describe('row-near-duplicate and the zero-width space', () => {
  it('reports a name that differs from an earlier one only by a zero-width space', () => {
    const found = nearDuplicates(['Tin\tACME Smelting Works\tCHINA\t', 'Tin\tACME \u200bSmelting Works\tCHINA\t']);
    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /looks like the same tin smelter as 'ACME Smelting Works' on line 2 \(differs only in case, punctuation, accents or spacing\)/,
    );
  });

  it('reports a row whose other cell differs from an earlier row only by a zero-width space, as one but for spacing', () => {
    const found = nearDuplicates(['Tin\tACME Smelting Works\tCHINA\t', 'Tin\tACME Smelting Works\tCHI\u200bNA\t']);
    assert.equal(found.length, 1);
    assert.match(found[0], /repeats the row on line 2 but for spacing in 'Smelter Country'/);
  });

  it('does not report rows that differ in a visible character', () => {
    assert.deepEqual(nearDuplicates(['Tin\tACME Smelting Works\tCHINA\t', 'Tin\tACME Smelting Works\tCHINAX\t']), []);
  });
});
