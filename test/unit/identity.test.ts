/**
 * Which smelter a row means (core/identity): a CID and a metal, identified by RMI's names and aliases, and
 * rows judged against RMI's list — on real rows of RMI's CMRT 6.5 look-up and of EDGAR annexes, with wrong
 * metals, countries, typos and CIDs planted in them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { aggregate, sourceRowsOf } from '../../server/src/core/aggregate';
import { analyzeText, lintText, LintOptions } from '../../server/src/core/lint';
import { bundledReference, referenceFromLookupCsv, SmelterRecord, SmelterReference } from '../../server/src/core/data/smelters';
import { cidAge, compatibleForms, legalSystems, referenceIndex, sameSmelterCountry } from '../../server/src/core/identity';
import { stripDiacritics } from '../../server/src/core/normalize';
import { prepareFile } from '../../server/src/node/prepare';
import { DATA, SHARED } from '../helpers/paths';

let rmi: SmelterReference | undefined;
/** RMI's CMRT 6.5 Smelter Look-up, read once. */
function rmi65(): SmelterReference {
  rmi ??= referenceFromLookupCsv(fs.readFileSync(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), 'utf8'), 'CMRT 6.5 look-up');
  return rmi;
}

function record(cid: string): SmelterRecord {
  const r = rmi65().lookupCid(cid);
  assert.ok(r, `${cid} is in RMI's 6.5 look-up`);
  return r;
}

/** A supplier list of these rows (Metal, Smelter Name, Country, CID) linted against RMI's 6.5 list. */
function lintList(rows: string[][], options: LintOptions = {}) {
  const text = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification', ...rows.map((r) => r.join('\t'))].join('\n') + '\n';
  return lintText(text, { format: 'tsv', reference: rmi65(), ...options }).findings.map((f) => ({
    line: Number(text.slice(0, f.start).split('\n').length),
    rule: f.rule,
    message: f.message,
    fixes: f.fixes?.map((x) => x.title) ?? [],
  }));
}

const IDENTITY_RULES = new Set([
  'cid-unknown',
  'cid-mismatch',
  'cid-duplicate',
  'metal-mismatch',
  'row-near-duplicate',
  'smelter-listed',
  'smelter-multi-country',
]);

/** The findings of the identity rules only (the list's other rules are not what these tests are about). */
function judged(rows: string[][]) {
  return lintList(rows).filter((f) => IDENTITY_RULES.has(f.rule));
}

