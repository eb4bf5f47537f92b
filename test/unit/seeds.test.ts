/**
 * The CLI on the three real filings in ../shared/seeds. Every expected finding below was checked by reading
 * the line in the filing.
 */
import * as assert from 'node:assert/strict';
import { cliJson, CliFinding, runCli } from '../helpers/cli';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA, readSeed, seed } from '../helpers/paths';

const at = (fs: CliFinding[]) => fs.map((f) => `${f.line}:${f.rule}`).sort();
/** The hints that a name is another name of a listed smelter (with RMI's lists), apart from the other findings. */
const isAliasHint = (f: CliFinding) => f.rule === 'smelter-listed' && / is another name of CID\d{6} in RMI's list/.test(f.message);
const withoutAliasHints = (fs: CliFinding[]) => fs.filter((f) => !isAliasHint(f));

/**
 * RMI's own lists in ../shared/data, not the bundled list: the bundled list is built from the seeds' CID
 * tables, so checking the seeds' CIDs against it would be true by construction. 6.01 (2020) is the nearest
 * revision to the 2018 filing that we have; 6.5 adds what came since.
 */
const RMI_LISTS = ['rmi-cmrt-6.01-smelter-lookup.csv', 'rmi-cmrt-6.5-smelter-lookup.csv'].map((f) => path.join(DATA, f));
const withRmi = RMI_LISTS.flatMap((f) => ['--reference', f]);

/** The CIDs of RMI's look-up CSVs, read here independently of the product's reader. */
function rmiCids(): Set<string> {
  const cids = new Set<string>();
  for (const f of RMI_LISTS) for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bCID\d{6}\b/g)) cids.add(m[0]);
  return cids;
}

describe("seed: Calix 2018 (CMRT names, CIDs), checked against RMI's lists", () => {
  const r = cliJson([...withRmi, seed('calix-2018-form-sd.txt')]);

  it('every CID names the smelter, metal and country RMI gives it: no cid-mismatch, no cid-duplicate', () => {
    assert.ok(
      !r.findings.some((f) => f.rule === 'cid-mismatch' || f.rule === 'cid-duplicate'),
      r.findings
        .filter((f) => f.rule.startsWith('cid-m'))
        .map((f) => f.message)
        .join('\n'),
    );
  });

  it('reports as cid-unknown exactly the CIDs that are in neither RMI list (retired between 2018 and 2020)', () => {
    const text = readSeed('calix-2018-form-sd.txt');
    const known = rmiCids();
    const used = new Set(text.match(/\bCID\d{6}\b/g));
    const retired = [...used].filter((c) => !known.has(c)).sort();
    const unknown = r.findings.filter((f) => f.rule === 'cid-unknown').map((f) => /CID\d{6}/.exec(f.message)![0]);
    assert.deepEqual([...new Set(unknown)].sort(), retired);
    assert.ok(retired.length > 20 && retired.length < used.size / 4, `${retired.length} of ${used.size}`);
  });

  it('otherwise has exactly one finding: the missing CID of Jinzhi Minerals Ltd. (line 352)', () => {
    const others = withoutAliasHints(r.findings).filter((f) => f.rule !== 'cid-unknown');
    // and a typo beside a CID: 'Operaciones Metalurgical S.A.' (CID001337 is Operaciones Metalurgicas S.A.)
    assert.deepEqual(at(others), ['352:cid-missing', '366:smelter-listed']);
    const f = others[0];
    assert.equal(f.column, 5);
    assert.equal(f.endColumn, 5 + 'Jinzhi Minerals Ltd.'.length);
    assert.equal(f.severity, 'warning');
    assert.equal(r.status, 0);
    // with the bundled list (no complete list to say a CID does not exist) that is the only finding
    assert.deepEqual(at(cliJson([seed('calix-2018-form-sd.txt')]).findings), ['352:cid-missing']);
  });

  it("accepts 2018's official names: CZECH REPUBLIC, MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF", () => {
    const text = readSeed('calix-2018-form-sd.txt');
    assert.ok(text.includes('CZECH REPUBLIC') && text.includes('MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF'));
    assert.ok(!r.findings.some((f) => f.rule.startsWith('country-')));
  });
});

