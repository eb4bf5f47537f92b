import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core';
import { hoverAt } from '../../server/src/core/hover';
import { readSeed } from '../helpers/paths';

function hover(text: string, needle: string, delta = 1): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hoverAt(lintText(text), at + delta)?.markdown ?? '';
}

describe('hover', () => {
  const calix = readSeed('calix-2018-form-sd.txt');

  it('on a CID: the reference smelter and whether the row agrees', () => {
    const h = hover(calix, 'CID002708');
    assert.match(h, /\*\*CID002708\*\* — Abington Reldan Metals, LLC/);
    assert.match(h, /Gold · UNITED STATES OF AMERICA/);
    assert.match(h, /✓ metal · ✓ country · ✓ name/);
    const wrong = hover('Metal\tSmelter Name\tCountry\tCID\nTantalum\tThaisarco\tTHAILAND\tCID001898\n', 'CID001898');
    assert.match(wrong, /✗ metal: row says Tantalum/);
  });

  it('on a country: canonical name, codes, covered-country status, other spellings', () => {
    const h = hover(calix, 'UGANDA');
    assert.match(h, /\*\*UGANDA\*\* \(UG \/ UGA\)/);
    assert.match(h, /Covered Country/);
    const allison = readSeed('allison-2023-form-sd.txt');
    const us = hover(allison, 'United States Of America');
    assert.match(us, /Not a Covered Country/);
    assert.match(us, /'UNITED STATES OF AMERICA' ×31|`UNITED STATES OF AMERICA` ×31/);
    assert.match(us, /`UNITED STATES` ×3/);
  });

  it('on a metal: its ores', () => {
    assert.match(hover(calix, 'Tin\tAlpha'), /\*\*Tin\*\* \(Sn\).*cassiterite/);
    assert.match(hover(calix, 'Tantalum\tAsaka'), /columbite-tantalite/);
    assert.match(hover(calix, 'Tungsten\tA.L.M.T.'), /wolframite/);
  });

  it('on a smelter name: the reference entry with its CID', () => {
    assert.match(
      hover('Metal\tSmelter Name\tCountry\nTin\tMineração Taboca S.A.\tBRAZIL\n', 'Mineração', 3),
      /Reference smelter: \*\*Mineracao Taboca S\.A\.\*\* — CID001173/,
    );
  });

  it("spells a country the same in every hover: the document's style, never a bare code", () => {
    const text =
      'Metal\tSmelter Name\tCountry\tCID\nGold\tAbington Reldan Metals, LLC\tUnited States of America\tCID002708\nTin\tMinsur\tPeru\tCID001182\n';
    const spelled = [hover(text, 'CID002708'), hover(text, 'Abington', 3), hover(text, 'United States', 3)].map(
      (h) => /United States of America|UNITED STATES OF AMERICA|\bUS\b/.exec(h)?.[0],
    );
    assert.deepEqual(spelled, ['United States of America', 'United States of America', 'United States of America']);
    const upper = [hover(calix, 'CID002708'), hover(calix, 'Abington', 3)].map(
      (h) => /United States of America|UNITED STATES OF AMERICA|\bUS\b/.exec(h)?.[0],
    );
    assert.deepEqual(upper, ['UNITED STATES OF AMERICA', 'UNITED STATES OF AMERICA']);
  });

  it('on a finding: only what the diagnostic does not say (its message and related places are not repeated)', () => {
    const allot = readSeed('allot-2013-form-sd.txt');
    const lines = allot.split('\n');
    const offset = lines.slice(0, 315).join('\n').length + 3; // line 316, a duplicate of 301
    const h = hoverAt(lintText(allot), offset)!.markdown;
    // the editor shows the diagnostic's message and related places above the hover: none of it is repeated
    assert.doesNotMatch(h, /These 13 rows|row-duplicate|first row of the block/);
    assert.match(h, /\*\*Tantalum\*\*/);
  });

  it('on domain terms in prose: a glossary entry, with current names for old ones', () => {
    assert.match(hover('We rely on the EICC and CFSI programs.', 'EICC'), /Responsible Business Alliance/);
    assert.match(hover('smelters audited by RMAP', 'RMAP'), /Responsible Minerals Assurance Process/);
    assert.match(hover('the Covered Countries', 'Covered'), /Angola, Burundi/);
    assert.match(hover(calix, 'Item 1.01'), /reasonable country of origin inquiry/);
  });

  it('on the reporting-period statement: the year cmrlint uses', () => {
    assert.match(hover(calix, 'reporting period from January 1 to December 31, 2018', 5), /reporting year as \*\*2018\*\*/);
  });
});