describe('identity: a smelter is a CID and a metal, named by RMI', () => {
  it('matches a name to one smelter by name or alias, by its name without legal form, by a typo — only when one smelter matches', () => {
    const index = referenceIndex(rmi65());
    const taboca = record('CID001173');
    assert.equal(index.match(taboca.name, 'Tin')?.record, taboca);
    assert.equal(index.match('Mineração Taboca S.A.', 'Tin')?.record, taboca, 'an alias, accents and all');
    assert.equal(index.match('MINERACAO TABOCA', 'Tin')?.by, 'entity', 'without its legal form');
    assert.equal(index.match('Mineracao Tabocca S.A.', 'Tin')?.by, 'typo');
    // the same company's tantalum smelter is another CID
    assert.equal(index.match(taboca.name, 'Tantalum')?.record.cid, 'CID001175');
    // TANIOBIS GmbH (Germany) and TANIOBIS Co., Ltd. (Thailand) are two smelters: their legal forms say so
    assert.equal(index.match('TANIOBIS GmbH', 'Tantalum')?.record.cid, 'CID002545');
    assert.equal(index.match('TANIOBIS Co., Ltd.', 'Tantalum')?.record.cid, 'CID002544');
    assert.equal(index.match('Taniobis Limited', 'Tantalum')?.record.cid, 'CID002544', 'an English form is the Thai company');
    assert.equal(index.match('TANIOBIS AG', 'Tantalum')?.record.cid, 'CID002545', 'a German form is the German company');
    // "H.C. Starck" without a form names four smelters of four countries: none in particular
    assert.equal(index.match('H.C. Starck', 'Tantalum'), undefined);
  });

  it('knows which legal forms one entity may carry', () => {
    assert.equal(compatibleForms(legalSystems('TANIOBIS GmbH'), legalSystems('TANIOBIS Co., Ltd.')), false);
    assert.equal(compatibleForms(legalSystems('Global Tungsten & Powders Corp.'), legalSystems('Global Tungsten & Powders LLC')), true);
    assert.equal(compatibleForms(legalSystems('Dragon Silver Holdings'), legalSystems('Dragon Silver Holdings Limited')), true);
    assert.equal(compatibleForms(legalSystems('Argor-Heraeus SA'), legalSystems('Argor-Heraeus AG')), true, 'Swiss: both');
  });

  it('tells a CID added after the reference from one below its highest that it lacks', () => {
    const highest = referenceIndex(rmi65()).highestCid;
    const above = `CID${String(highest + 1).padStart(6, '0')}`;
    assert.equal(cidAge(rmi65(), above), 'newer');
    assert.equal(cidAge(rmi65(), 'CID000211'), 'absent', 'Changsha South Tantalum left the look-up in 6.4');
    const findings = judged([
      ['Tin', 'Some New Tin Smelter', 'PERU', above],
      ['Tantalum', 'Changsha South Tantalum Niobium Co., Ltd.', 'CHINA', 'CID000211'],
    ]);
    assert.match(findings.find((f) => f.line === 2)!.message, /whose CIDs end at CID\d{6}: added by RMI since\?/);
    assert.match(
      findings.find((f) => f.line === 3)!.message,
      /mistyped, or retired by RMI since\. It is below the list's highest CID, CID\d{6}; public filings named it 'Changsha South Tantalum Niobium Co\., Ltd\.', Tantalum: retired, most likely\./,
    );
  });

  it('reports one smelter listed twice under two of its RMI names, once, with both names', () => {
    const thai = record('CID002544');
    const old = thai.aliases.find((a) => /starck/i.test(a))!;
    const findings = judged([
      ['Tantalum', thai.name, 'THAILAND', thai.cid],
      ['Tantalum', old, 'THAILAND', thai.cid],
    ]);
    assert.deepEqual(
      findings.map((f) => `${f.line} ${f.rule}`),
      ['3 row-near-duplicate'],
      'listed twice, with the standard name: one finding, no hint about the old name beside it',
    );
    assert.match(
      findings.find((f) => f.rule === 'row-near-duplicate')!.message,
      new RegExp(`'${old.replace(/\./g, '\\.')}' and 'TANIOBIS Co\\., Ltd\\.' on line 2 are one tantalum smelter, CID002544.*listed twice`),
    );
    // without CIDs, the names identify the smelter just the same
    assert.deepEqual(
      judged([
        ['Tantalum', thai.name, 'THAILAND', ''],
        ['Tantalum', old, 'THAILAND', ''],
      ]).map((f) => `${f.line} ${f.rule}`),
      ['3 row-near-duplicate'],
      'one finding just the same',
    );
  });

  it('keeps two CIDs two smelters whatever their names', () => {
    const rows = [
      ['Tantalum', 'TANIOBIS Co., Ltd.', '', ''],
      ['Tantalum', 'TANIOBIS GmbH', '', ''],
      ['Tantalum', 'TANIOBIS Japan Co., Ltd.', '', ''],
    ];
    assert.deepEqual(
      lintList(rows).filter((f) => f.rule === 'row-near-duplicate' || f.rule === 'cid-duplicate'),
      [],
    );
    assert.deepEqual(
      lintList(rows, { reference: undefined }).filter((f) => f.rule === 'row-near-duplicate'),
      [],
      'with the bundled list too: the legal forms are of two legal systems',
    );
  });

  it('takes a renamed company’s names for every CID of it: Mitsui Kinzoku is Mitsui Mining and Smelting', () => {
    assert.deepEqual(judged([['Tantalum', 'Mitsui Kinzoku Company, Limited', 'JAPAN', 'CID001192']]), []);
    // but a sibling's exact name beside another CID is the sibling's
    const findings = judged([['Tantalum', 'TANIOBIS GmbH', 'GERMANY', 'CID002544']]);
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['cid-mismatch'],
    );
    assert.match(findings[0].message, /'TANIOBIS GmbH' is CID002545 there/);
    assert.deepEqual(findings[0].fixes[0], "Use CID002545, the CID of 'TANIOBIS GmbH'");
  });

  it('reports a gold refiner listed under Tin, with or without its CID, once', () => {
    const asahi = record('CID000082');
    const byName = judged([['Tin', asahi.name, 'JAPAN', '']]);
    assert.deepEqual(
      byName.map((f) => f.rule),
      ['metal-mismatch'],
    );
    assert.match(byName[0].message, /is a gold smelter in RMI's list.*CID000082.*not a tin one/);
    const byCid = judged([['Tin', asahi.name, 'JAPAN', asahi.cid]]);
    assert.deepEqual(
      byCid.map((f) => f.rule),
      ['cid-mismatch'],
      'a CID of another metal is cid-mismatch’s: one finding per cause',
    );
    // a company RMI lists for both metals is no mismatch
    assert.deepEqual(judged([['Tin', 'Mitsubishi Materials Corporation', 'JAPAN', '']]), []);
  });

  it('reports a country the reference contradicts, Hong Kong, Macao and Taiwan conventions respected', () => {
    const minsur = record('CID001182');
    const wrong = judged([['Tin', minsur.name, 'BOLIVIA (PLURINATIONAL STATE OF)', '']]);
    assert.deepEqual(
      wrong.map((f) => f.rule),
      ['smelter-multi-country'],
    );
    assert.match(wrong[0].message, /places in PERU/);
    const heraeus = record('CID000707'); // RMI files Heraeus Metals Hong Kong under China
    assert.equal(heraeus.country, 'CN');
    for (const country of ['HONG KONG', 'CHINA'])
      assert.deepEqual(judged([['Gold', heraeus.name, country, '']]), [], `${country} for a Hong Kong refiner`);
    assert.deepEqual(judged([['Gold', heraeus.name, 'HONG KONG', heraeus.cid]]), [], 'nor beside its CID');
    assert.equal(sameSmelterCountry('TW', 'CN'), true);
    assert.equal(sameSmelterCountry('JP', 'CN'), false);
  });

  it('offers the standard name for a typo of an RMI name, beside a CID or without one', () => {
    const taboca = record('CID001173');
    const typo = taboca.name.replace('Taboca', 'Tabcoa');
    for (const cid of [taboca.cid, '']) {
      const findings = judged([['Tin', typo, 'BRAZIL', cid]]);
      assert.deepEqual(
        findings.map((f) => f.rule),
        ['smelter-listed'],
        `CID '${cid}'`,
      );
      assert.deepEqual(findings[0].fixes, [`Change to '${taboca.name}'`]);
    }
    // a number is never a typo: another unit
    assert.deepEqual(judged([['Gold', 'Emerald Jewel Industry India Limited (Unit 9)', 'INDIA', '']]), []);
  });

  it('merges AMD 2024’s annex into its 214 smelters: two TANIOBIS companies stay two', async () => {
    const file = path.join(SHARED, 'corpus', 'edgar', 'amd-2024-ex1-01.html');
    const prepared = await prepareFile(file, { optionsFor: () => Promise.resolve({}) });
    assert.ok(prepared.ok);
    for (const reference of [undefined, rmi65()]) {
      const rows = sourceRowsOf('amd', analyzeText(prepared.text, prepared.options));
      assert.equal(rows.filter((r) => r.kind === 'smelter').length, 214);
      const agg = aggregate([{ file: 'amd', rows }], reference ?? bundledReference());
      assert.equal(agg.rows.length, 214, reference ? 'with RMI 6.5' : 'with the bundled list');
    }
  });
});

