/** Readable tables: the column of any cell (hover) and each column's cells on some lines (colours). */
import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core';
import { columnAt, columnCells } from '../../server/src/core/columns';
import { readSeed } from '../helpers/paths';

const LIST = 'Metal,Smelter Name,Smelter Country,Smelter Identification\nTin,Minsur,PERU,CID001182\nGold,"Asahi, Inc.",JAPAN,CID000082\n';

describe('readable tables: columns', () => {
  it('names the column of any cell from its header, quoted cells included', () => {
    const r = lintText(LIST, { format: 'csv' });
    const at = (needle: string) => columnAt(r.analysis, LIST.indexOf(needle) + 1);
    assert.deepEqual(
      ['Minsur', 'PERU', 'Asahi', 'CID000082'].map((n) => `${at(n)?.column}:${at(n)?.name} of ${at(n)?.columns}`),
      ['1:Smelter Name of 4', '2:Smelter Country of 4', '1:Smelter Name of 4', '3:Smelter Identification of 4'],
    );
    assert.equal(columnAt(r.analysis, 3), undefined, 'the header row is no data cell');
  });

  it("gives the cells of the lines asked for only, the header's too, with their columns", () => {
    const r = lintText(LIST, { format: 'csv' });
    const second = LIST.indexOf('Gold');
    const cells = columnCells(r.model, r.analysis, second, LIST.length);
    assert.deepEqual(
      cells.map((c) => `${c.column}:${LIST.slice(c.start, c.end)}`),
      ['0:Gold', '1:Asahi, Inc.', '2:JAPAN', '3:CID000082'],
    );
    const all = columnCells(r.model, r.analysis, 0, LIST.length);
    assert.deepEqual(
      all.slice(0, 4).map((c) => LIST.slice(c.start, c.end)),
      ['Metal', 'Smelter Name', 'Smelter Country', 'Smelter Identification'],
    );
    assert.equal(all.length, 12);
  });

  it("a filing's tab-separated table: the lines on screen of a real filing, in document order", () => {
    const text = readSeed('allison-2023-form-sd.txt');
    const r = lintText(text);
    const from = text.indexOf('\nTin\t') + 1;
    const cells = columnCells(r.model, r.analysis, from, from + 2000);
    assert.ok(cells.length > 20);
    assert.ok(cells.every((c, i) => c.start >= from && c.end <= from + 2000 && (i === 0 || c.start > cells[i - 1].start)));
    assert.ok(cells.some((c) => c.column === 2));
  });
});
