/**
 * Row summaries (parse/row-summary.ts): what the passes that assemble and lay out tables ask of a tab row's
 * cells, summed up as the row is read. They must answer as reading the cells would: checked value by value
 * against the predicates they stand for, and document by document against a read that has no summaries (the
 * same rows as comma-separated text, whose rows are not read into a store). fast-check, fixed seeds.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFiling } from '../../server/src/core';
import type { Table } from '../../server/src/core/parse/document';
import { isBlankRow } from '../../server/src/core/parse/document';
import { mayBeHeader } from '../../server/src/core/parse/header';
import { mayEndMark, mayStartCount, soleCell } from '../../server/src/core/parse/layout';
import { cellCount, newCellStore, readingValues, StoredRow, storeTabs, valueAt } from '../../server/src/core/parse/cells';
import { ROW_BLANK, ROW_COUNT, ROW_DATA, ROW_MARK, ROW_SOLE, ROW_SUMMED, RowSummaries } from '../../server/src/core/parse/row-summary';

/** Values each predicate turns on: blanks, padding, data, numbers, dashes, footnote marks, headings, plain names. */
const VALUES = [
  '',
  ' ',
  '&nbsp;',
  '\u200b',
  '0',
  '00',
  '#N/A',
  '#VALUE!',
  'Gold',
  'tin',
  'Tungsten ',
  'CID001234',
  'cid 1234',
  '12',
  '-',
  '–3',
  '— 4',
  'Acme Refining*',
  'Acme (1)',
  'Acme¹',
  'Acme [2]',
  'Acme Refining',
  'Smelter Name',
  'Tin Smelters',
  'Page 3',
  'CHINA',
  'Peru',
  'Total',
];

const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[\t\r\n]/g, ' ')),
);

describe('row summaries', () => {
  it('say of each tab row what reading its cells says: blank, data, one filled cell, a number, a mark', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 12 }), (lines) => {
        const text = lines.map((cells) => cells.join('\t')).join('\n');
        readingValues(text, () => {
          const store = newCellStore();
          const summaries = new RowSummaries();
          let start = 0;
          lines.forEach((cells, line) => {
            const end = start + cells.join('\t').length;
            const row = new StoredRow(store, store.size, storeTabs(store, text, start, end), line, start, end, line);
            summaries.add(row);
            const s = summaries.of(row);
            const values = Array.from({ length: cellCount(row) }, (_, i) => valueAt(row, i)!);
            const label = JSON.stringify(values);
            assert.ok(s & ROW_SUMMED, label);
            assert.equal((s & ROW_BLANK) !== 0, isBlankRow(row), `blank: ${label}`);
            assert.equal((s & ROW_DATA) === 0, mayBeHeader(row), `may be a header: ${label}`);
            assert.equal((s & ROW_SOLE) !== 0, soleCell(row) >= 0, `one filled cell: ${label}`);
            assert.equal(
              (s & ROW_COUNT) !== 0,
              values.some((v) => mayStartCount(v.charCodeAt(0))),
              `may count: ${label}`,
            );
            assert.equal(
              (s & ROW_MARK) !== 0,
              values.some((v) => mayEndMark(v.charCodeAt(v.length - 1))),
              `may end with a mark: ${label}`,
            );
            // once the row's cells are made (a pass may change them), the summary is not read
            void row.cells;
            assert.equal(summaries.of(row), 0, `made: ${label}`);
            start = end + 1;
          });
        });
      }),
      { seed: 31, numRuns: 300 },
    );
  });

  it('leave the tables of a tab list as a read without them finds them (the same rows, comma-separated)', () => {
    // rows that the layout passes move, drop or keep: smelters, blanks, padding, headings, page numbers,
    // counts, countries, names with footnote marks, repeated headers
    const row = fc.oneof(
      fc.tuple(
        fc.constantFrom('Gold', 'Tin', 'Tantalum'),
        fc.constantFrom('Acme Refining', 'Acme Refining*', 'Bolt Metals (1)', 'Cora¹'),
        fc.constantFrom('CHINA', 'Peru', ''),
        fc.constantFrom('CID001234', 'CID000002*', ''),
      ),
      fc.constant(['', '', '', '']),
      fc.constant(['0', '#N/A', '', '0']),
      fc.constant(['Tin Smelters', '', '', '']),
      fc.constant(['Page 4', '', '', '']),
      fc.constantFrom(
        ['* RMAP conformant', '', '', ''],
        ['Note: as of May 2026', '', '', ''],
        ['Tin', '', '', ''],
        ['', 'Tin', '', ''],
        ['', '', '', 'Gold'],
        ['', 'Acme Refining', '', ''],
      ),
      fc.constant(['Gold', '12', '3', '']),
      fc.constant(['Total', '20', '', '']),
      fc.constant(['China', 'Peru', 'Bolivia', '']),
      fc.constant(['Metal', 'Smelter Name', 'Smelter Country', 'Smelter ID']),
    );
    const shape = (tables: readonly Table[] | undefined) =>
      (tables ?? []).map((t) => ({
        kind: t.kind,
        header: t.header.line,
        columns: t.columns,
        rows: t.rows.map((r) => [r.line, ...Array.from({ length: cellCount(r) }, (_, i) => valueAt(r, i))]),
      }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const lines = [['Metal', 'Smelter Name', 'Smelter Country', 'Smelter ID'], ...rows];
        const tsv = parseFiling(lines.map((r) => r.join('\t')).join('\n'), 'tsv');
        // an empty record as an empty line: ",,," is text between rows to the CSV reader, which "\t\t\t" is not
        const csv = parseFiling(lines.map((r) => (r.every((v) => v === '') ? '' : r.join(','))).join('\n'), 'csv');
        assert.deepEqual(shape(tsv.tables), shape(csv.tables));
        assert.deepEqual(shape(tsv.otherTables), shape(csv.otherTables));
      }),
      { seed: 32, numRuns: 300 },
    );
  });
});