describe('seed: Allison 2023 (CMRT names, no CIDs)', () => {
  const r = cliJson([...withRmi, seed('allison-2023-form-sd.txt')]);
  const expected = [
    '169:smelter-listed', // Luoyang Zijin Yinhuai: RMI's standard name is Yinhui
    // one smelter under two of its RMI names (the same CID in RMI's lists): listed twice
    '207:row-near-duplicate', // Allgemeine Gold-und Silberscheideanstalt A.G. / Agosi AG (206)
    '214:row-near-duplicate', // Heraeus Precious Metals GmbH & Co. KG / Heraeus Germany GmbH Co. KG (213)
    '316:row-near-duplicate', // PAMP S.A. / MKS PAMP SA (315)
    '411:row-near-duplicate', // Materion Newton Inc. / H.C. Starck Inc. (409)
    '416:row-near-duplicate', // Metallo Belgium N.V. / Aurubis Beerse (415)
    '420:row-near-duplicate', // Empresa Metalúrgica Vinto / EM Vinto (418)
    '497:row-near-duplicate', // Yunnan Tin Company Limited / Tin Smelting Branch of Yunnan Tin Co., Ltd. (480)
    '536:row-near-duplicate', // PT Rajehan Ariq / CV Tiga Sekawan (507)
    '563:row-near-duplicate', // MSC / Malaysia Smelting Corporation (MSC) (557)
    '571:row-near-duplicate', // Novosibirsk Tin Combine / Novosibirsk Processing Plant Ltd. (570)
    '576:row-near-duplicate', // Metallo Spain S.L.U. / Aurubis Berango (574)
    '602:row-near-duplicate', // China Molybdenum Tungsten / China Molybdenum (601)
    '621:row-near-duplicate', // Hunan Jintai New Material / Hunan Chunchang Nonferrous Metals (620)
    '623:row-near-duplicate', // Hunan Shizhuyuan ... Chenzhou Tungsten Products Branch / Chenzhou Diamond Tungsten (598)
    '631:row-near-duplicate', // Jingmen Dewei GEM Tungsten / Hubei Green Tungsten (616)
    '638:row-near-duplicate', // Xinhai Rendan Shaoguan Tungsten / Shaoguan Xinhai Rendan Tungsten Industry (633)
    '646:row-near-duplicate', // A.L.M.T. TUNGSTEN Corp. / A.L.M.T. Corp. (645)
    '421:smelter-listed', // Empresa Nacional de Fundiciones (ENAF): RMI's alias is spelled Empressa; EM Vinto
    '228:row-near-duplicate', // GGC Gujrat Gold Centre / GCC (227)
    '299:row-near-duplicate', // OJSC Novosibirsk Refinery / JSC Novosibirsk Refinery (294)
    '299:country-inconsistent', // Russian Federation among RUSSIAN FEDERATION
    '400:country-alias', // NORTH MACEDONIA, REPUBLIC OF (not official in 2023)
    '413:smelter-placeholder', // Smelter not yet identified
    '418:country-inconsistent', // BOLIVIA beside BOLIVIA (PLURINATIONAL STATE OF), twice each
    '419:country-inconsistent',
    '431:row-near-duplicate', // Mineração Taboca S.A.
    '432:row-near-duplicate', // Mineracao Taboca SA
    '444:row-near-duplicate', // Dragon Silver Holdings Limited
    '461:row-near-duplicate', // Huichang Jinshunda Tin Co., Ltd.
    '464:metal-mismatch', // Tin · Jiangxi Yaosheng Tungsten
    '484:metal-mismatch', // Tin · Xiamen Honglu Tungsten Molybdenum
    '498:row-near-duplicate', // Yunnan Tin Company, Ltd.
    '541:row-near-duplicate', // PT Sukses Inti Makmur (SIM)
    '568:country-unknown', // PHILLIPPINES
    '572:smelter-placeholder', // Smelter not listed
    '577:country-inconsistent', // TAIWAN among TAIWAN, PROVINCE OF CHINA
    '583:country-inconsistent', // UNITED STATES ×3 among UNITED STATES OF AMERICA: one finding for the three
    '586:smelter-placeholder', // all sourced through recycling - ...
    '551:smelter-multi-country', // Thai Nguyen ... INDONESIA here, VIET NAM on 591 and in RMI's list
    '601:country-inconsistent', // China ×4 among CHINA: one finding for the four
    '608:row-near-duplicate', // Fujian Xinlu Tungsten Co., Ltd. / Fujian Xinlu Tungsten
    '618:smelter-listed', // ... Wuij: RMI's standard name ends Wuji
    '619:row-near-duplicate', // ... Wuji / Wuij
    '646:country-inconsistent', // Japan
    '653:country-inconsistent', // Russian Federation
    '663:country-inconsistent', // Taiwan, Province Of China
    '666:row-near-duplicate', // Global Tungsten & Powders LLC / Corp.
    '666:country-inconsistent', // United States Of America
    '667:row-near-duplicate', // Global Tungsten & Powders LLC.
  ].sort();

  it('reports the findings a reviewer finds, on their lines, and nothing else', () => {
    assert.deepEqual(at(withoutAliasHints(r.findings)), expected);
    assert.equal(r.status, 1); // PHILLIPPINES is an error
  });

  it("with RMI's lists: former and other names of listed smelters are hints with the standard name, never warnings", () => {
    // with one list (merged lists of two revisions disagree on which name is standard, and say nothing)
    assert.deepEqual(r.findings.filter(isAliasHint), []);
    const hints = cliJson(['--reference', RMI_LISTS[1], seed('allison-2023-form-sd.txt')]).findings.filter(isAliasHint);
    assert.ok(hints.length >= 2, `${hints.length} alias hints`);
    assert.ok(hints.every((f) => f.severity === 'hint'));
    assert.ok(
      hints.some((f) => /^'Asahi Pretec Corp\.' is another name of CID000082 .*standard name is 'ASAHI METALFINE, Inc\.'/.test(f.message)),
    );
    // a smelter listed twice under two of its names is one finding, row-near-duplicate's, which names the
    // standard name: 'Allgemeine Gold-und Silberscheideanstalt A.G.' (207) below 'Agosi AG' (206) gets no hint
    assert.ok(!hints.some((f) => f.line === 207 || f.line === 206));
    // the bundled sample says nothing of the kind
    assert.deepEqual(cliJson([seed('allison-2023-form-sd.txt')]).findings.filter(isAliasHint), []);
  });

  it('offers did-you-mean for PHILLIPPINES and points duplicates at the first spelling', () => {
    assert.match(r.findings.find((f) => f.rule === 'country-unknown')!.message, /Did you mean 'PHILIPPINES'/);
    const taboca = r.findings.find((f) => f.line === 431)!;
    assert.equal(taboca.related![0].line, 430);
    const inconsistent = r.findings.find((f) => f.line === 666 && f.rule === 'country-inconsistent')!;
    assert.match(inconsistent.message, /'UNITED STATES OF AMERICA'/);
  });
});

