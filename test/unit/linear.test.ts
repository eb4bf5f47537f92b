/**
 * Hostile shapes of input that once made a pass quadratic, each run once at a size where a quadratic pass
 * takes minutes and a linear one well under a second (the markup of a 1 MB cell, a 1 MB count, 200k lines).
 * The test's timeout is then the only clock, and it cannot flake on a loaded machine; the shapes' results are
 * checked too. The time ratio between sizes n and 4n is measured by `node scripts/linear.mjs` (npm run bench).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintText, referenceFromLookupCsv } from '../../server/src/core';
import { fixAll } from '../../server/src/core/fix';
import { aggregate, sourceRowsOf } from '../../server/src/core/aggregate';
import { analyzeText } from '../../server/src/core/lint';
import { bundledReference } from '../../server/src/core/data/smelters';
import { roleOf } from '../../server/src/core/parse/header';
import { ROOT } from '../helpers/paths';

interface Shape {
  name: string;
  big: number;
  make: (n: number) => () => unknown;
}

const { shapes } = require(path.join(ROOT, 'scripts', 'linear-shapes.cjs')) as { shapes: (lib: object) => Shape[] };
const SHAPES = shapes({ lintText, fixAll, referenceFromLookupCsv, aggregate, sourceRowsOf, analyzeText, bundledReference, roleOf });

describe('every pass is linear on hostile input (each shape at a size only a linear pass finishes)', function () {
  this.timeout(60_000);

  for (const shape of SHAPES) {
    it(`${shape.name}: done`, () => {
      const result = shape.make(shape.big)();
      assert.notEqual(result, undefined);
    });
  }

  const cell = (value: string) => lintText(`Metal\tSmelter Name\tCountry\tCID\nTin\t${value}\tPERU\tCID001182\n`);

  it('a 1 MB cell of markup: the cell is reported as oversized, with its length', () => {
    const value = `x>${'<span '.repeat(200_000)}x`;
    const r = cell(value);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['file-format'],
    );
    assert.match(r.findings[0].message, /A cell of 1,200,003 characters/);
  });

  it('markup inside and around a value is removed as before: tags of u, b, i, strong, em, span and **', () => {
    assert.equal(cell('<u>Minsur</u>').model.tables[0].rows[0].cells[1].value, 'Minsur');
    assert.equal(cell('**Min<span style="x">sur</span>**').model.tables[0].rows[0].cells[1].value, 'Minsur');
    assert.equal(cell('Min<br>sur <SPAN>S.A.').model.tables[0].rows[0].cells[1].value, 'Minsur S.A.');
    // a '<' that starts no such tag is text
    assert.equal(cell('Minsur <a> <spa').model.tables[0].rows[0].cells[1].value, 'Minsur <a> <spa');
  });

  it('a count of 250k groups ("1,000,000,…") is no count statement, and the table is still linted', () => {
    const r = lintText(`We found 1${',000'.repeat(250_000)} x in the table below.\nMetal\tSmelter Name\tCountry\nTin\tMinsur\tPOLND\n`);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ['country-unknown'],
    );
  });

  it('a header cell of 1 MB is no column role; "Smelter or Refiner Name" still is', () => {
    assert.equal(roleOf('smelter '.repeat(130_000)), 'other');
    assert.equal(roleOf('Smelter or Refiner Name'), 'name');
    assert.equal(roleOf('Facility Name'), 'name');
  });
});
