import * as assert from 'node:assert/strict';
import { diagnoseCid } from '../../server/src/core/cid';
import { entityKey, looseEqual, looseKey, looseValueHash, withinOneEdit } from '../../server/src/core/normalize';

describe('name keys', () => {
  it('ignores case, punctuation, accents and spacing', () => {
    assert.equal(looseKey('Mineração Taboca S.A.'), looseKey('MINERACAO TABOCA SA'));
    assert.equal(looseKey('H.C. Starck'), looseKey('HC Starck'));
    assert.equal(looseKey('F & X'), looseKey('F&X'));
    assert.equal(looseKey('Co. Ltd'), looseKey('Co., Ltd.'));
    assert.notEqual(looseKey('H.C. Starck Inc.'), looseKey('H.C. Starck Ltd.'));
  });

  it('ignores legal forms and a trailing acronym for the identity key', () => {
    assert.equal(entityKey('Dragon Silver Holdings Limited'), entityKey('Dragon Silver Holdings'));
    assert.equal(entityKey('PT Sukses Inti Makmur (SIM)'), entityKey('PT Sukses Inti Makmur'));
    assert.equal(entityKey('Global Tungsten & Powders Corp.'), entityKey('Global Tungsten & Powders LLC'));
    assert.notEqual(entityKey('Xiamen Tungsten (H.C.) Co., Ltd.'), entityKey('Xiamen Tungsten Co., Ltd.'));
    assert.notEqual(entityKey('Emerald Jewel Industry India Limited (Unit 1)'), entityKey('Emerald Jewel Industry India Limited (Unit 2)'));
    assert.ok(entityKey('Co., Ltd.').length > 0, 'a name of legal words only keeps one');
  });

  it('recognises one edit: substitution, insertion, deletion, transposition', () => {
    assert.ok(withinOneEdit('gcc gujrat', 'ggc gujrat'));
    assert.ok(withinOneEdit('wuji', 'wuij'));
    assert.ok(withinOneEdit('refining', 'refinning'));
    assert.ok(!withinOneEdit('refining', 'refining'));
    assert.ok(!withinOneEdit('metallo', 'metalor'));
  });

  it('compares values but for whitespace, in hash and equality alike', () => {
    const alike: Array<[string, string]> = [
      ['F & X', 'F&X'],
      ['UNITED  STATES', 'UNITED STATES'],
      ['ACME\u00a0Corp', 'ACME Corp'],
      // a zero-width space is whitespace to the reader: a name that differs only by one is the same name
      ['Mine\u200bral Smelting', 'Mineral Smelting'],
      ['ACME \u200bCorp', 'ACME Corp'],
      ['Line\u2028Break', 'LineBreak'],
    ];
    for (const [a, b] of alike) {
      assert.ok(looseEqual(a, b), `${JSON.stringify(a)} equals ${JSON.stringify(b)}`);
      assert.equal(looseValueHash(a), looseValueHash(b), `${JSON.stringify(a)} hashes as ${JSON.stringify(b)}`);
    }
    assert.ok(!looseEqual('ACME', 'acme'), 'case counts');
    assert.notEqual(looseValueHash('ACME'), looseValueHash('acme'));
    assert.ok(!looseEqual('ACME Corp', 'ACME Corp.'));
    assert.ok(looseEqual('', ' \u200b'));
  });
});

describe('CID diagnosis', () => {
  const cases: Array<[string, boolean, string | undefined, RegExp]> = [
    ['CID002708', true, undefined, /^$/],
    ['CID2708', false, 'CID002708', /4 digits/],
    ['cid 2708', false, 'CID002708', /prefix.*separator.*digits/],
    ['CID-002708', false, 'CID002708', /separator/],
    ['CID0002708', false, undefined, /7 digits/],
    ['CIDOO2708', false, 'CID002708', /letter 'O'/],
    ['CID12345678', false, undefined, /8 digits/],
    ['1USA025', false, undefined, /legacy CFSI.*gold, United States of America/],
    ['4CHN001', false, undefined, /legacy CFSI.*tungsten, China/],
    ['Thaisarco', false, undefined, /six digits/],
  ];
  for (const [input, ok, normalized, problem] of cases) {
    it(`${input}`, () => {
      const d = diagnoseCid(input);
      assert.equal(d.ok, ok);
      assert.equal(d.normalized, normalized);
      if (input === 'CID0002708') assert.equal(d.candidate, 'CID002708', 'a guess that drops a digit is only a candidate');
      assert.match(d.problem ?? '', problem);
    });
  }
});