describe('seed: Allot 2013 (ISO title case, no CIDs)', () => {
  const r = cliJson([...withRmi, seed('allot-2013-form-sd.txt')]);
  const text = readSeed('allot-2013-form-sd.txt');
  const lines = text.split('\n');
  const linesWhereCountryIs = (country: string) => lines.flatMap((l, i) => (l.split('\t')[2]?.trim() === country ? [i + 1] : []));

  it('is read in ISO title-case style: no finding for "Korea, Republic of", "Russian Federation", "China"', () => {
    const flagged = new Set(r.findings.map((f) => f.line));
    for (const c of ['Korea, Republic of', 'Russian Federation', 'China', 'Japan', 'Hong Kong']) {
      for (const l of linesWhereCountryIs(c))
        assert.ok(
          !flagged.has(l) ||
            r.findings.some(
              (f) => f.line === l && ['row-duplicate', 'smelter-listed', 'row-near-duplicate', 'metal-mismatch'].includes(f.rule),
            ),
          `line ${l} (${c})`,
        );
    }
  });

  it('reports the repeated tantalum block (lines 316-328) as repeats of lines 301-315, but for its F&X row', () => {
    // line 319 writes 'F&X Electro-Materials Limited' where line 306 has 'F & X …': another spelling, not a copy
    const dups = r.findings.filter((f) => f.rule === 'row-duplicate');
    assert.deepEqual(
      dups.map((f) => [f.line, f.endLine]),
      [
        [316, 318],
        [320, 328],
      ],
    );
    assert.deepEqual(
      dups[1].related!.map((x) => x.line),
      [307, 315],
    );
    assert.match(dups[1].message, /These 9 rows, lines 320–328, repeat the 9 rows of lines 307–315/);
  });

  it('reports "United Kindom" as unknown with the UK as the suggestion', () => {
    const f = r.findings.filter((x) => x.rule === 'country-unknown');
    assert.deepEqual(
      f.map((x) => x.line),
      [371],
    );
    assert.match(f[0].message, /Did you mean 'United Kingdom of Great Britain and Northern Ireland'/);
  });

  it('a filing for readers: "United States", "Taiwan", "Bolivia" are clear names; "Korea" is ambiguous, once for its three rows', () => {
    const aliases = r.findings.filter((f) => f.rule.startsWith('country-') && f.rule !== 'country-unknown');
    assert.deepEqual(
      aliases.map((f) => f.line),
      [linesWhereCountryIs('Korea')[0]],
    );
    assert.match(
      aliases[0].message,
      /'Korea' can be read as South Korea or North Korea: write 'Korea, Republic of'.*The same on 2 more rows/,
    );
    assert.deepEqual(
      aliases[0].related!.map((x) => x.line),
      linesWhereCountryIs('Korea').slice(1),
    );
  });

  it('with a chosen country style (--country-style iso) the ISO names are enforced', () => {
    const iso = cliJson(['--country-style', 'iso', seed('allot-2013-form-sd.txt')]);
    const spelled = new Set(iso.findings.filter((f) => f.rule === 'country-alias').map((f) => /^'([^']+)'/.exec(f.message)?.[1]));
    assert.deepEqual([...spelled].sort(), ['Bolivia', 'Korea', 'Taiwan', 'United States']);
  });

  it('reports near duplicates: F&X, PT.DS JAYA ABADI, PT DS Jaya Abadi, TIMAH', () => {
    const near = r.findings.filter((f) => f.rule === 'row-near-duplicate');
    assert.deepEqual(
      near.map((f) => f.line),
      // and one smelter under two of its RMI names: Pan Pacific Copper / JX Nippon Mining & Metals, Nankang
      // Nanshan / Jiangxi Nanshan, PT Tambang Timah / Kundur Smelter, Allied Material / A.L.M.T. Corp.
      [265, 319, 380, 395, 408, 413, 427, 443],
    );
    assert.match(
      near.find((f) => f.line === 319)!.message,
      /'F&X Electro-Materials Limited' looks like the same tantalum smelter as 'F & X Electro-Materials Limited' on line 306/,
    );
  });

  it('reports nothing else', () => {
    const findings = withoutAliasHints(r.findings);
    const rules = new Set(findings.map((f) => f.rule));
    // metal-mismatch: gold refiners under Tin or Tungsten, tin smelters under Gold, as RMI's lists have them
    assert.deepEqual([...rules].sort(), [
      'country-alias',
      'country-unknown',
      'metal-mismatch',
      'row-duplicate',
      'row-near-duplicate',
      'smelter-listed',
    ]);
    assert.deepEqual(
      findings.filter((f) => f.rule === 'metal-mismatch').map((f) => f.line),
      [251, 298, 343, 348, 354, 487],
    );
    assert.equal(findings.length, 23);
  });

  it("suggests RMI's standard name for misspelt smelters: Geiju → Gejiu, Banka → Bangka", () => {
    const typos = withoutAliasHints(r.findings).filter((f) => f.rule === 'smelter-listed');
    assert.deepEqual(
      typos.map((f) => f.line),
      // and misspellings of RMI's aliases: JiangxiShunda, Liuzhhou China Tin, White Solder Metalurgica
      [345, 363, 369, 403, 430],
    );
    assert.match(typos[0].message, /did you mean 'Gejiu Non-Ferrous Metal Processing Co., Ltd.', CID000538\?/);
    assert.match(typos[3].message, /did you mean 'PT Refined Bangka Tin', CID001460\?/);
  });
});

