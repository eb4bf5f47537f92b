import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countryTable } from '../../server/src/core';
import { ISO_3166_1 } from '../../server/src/core/data/iso3166.generated';
import { metalsNamedIn, resolveMetal } from '../../server/src/core/data/metals';
import { bundledReference, referenceFromLookupCsv } from '../../server/src/core/data/smelters';
import { BUNDLED_SMELTERS } from '../../server/src/core/data/smelters.generated';
import { DATA } from '../helpers/paths';

function csvRows(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => {
      const i = l.indexOf(',');
      const rest = l.slice(i + 1);
      return [l.slice(0, i), rest.startsWith('"') ? rest.slice(1, -1).replace(/""/g, '"') : rest];
    });
}

describe('countries', () => {
  const countries = countryTable();

  it('covers all 249 ISO 3166-1 countries', () => {
    assert.equal(countries.countries.length, 249);
    assert.equal(new Set(countries.countries.map((c) => c.alpha3)).size, 249);
  });

  it("gives every country exactly the CMRT 6.5 drop-down's name (RMI's real list, read from ../shared/data)", () => {
    const rmi = csvRows(path.join(DATA, 'rmi-cmrt-6.5-countries.csv'));
    assert.equal(rmi.length, 249);
    for (const [code, name] of rmi) {
      const c = countries.get(code);
      assert.ok(c, `no country ${code}`);
      const expected = name.replace(/ \*$/, ''); // the template marks Western Sahara with an asterisk
      assert.equal(c.cmrtName, expected, code);
      assert.equal(countries.resolve(name)?.country.alpha2, code, `'${name}' does not resolve to ${code}`);
    }
  });

  for (const [alias, code] of [
    ['Korea', 'KR'],
    ['South Korea', 'KR'],
    ['USA', 'US'],
    ['United States', 'US'],
    ['Russia', 'RU'],
    ['Vietnam', 'VN'],
    ['Bolivia', 'BO'],
    ['Czech Republic', 'CZ'],
    ['CZECHIA', 'CZ'],
    ['Macedonia', 'MK'],
    ['NORTH MACEDONIA, REPUBLIC OF', 'MK'],
    ['MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF', 'MK'],
    ['TAIWAN', 'TW'],
    ['Taiwan, Province of China', 'TW'],
    ['UK', 'GB'],
    ['Republic of Korea', 'KR'],
    ["Côte d'Ivoire", 'CI'],
    ["COTE D'IVOIRE", 'CI'],
    ['DRC', 'CD'],
    ['Congo', 'CG'],
    ['CN', 'CN'],
    ['DEU', 'DE'],
  ] as const) {
    it(`resolves '${alias}' to ${code}`, () => assert.equal(countries.resolve(alias)?.country.alpha2, code));
  }

  it('knows which names were official in which reporting year', () => {
    const cz = countries.resolve('CZECH REPUBLIC')!;
    assert.equal(countries.isOfficialFor(cz, 2018), true);
    assert.equal(countries.isOfficialFor(cz, 2023), false);
    const mk = countries.resolve('MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF')!;
    assert.equal(countries.isOfficialFor(mk, 2018), true);
    assert.equal(countries.isOfficialFor(mk, 2023), false);
    assert.equal(countries.isOfficialFor(countries.resolve('UNITED STATES')!, 2018), false);
    assert.equal(countries.isOfficialFor(countries.resolve('Korea, Republic of')!, 2013), true);
  });

  it('writes names in either style', () => {
    const kr = countries.get('KR')!;
    assert.equal(countries.canonical(kr, 'cmrt'), 'KOREA, REPUBLIC OF');
    assert.equal(countries.canonical(kr, 'iso'), 'Korea, Republic of');
    assert.equal(countries.canonical(countries.get('BO')!, 'cmrt'), 'BOLIVIA (PLURINATIONAL STATE OF)');
  });

  it('suggests countries for misspellings', () => {
    assert.equal(countries.suggest('United Kindom')[0]?.alpha2, 'GB');
    assert.equal(countries.suggest('PHILLIPPINES')[0]?.alpha2, 'PH');
    assert.equal(countries.suggest('Gremany')[0]?.alpha2, 'DE');
    assert.deepEqual(countries.suggest('Atlantis'), []);
  });

  it('marks exactly the DRC and its nine neighbours as covered countries', () => {
    const covered = countries.countries
      .filter((c) => c.covered)
      .map((c) => c.alpha2)
      .sort();
    assert.deepEqual(covered, ['AO', 'BI', 'CD', 'CF', 'CG', 'RW', 'SS', 'TZ', 'UG', 'ZM']);
  });

  it('keeps the generated ISO table in step with the iso-3166 package (run npm run generate after updating it)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const iso = (await new Function('return import("iso-3166")')()) as {
      iso31661: Array<{ alpha2: string; alpha3: string; name: string }>;
    };
    const fromPackage = [...iso.iso31661].map((c) => [c.alpha2, c.alpha3, c.name]).sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(
      ISO_3166_1.map((r) => [...r]),
      fromPackage,
    );
  });
});