/** Spellings of one name a supplier may write: case, accents removed, its legal form (at its end) written another way. */
function respelled(name: string): fc.Arbitrary<string> {
  return fc
    .record({
      upper: fc.boolean(),
      accents: fc.boolean(),
      form: fc.constantFrom<[RegExp, string]>(
        [/Co\., Ltd\.$/, 'Co. Ltd'],
        [/Ltd\.$/, 'Limited'],
        [/S\.A\.$/, 'SA'],
        [/Inc\.$/, 'Inc'],
        [/$/, ''],
      ),
    })
    .map(({ upper, accents, form }) => {
      let n = name.replace(form[0], form[1]);
      if (accents) n = stripDiacritics(n);
      return upper ? n.toUpperCase() : n;
    });
}

describe('identity: stable under row order, case, accents and legal forms (property)', () => {
  /** Real records of the 6.5 list whose standard name identifies them alone. */
  function identifiable(): SmelterRecord[] {
    const index = referenceIndex(rmi65());
    return [...rmi65().records()].filter((r) => index.match(r.name, r.metal)?.record === r).slice(0, 400);
  }

  it('identifies a name as the same smelter however it is respelled', () => {
    const records = identifiable();
    const index = referenceIndex(rmi65());
    fc.assert(
      fc.property(
        fc.constantFrom(...records).chain((r) => fc.tuple(fc.constant(r), respelled(r.name))),
        ([r, spelling]) => index.match(spelling, r.metal)?.record === r,
      ),
      { numRuns: 300 },
    );
  });

  it('tells a smelter listed under a second name once, whichever of its rows comes first (a case the property found)', () => {
    const a = [
      ['Tantalum', 'KEMET de Mexico', '', ''],
      ['Tantalum', 'KEMET Blue Metals', '', 'CID002539'],
      ['Tantalum', 'KEMET Blue Metals', '', ''],
    ];
    const b = [a[1], a[0], a[2]];
    const told = (rows: string[][]) => judged(rows).filter((f) => f.rule === 'row-near-duplicate');
    assert.equal(told(a).length, 1);
    assert.equal(told(b).length, 1);
  });

  it('gives the same identity findings and merged table whatever the order of the rows', () => {
    const records = identifiable();
    const row = fc
      .constantFrom(...records)
      .chain((r) =>
        fc.tuple(
          fc.constant(r.metal),
          fc.oneof(fc.constant(r.name), fc.constantFrom(...(r.aliases.length > 0 ? r.aliases : [r.name]))),
          fc.constantFrom('', r.cid),
        ),
      );
    fc.assert(
      fc.property(
        fc
          .array(row, { minLength: 2, maxLength: 12 })
          .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        ([rows, shuffled]) => {
          const told = (list: string[][]) =>
            judged(list.map(([m, n, c]) => [m, n, '', c]))
              .filter((f) => f.rule !== 'row-near-duplicate' && f.rule !== 'cid-duplicate') // they name the earlier row: order-dependent by design
              .map((f) => `${f.rule} ${list[f.line - 2].join('|')}`)
              .sort();
          assert.deepEqual(told(shuffled.map((r) => [...r])), told(rows.map((r) => [...r])));
          // how many rows are told they repeat a smelter does not depend on the order
          const repeats = (list: string[][]) =>
            judged(list.map(([m, n, c]) => [m, n, '', c])).filter((f) => f.rule === 'row-near-duplicate' || f.rule === 'cid-duplicate')
              .length;
          assert.equal(repeats(shuffled.map((r) => [...r])), repeats(rows.map((r) => [...r])));
          const merged = (list: readonly (readonly string[])[]) => {
            const text = ['Metal\tSmelter Name\tSmelter Identification', ...list.map((r) => r.join('\t'))].join('\n') + '\n';
            return aggregate([{ file: 'a.tsv', rows: sourceRowsOf('a.tsv', analyzeText(text, { format: 'tsv' })) }], rmi65())
              .rows.map((r) => `${r.metal} ${r.cid ?? r.name}`)
              .sort();
          };
          assert.deepEqual(merged(shuffled), merged(rows));
        },
      ),
      { numRuns: 60 },
    );
  });
});