describe('CLI output', () => {
  it('text format: file:line:col  severity  message  rule', () => {
    const r = runCli([seed('calix-2018-form-sd.txt')]);
    const first = r.stdout.split('\n')[0];
    assert.match(first, /calix-2018-form-sd\.txt:352:5 {2}warning {2}No smelter ID for 'Jinzhi Minerals Ltd\.' \(Tin\)\. {2}cid-missing$/);
  });

  it('json format: one object per finding with 1-based positions', () => {
    const r = cliJson([seed('allison-2023-form-sd.txt')]);
    for (const f of r.findings) {
      assert.deepEqual(
        Object.keys(f).filter((k) => k !== 'related'),
        ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message'],
      );
      assert.ok(f.line >= 1 && f.column >= 1);
    }
  });

  it('--country-style iso makes a CMRT filing report its upper-case names', () => {
    const r = cliJson(['--country-style', 'iso', seed('calix-2018-form-sd.txt')]);
    // one finding per spelling, each saying on how many more rows it is
    const rows = r.findings
      .filter((f) => f.rule === 'country-inconsistent')
      .reduce((n, f) => n + 1 + Number(/The same on ([\d,]+) more/.exec(f.message)?.[1].replace(/,/g, '') ?? 0), 0);
    assert.ok(rows > 300, `${rows} rows`);
  });

  it("--reference with RMI's look-up checks CIDs against the full list", () => {
    const r = cliJson(['--reference', '../shared/data/rmi-cmrt-6.5-smelter-lookup.csv', seed('calix-2018-form-sd.txt')]);
    assert.ok(
      r.findings.some((f) => f.rule === 'cid-unknown'),
      'retired 2018 CIDs are not in the 2025 list',
    );
    assert.ok(!r.findings.some((f) => f.rule === 'cid-mismatch'), 'no CID of Calix names another smelter in RMI 6.5');
  });
});