describe('metals', () => {
  it('resolves names, symbols, ores and other languages', () => {
    assert.equal(resolveMetal('Gold')?.info.metal, 'Gold');
    assert.equal(resolveMetal('TIN')?.info.metal, 'Tin');
    assert.equal(resolveMetal('Sn')?.kind, 'variant');
    assert.equal(resolveMetal('cassiterite')?.info.metal, 'Tin');
    assert.equal(resolveMetal('Columbite-Tantalite')?.info.metal, 'Tantalum');
    assert.equal(resolveMetal('coltan')?.kind, 'ore');
    assert.equal(resolveMetal('wolframite')?.info.metal, 'Tungsten');
    assert.equal(resolveMetal('钨')?.info.metal, 'Tungsten');
    assert.equal(resolveMetal('Cobalt'), undefined);
    assert.equal(resolveMetal(''), undefined);
  });

  it('reads metal words in smelter names, but not "Gold" as a brand', () => {
    assert.deepEqual(metalsNamedIn('Jiangxi Yaosheng Tungsten Co., Ltd.'), ['Tungsten']);
    assert.deepEqual(metalsNamedIn('Golden Egret'), []);
    assert.deepEqual(metalsNamedIn('PT Tinindo Inter Nusa'), []);
    assert.deepEqual(metalsNamedIn('Ningxia Orient Tantalum Industry'), ['Tantalum']);
  });
});

describe('smelter reference', () => {
  const ref = bundledReference();

  it('bundles the CIDs of the public filings, each a well-formed CID with a metal and a country', () => {
    assert.ok(BUNDLED_SMELTERS.length >= 300, `only ${BUNDLED_SMELTERS.length}`);
    for (const [cid, metal, name, country] of BUNDLED_SMELTERS) {
      assert.match(cid, /^CID\d{6}$/);
      assert.ok(['Gold', 'Tin', 'Tantalum', 'Tungsten'].includes(metal));
      assert.ok(name.length > 1);
      assert.ok(countryTable().get(country), `${cid}: country ${country}`);
    }
    assert.equal(ref.info.complete, false);
  });

  it('keys smelters per metal: one company, one CID per metal', () => {
    assert.equal(ref.lookupCid('CID001173')?.metal, 'Tin');
    assert.equal(ref.lookupCid('CID001175')?.metal, 'Tantalum');
    assert.deepEqual(
      ref.findByName('Mineração Taboca S.A.', 'Tin').map((m) => m.record.cid),
      ['CID001173'],
    );
    assert.deepEqual(
      ref.findByName('Mineracao Taboca SA', 'Tantalum').map((m) => m.record.cid),
      ['CID001175'],
    );
  });

  it("agrees with RMI's own CMRT 6.5 look-up wherever both know a CID (same metal)", () => {
    const rmi = referenceFromLookupCsv(fs.readFileSync(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), 'utf8'), 'RMI 6.5');
    assert.ok(rmi.size > 300 && rmi.info.complete);
    let shared = 0;
    for (const r of ref.records()) {
      const theirs = rmi.lookupCid(r.cid);
      if (!theirs) continue;
      shared++;
      assert.equal(theirs.metal, r.metal, `${r.cid} ${r.name}`);
    }
    assert.ok(shared > 150, `only ${shared} CIDs in common`);
  });

  it('reads look-up aliases: several look-up names map to one standard name and CID', () => {
    const rmi = referenceFromLookupCsv(fs.readFileSync(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), 'utf8'), 'RMI 6.5');
    const taboca = rmi.findByName('Mineração Taboca S.A.', 'Tin');
    assert.ok(taboca.length >= 1);
    assert.equal(taboca[0].record.cid, 'CID001173');
  });

  it('rejects a CSV that is not a smelter look-up, with a clear message', () => {
    assert.throws(() => referenceFromLookupCsv('a,b\n1,2\n', 'x.csv'), /not an RMI smelter look-up/);
  });
});

describe('reference from a CMRT workbook', () => {
  it("reads RMI's real CMRT 6.5 .xlsx (headers in Chinese) to the same smelters as its look-up CSV", async () => {
    const { referenceFromWorkbook } = await import('../../server/src/node/workbook');
    const fromXlsx = await referenceFromWorkbook(fs.readFileSync(path.join(DATA, 'RMI_CMRT_6.5.xlsx')), 'RMI_CMRT_6.5.xlsx');
    const fromCsv = referenceFromLookupCsv(fs.readFileSync(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), 'utf8'), 'csv');
    assert.equal(fromXlsx.info.complete, true);
    assert.equal(fromXlsx.size, fromCsv.size);
    for (const r of fromCsv.records()) {
      const x = fromXlsx.lookupCid(r.cid);
      assert.ok(x, r.cid);
      assert.deepEqual([x.metal, x.name, x.country, [...x.aliases].sort()], [r.metal, r.name, r.country, [...r.aliases].sort()], r.cid);
    }
  });

  it('says clearly when a file is not a CMRT workbook', async () => {
    const { referenceFromWorkbook } = await import('../../server/src/node/workbook');
    await assert.rejects(
      referenceFromWorkbook(fs.readFileSync(path.join(DATA, 'rmi-cmrt-6.5-countries.csv')), 'countries.csv'),
      /countries.csv is not an Excel workbook/,
    );
  });
});
