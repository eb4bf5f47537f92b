/**
 * Random structured garbage in every format: nothing the core does with a text may throw, and fix-all stays
 * idempotent. fast-check with a fixed seed: 4 formats × 500 texts of tabs, pipes, quotes, line breaks,
 * markup, CIDs, country and metal names, invisible characters and prose fragments.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText } from '../../server/src/core';
import { fixAll } from '../../server/src/core/fix';
import { hoverAt } from '../../server/src/core/hover';
import { outline } from '../../server/src/core/outline';
import { completeAt } from '../../server/src/core/completion';
import { actionsAt } from '../../server/src/core/actions';
import type { FileFormat } from '../../server/src/core/parse/document';

const PIECES = [
  '\t',
  '|',
  ',',
  ';',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '<u>',
  '</u>',
  '**',
  '<span ',
  '<!-- cmrlint-disable-next-line ',
  '-->',
  'Metal',
  'Smelter Name',
  'Country',
  'Smelter ID',
  'CID',
  'Smelter Identification',
  'Standard Smelter Names',
  'Country of Smelter Facility',
  'Tin',
  'Gold',
  'Tantalum',
  'Tungsten',
  'Tinn',
  'CID001182',
  'cid 1182',
  'CID0000773',
  '1USA025',
  'N/A',
  'Unknown',
  'Smelter not listed',
  'PERU',
  'Peru',
  'Congo',
  'Korea',
  'BOLIVIA',
  'United States',
  'CHINA ',
  '\u00a0',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ufffd',
  'Ã§',
  'Minsur',
  'Thaisarco',
  'Mineração Taboca S.A.',
  'reporting period from January 1 to December 31, 2019',
  'calendar year 2030',
  '12 smelters and refiners',
  'Covered Countries',
  'Angola, Burundi, ',
  'Form SD',
  'Item 1.01',
  'Conflict Minerals Report',
  'EICC',
  '. ',
  '|---|---|',
  'Date: June 5, 2020',
  '#N/A',
  '0',
  '-',
];

const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 300, size: 'max' })
  .map((a) => a.join(''));

describe('robustness: random structured text in every format (fast-check, fixed seed)', function () {
  this.timeout(120_000);
  for (const format of ['text', 'markdown', 'csv', 'tsv'] as FileFormat[]) {
    it(`never throws and fix-all is idempotent: ${format}`, () => {
      fc.assert(
        fc.property(text, fc.nat(), (t, at) => {
          const r = lintText(t, { format, requireTable: format === 'csv' || format === 'tsv' });
          const offset = t.length === 0 ? 0 : at % (t.length + 1);
          hoverAt(r, offset);
          completeAt(r, offset);
          outline(r);
          actionsAt(r, { start: offset, end: offset, canIgnore: true });
          for (const f of r.findings) assert.ok(f.fixes === undefined || Array.isArray(f.fixes)); // every fix can be made
          const once = fixAll(t, { format }).text;
          assert.equal(fixAll(once, { format }).text, once);
        }),
        { seed: 4242, numRuns: 500 },
      );
    });
  }
});