describe('CLI --fix', () => {
  it('applies fix-all in place on the Allot filing, reports what remains, and a second run changes nothing', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const os = require('node:os') as typeof import('node:os');
    const path = require('node:path') as typeof import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-fix-')), 'allot-form-sd.txt');
    fs.copyFileSync(seed('allot-2013-form-sd.txt'), file);
    const before = fs.readFileSync(file, 'utf8');
    const first = runCli(['--format', 'json', '--fix', file]);
    assert.match(first.stderr, /allot-form-sd\.txt: fixed \d+ problems/);
    const after = fs.readFileSync(file, 'utf8');
    assert.equal(before.split('\n').length - after.split('\n').length, 12, 'the 12 duplicate rows are deleted');
    assert.ok(after.includes('\tF&X Electro-Materials Limited\t'), 'another spelling is not a duplicate: F&X is kept');
    const remaining = (JSON.parse(first.stdout) as CliFinding[]).map((f) => f.rule);
    assert.ok(!remaining.includes('row-duplicate') && !remaining.includes('country-alias'));
    assert.ok(remaining.includes('country-unknown'), 'United Kindom needs a person');
    const second = runCli(['--fix', file]);
    assert.equal(second.stderr, '');
    assert.equal(fs.readFileSync(file, 'utf8'), after);
  });
});
