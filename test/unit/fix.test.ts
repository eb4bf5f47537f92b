import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/core';
import { SmelterReference } from '../../server/src/core/data/smelters';
import { applyEdits, fixAll, FIX_ALL_RULES, minimalEdit } from '../../server/src/core/fix';
import { readSeed } from '../helpers/paths';

/** The text after applying the preferred (or the named) fix of the first finding of `rule`. */
function quickFix(text: string, rule: string, title?: RegExp, fileName?: string): string {
  const f = lintText(text, { fileName }).findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding`);
  const fix = title ? f.fixes?.find((x) => title.test(x.title)) : f.fixes?.find((x) => x.preferred);
  assert.ok(fix, `no such fix for ${rule}: ${f.fixes?.map((x) => x.title).join(' | ')}`);
  return applyEdits(text, fix.edits);
}

const H = 'Metal\tSmelter Name\tCountry\tCID\n';

describe('quick fixes (before → after)', () => {
  it('country-alias: the official name in the document style', () => {
    assert.equal(
      quickFix(`${H}Tin\tThaisarco\tTHAILAND\tCID001898\nTin\tEM Vinto\tKOREA\tCID000438\n`, 'country-alias'),
      `${H}Tin\tThaisarco\tTHAILAND\tCID001898\nTin\tEM Vinto\tKOREA, REPUBLIC OF\tCID000438\n`,
    );
    const iso = 'Metal\tSmelter Name\tCountry\nTin\tA Smelter\tChina\nTin\tB Smelter\tKorea\n';
    assert.equal(
      quickFix(iso, 'country-alias'),
      'Metal\tSmelter Name\tCountry\nTin\tA Smelter\tChina\nTin\tB Smelter\tKorea, Republic of\n',
    );
  });

  it('country-inconsistent: the majority spelling', () => {
    const t = `${H}Tin\tA Smelter\tCHINA\t\nTin\tB Smelter\tCHINA\t\nTin\tC Smelter\tChina\t\n`;
    assert.equal(quickFix(t, 'country-inconsistent'), t.replace('\tChina\t', '\tCHINA\t'));
  });

  it('country-unknown: one action per candidate, best first', () => {
    const t = `${H}Tin\tThaisarco\tUnited Kindom\tCID001898\n`;
    const f = lintText(t).findings.find((x) => x.rule === 'country-unknown')!;
    assert.equal(f.fixes![0].title, "Change to 'UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND'");
    assert.equal(
      quickFix(t, 'country-unknown', /Change to/),
      t.replace('United Kindom', 'UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND'),
    );
  });

  it('cid-format: certain normalisations only', () => {
    assert.equal(quickFix(`${H}Tin\tThaisarco\tTHAILAND\tcid 1898\n`, 'cid-format'), `${H}Tin\tThaisarco\tTHAILAND\tCID001898\n`);
    assert.equal(quickFix(`${H}Tin\tThaisarco\tTHAILAND\tCID1898\n`, 'cid-format'), `${H}Tin\tThaisarco\tTHAILAND\tCID001898\n`);
    // a V2 ID among CIDs (after 2014): outdated, and no guess at its CID
    const legacy = lintText(
      `${H}Gold\tJapan Mint\tJAPAN\t1JPN001\nTin\tMinsur\tPERU\tCID001182\nTin\tThaisarco\tTHAILAND\tCID001898\n`,
    ).findings.find((x) => x.rule === 'cid-format')!;
    assert.equal(legacy.fixes, undefined, 'no guess for a legacy ID');
  });

  it('cid-missing: inserts the reference CID', () => {
    assert.equal(quickFix(`${H}Tin\tMinsur\tPERU\t\n`, 'cid-missing'), `${H}Tin\tMinsur\tPERU\tCID001182\n`);
  });

  it('cid-mismatch: the reference metal, country or name', () => {
    const t = `${H}Tin\tThaisarco\tMALAYSIA\tCID001898\n`;
    assert.equal(quickFix(t, 'cid-mismatch', /country/), t.replace('MALAYSIA', 'THAILAND'));
  });

  it('row-duplicate: deletes the whole later line and nothing else', () => {
    const t = `${H}Tin\tMinsur\tPERU\tCID001182\nTin\tThaisarco\tTHAILAND\tCID001898\nTin\tMinsur\tPERU\tCID001182\nGold\tJapan Mint\tJAPAN\tCID000823\n`;
    assert.equal(
      quickFix(t, 'row-duplicate'),
      `${H}Tin\tMinsur\tPERU\tCID001182\nTin\tThaisarco\tTHAILAND\tCID001898\nGold\tJapan Mint\tJAPAN\tCID000823\n`,
    );
    const crlf = t.replace(/\n/g, '\r\n');
    assert.equal(quickFix(crlf, 'row-duplicate'), crlf.replace('Tin\tMinsur\tPERU\tCID001182\r\nGold', 'Gold'));
  });

  it('row-near-duplicate: aligns the name with the first spelling', () => {
    const t = 'Metal\tSmelter Name\tCountry\nTin\tMineracao Taboca S.A.\tBRAZIL\nTin\tMineração Taboca S.A.\tBRAZIL\n';
    assert.equal(
      quickFix(t, 'row-near-duplicate'),
      'Metal\tSmelter Name\tCountry\nTin\tMineracao Taboca S.A.\tBRAZIL\nTin\tMineracao Taboca S.A.\tBRAZIL\n',
    );
  });

  it('keeps CSV quoting valid when a fix writes a quote or comma', () => {
    const t = 'Metal,Smelter Name,Country\nTin,"Alpha ""A"", Ltd.",KOREA\nTin,"Beta, Ltd.",KOREA\n';
    const fixed = quickFix(t, 'country-alias', undefined, 'list.csv');
    assert.equal(
      fixed,
      'Metal,Smelter Name,Country\nTin,"Alpha ""A"", Ltd.",KOREA, REPUBLIC OF\nTin,"Beta, Ltd.",KOREA\n'.replace(
        'KOREA, REPUBLIC OF',
        '"KOREA, REPUBLIC OF"',
      ),
    );
  });
});

describe('fix-all', () => {
  const rowsOf = (text: string) => lintText(text).analysis.rows.length;
  const distinct = (text: string) =>
    new Set(lintText(text).analysis.rows.map((f) => `${f.metalKey}|${f.entityName}|${f.country?.country.alpha2 ?? f.countryCell?.value}`));

  for (const seed of ['calix-2018-form-sd.txt', 'allot-2013-form-sd.txt', 'allison-2023-form-sd.txt'] as const) {
    it(`${seed}: applying it twice equals applying it once; rows drop only by exact duplicates; no distinct row disappears`, () => {
      const text = readSeed(seed);
      const once = fixAll(text).text;
      assert.equal(fixAll(once).text, once);
      // a repeated block is one finding whose fix deletes each of its rows
      const duplicates = lintText(text)
        .findings.filter((f) => f.rule === 'row-duplicate')
        .reduce((n, f) => n + (f.fixes?.find((x) => x.preferred)?.edits.length ?? 0), 0);
      assert.equal(rowsOf(text) - rowsOf(once), duplicates);
      assert.deepEqual(distinct(once), distinct(text));
      const remaining = lintText(once).findings.filter((f) => FIX_ALL_RULES.has(f.rule) && f.fixes?.some((x) => x.preferred));
      assert.deepEqual(
        remaining.map((f) => f.rule),
        [],
      );
    });
  }

  it('changes no CID except certain normalisations', () => {
    const t = `${H}Tin\tThaisarco\tTHAILAND\tCID1898\nTin\tMinsur\tPERU\t\nTin\tFoo\tPERU\tCID001898\n`;
    const out = fixAll(t).text;
    assert.equal(out, `${H}Tin\tThaisarco\tTHAILAND\tCID001898\nTin\tMinsur\tPERU\t\nTin\tFoo\tPERU\tCID001898\n`);
  });

  it('never deletes a row of one table as a duplicate of a row in another table (Annex A / Annex B)', () => {
    const t =
      'Annex A: product X\n\nMetal\tSmelter Name\tCountry\tCID\nTin\tMinsur\tPERU\tCID001182\n\nAnnex B: product Y\n\n' +
      'Metal\tSmelter or Refiner Name\tCountry Location\tSmelter ID\nTin\tMinsur\tPERU\tCID001182\n';
    assert.equal(lintText(t).model.tables.length, 2);
    assert.equal(lintText(t).findings.filter((f) => f.rule === 'row-duplicate').length, 0);
    assert.equal(fixAll(t).text, t);
    // within one table the same row twice is still a duplicate
    const same = `${H}Tin\tMinsur\tPERU\tCID001182\nTin\tMinsur\tPERU\tCID001182\n`;
    assert.equal(fixAll(same).text, `${H}Tin\tMinsur\tPERU\tCID001182\n`);
  });

  it('never deletes a repeated non-smelter line inside a table (a page footer)', () => {
    const t = `${H}Tin\tMinsur\tPERU\tCID001182\nAcme Corp.\tConfidential\nTin\tThaisarco\tTHAILAND\tCID001898\nAcme Corp.\tConfidential\nGold\tJapan Mint\tJAPAN\tCID000823\n`;
    assert.equal(lintText(t).findings.filter((f) => f.rule === 'row-duplicate').length, 0);
    assert.equal(fixAll(t).text, t);
  });

  it('never guesses a CID: an extra digit is a quick fix naming the candidate, not a fix-all edit', () => {
    // CID0000773: CID000773 with an extra zero, or CID000077 with an extra 3?
    const t = `${H}Gold\tSome Gold Refinery\tJAPAN\tCID0000773\n`;
    assert.equal(fixAll(t).text, t);
    const f = lintText(t).findings.find((x) => x.rule === 'cid-format')!;
    assert.match(f.message, /7 digits/);
    assert.ok(!f.fixes?.some((x) => x.preferred));
  });

  it('pads a short CID only when the reference does not name another smelter or metal for it', () => {
    // CID000004 is a tungsten smelter in the reference: a tin row's CID00004 is not it
    const ref = new SmelterReference([{ cid: 'CID000004', metal: 'Tungsten', name: 'A.L.M.T. Corp.', country: 'JP', aliases: [] }], {
      source: 'test list',
      complete: true,
    });
    const t = `${H}Tin\tMinsur\tPERU\tCID00004\n`;
    assert.equal(fixAll(t, { reference: ref }).text, t);
    assert.match(lintText(t, { reference: ref }).findings.find((x) => x.rule === 'cid-format')!.message, /not this row's smelter/);
    // the tungsten row it does belong to is padded
    const w = `${H}Tungsten\tA.L.M.T. Corp.\tJAPAN\tCID00004\n`;
    assert.equal(fixAll(w, { reference: ref }).text, `${H}Tungsten\tA.L.M.T. Corp.\tJAPAN\tCID000004\n`);
    // a complete list without that CID: no certainty either
    const none = `${H}Tin\tMinsur\tPERU\tCID00005\n`;
    assert.equal(fixAll(none, { reference: ref }).text, none);
  });

  it('applyEdits refuses overlapping edits; minimalEdit keeps common prefix and suffix', () => {
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { start: 1, end: 3, newText: 'x' },
          { start: 2, end: 4, newText: 'y' },
        ]),
      /overlapping/,
    );
    assert.deepEqual(minimalEdit('abcXdef', 'abcYYdef'), { start: 3, end: 4, newText: 'YY' });
    assert.equal(minimalEdit('same', 'same'), undefined);
  });
});
