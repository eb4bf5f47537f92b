/** The editor's lined-up tables: pads that make every row of a tab-separated table start its cells together. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { SHARED } from '../helpers/paths';
import { ALIGN_DEFAULTS, tablePads, Pad } from '../../client/src/columnAlign';

/** The line as the editor draws it with tab size 1 and the pads before each tab. */
function drawn(lines: readonly string[], pads: readonly Pad[]): string[] {
  const at = new Map(pads.map((p) => [`${p.line}:${p.character}`, p.width]));
  return lines.map((text, line) => [...text].map((ch, i) => (ch === '\t' ? ' '.repeat(at.get(`${line}:${i}`) ?? 0) + ' ' : ch)).join(''));
}

/** Where each cell of a drawn row starts: the column after each run of spaces that stood for a tab. */
function starts(lines: readonly string[], pads: readonly Pad[]): number[][] {
  const at = new Map(pads.map((p) => [`${p.line}:${p.character}`, p.width]));
  return lines.map((text, line) => {
    const out = [0];
    let col = 0;
    [...text].forEach((ch, i) => {
      col += ch === '\t' ? (at.get(`${line}:${i}`) ?? 0) + 1 : 1;
      if (ch === '\t') out.push(col);
    });
    return out;
  });
}

describe('lined-up tables in the editor', () => {
  it('starts every column of a table at the same place, past its widest cell', () => {
    const lines = ['Metal\tSmelter Name\tCountry', 'Tin\tMineração Taboca S.A.\tBRAZIL', 'Gold\tJapan Mint\tJAPAN'];
    const out = drawn(lines, tablePads(lines));
    assert.deepEqual(out, [
      'Metal  Smelter Name           Country',
      'Tin    Mineração Taboca S.A.  BRAZIL',
      'Gold   Japan Mint             JAPAN',
    ]);
  });

  it('aligns each table of a filing on its own, and leaves prose alone', () => {
    const lines = ['Prose, no tabs.', 'a\tb', 'aaaa\tb', '', 'x\ty', 'More prose.'];
    const pads = tablePads(lines);
    assert.deepEqual(drawn(lines, pads), ['Prose, no tabs.', 'a     b', 'aaaa  b', '', 'x  y', 'More prose.']);
    assert.ok(
      pads.every((p) => lines[p.line][p.character] === '\t'),
      'pads stand before tabs only',
    );
  });

  it('lets a name longer than the widest column overflow instead of widening every row', () => {
    const long = 'X'.repeat(70);
    const lines = ['Tin\tShort\tBR', `Tin\t${long}\tBR`];
    const [first, second] = starts(lines, tablePads(lines));
    assert.deepEqual(first, [0, 5, 5 + ALIGN_DEFAULTS.maxWidth + ALIGN_DEFAULTS.gap], 'the column is as wide as allowed');
    assert.equal(second[2], 5 + 70 + ALIGN_DEFAULTS.gap, 'the long cell keeps its gap and pushes only its own row');
  });

  it('counts wide scripts twice and combining marks not at all', () => {
    const lines = ['云南锡业\tCN', 'Tin\tCN', 'Cafe\u0301\tFR'];
    const pads = tablePads(lines);
    // a CJK character takes two columns in the editor: the first row's cell is 8 wide
    const width = (line: number) => pads.find((p) => p.line === line)?.width ?? 0;
    assert.equal(width(0), ALIGN_DEFAULTS.gap - 1);
    assert.equal(width(1), 8 - 3 + ALIGN_DEFAULTS.gap - 1);
    assert.equal(width(2), 8 - 4 + ALIGN_DEFAULTS.gap - 1, 'the combining accent takes no column');
  });

  it("lines up a real filing's smelter table (the Calix seed)", () => {
    const file = path.join(SHARED, 'seeds/calix-2018-form-sd.txt');
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const pads = tablePads(lines);
    const s = starts(lines, pads);
    // rows of four cells whose metal and name are no wider than a column may be
    const rows = lines
      .map((l, i) => i)
      .filter(
        (i) =>
          lines[i].split('\t').length === 4 &&
          lines[i]
            .split('\t')
            .slice(0, 2)
            .every((c) => c.length <= ALIGN_DEFAULTS.maxWidth),
      );
    assert.ok(rows.length > 50, `${rows.length} rows of four cells`);
    for (const i of rows.slice(1)) assert.deepEqual(s[i].slice(0, 3), s[rows[0]].slice(0, 3), `row ${i + 1}`);
  });

  it('is linear and never pads other than before a tab (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zé\t ]{0,20}$/), { maxLength: 30 }), (lines) => {
        const pads = tablePads(lines);
        for (const p of pads) {
          assert.equal(lines[p.line][p.character], '\t');
          assert.ok(p.width > 0 && p.width <= ALIGN_DEFAULTS.maxWidth + ALIGN_DEFAULTS.gap);
        }
        // cells of one table start together where no cell of the column is over the widest allowed
        const s = starts(lines, pads);
        for (let i = 1; i < lines.length; i++)
          if (lines[i].includes('\t') && lines[i - 1].includes('\t')) assert.equal(s[i][1], s[i - 1][1]);
      }),
    );
  });
});
