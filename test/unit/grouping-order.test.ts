/**
 * A grouped finding made of classes told at once (engine.ts's TellClass, grouping.ts) lists the same rows, in
 * the same order, as the findings the rows get one by one (LintOptions.ungrouped): its first row first, the
 * others in document order across the tables of a filing, the last one last, and a fix for each.
 */
import * as assert from 'node:assert/strict';
import { Finding, lintText } from '../../server/src/core';

const H = 'Metal\tSmelter Name\tSmelter Country\tSmelter Identification';

/** Two tables of a filing; a third of the rows name smelters the reference does not know and give no ID. */
function filing(rows: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(i % 3 === 0 ? `Tin\tNowhere Smelter ${i % 17}\tPERU\t` : 'Tin\tMinsur\tPERU\tCID001182');
  const half = rows / 2;
  return [
    'Annex A',
    '',
    H,
    ...lines.slice(0, half),
    '',
    'Some text between the tables.',
    '',
    'Annex B',
    '',
    `${H}\tComment`,
    ...lines.slice(half).map((l) => `${l}\tok`),
    '',
  ].join('\n');
}

const missing = (findings: Finding[]) => findings.filter((f) => f.rule === 'cid-missing');

describe('a cause told to classes of rows, grouped', () => {
  it('lists the rows the ungrouped lint reports, in document order over both tables, and the last one', () => {
    const text = filing(240);
    const [grouped] = missing(lintText(text, { fileName: 'f.txt' }).findings);
    const each = missing(lintText(text, { fileName: 'f.txt', ungrouped: true }).findings);
    assert.equal(each.length, 80);
    assert.match(grouped.message, /The same on 79 more rows of this file\.$/);
    assert.equal(grouped.start, each[0].start);
    const related = grouped.related!;
    assert.equal(related.length, 51);
    assert.deepEqual(
      related.slice(0, 50).map((r) => [r.start, r.message]),
      each.slice(1, 51).map((f) => [f.start, f.message]),
    );
    assert.equal(related[50].start, each[79].start);
    assert.match(related[50].message, /^the last of them; 28 more between/);
  });

  it('a few rows stay findings of their own, in document order', () => {
    const text = filing(6); // rows 0 and 3: one in each table
    const findings = missing(lintText(text, { fileName: 'f.txt' }).findings);
    assert.deepEqual(
      findings.map((f) => f.message),
      ["No smelter ID for 'Nowhere Smelter 0' (Tin).", "No smelter ID for 'Nowhere Smelter 3' (Tin)."],
    );
    assert.ok(findings[0].start < findings[1].start);
  });

  it("offers one fix for all of its rows, each row's own cell, in document order", () => {
    const names = ['Minsur', 'Thaisarco', 'Asahi'];
    const lines = [H, ...Array.from({ length: 9 }, (_, i) => `Tin\t${names[i % 3]}\tUSA\tCID00${1000 + i}`)];
    const text = lines.join('\n') + '\n';
    const alias = lintText(text, { fileName: 'l.tsv' }).findings.filter((f) => f.rule === 'country-alias');
    assert.equal(alias.length, 1);
    const all = alias[0].fixes![0];
    assert.match(all.title, /fix all 9$/);
    assert.deepEqual(
      all.edits.map((e) => text.slice(e.start, e.end)),
      Array.from({ length: 9 }, () => 'USA'),
    );
    const starts = all.edits.map((e) => e.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });
});
