/**
 * Saying what a file is before linting it as a supplier's list (core/file-kind, core/filing-text): RMI's
 * smelter look-up and status lists are reference data, a table of something else holds no smelter list, and a
 * README that speaks of conflict minerals is no filing. Fixtures are written here in the shape of those files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText } from '../../server/src/core';
import { readReport } from '../../server/src/core/read-report';
import { filingVerdict } from '../../server/src/core/filing-text';
import { filesUnder } from '../../server/src/node/folders';
import { runCli } from '../helpers/cli';
import { DATA, SHARED } from '../helpers/paths';

const METALS = ['Gold', 'Tantalum', 'Tin', 'Tungsten'];

/** A look-up in RMI's shape: each smelter under its standard name, some aliases beside it, and the look-up's own entries per metal. */
function lookupCsv(opts: { special?: boolean; extra?: string[] } = {}): string {
  const lines = ['Metal,Smelter Look-up,Standard Smelter Name,Country,Smelter Identification,Source,Street,City,State/Province'];
  let cid = 900100;
  METALS.forEach((metal, m) => {
    for (let i = 0; i < 6; i++) {
      const name = `${metal} Works ${String.fromCharCode(65 + i)}${m} Co., Ltd.`;
      const id = `CID${cid++}`;
      lines.push(`${metal},"${name}","${name}",JAPAN,${id},RMI,,Osaka,Osaka`);
      if (i < 2) lines.push(`${metal},${metal} Works ${String.fromCharCode(65 + i)}${m},"${name}",JAPAN,${id},RMI,,Osaka,Osaka`);
    }
    if (opts.special !== false)
      lines.push(`${metal},Smelter not listed,,,,,,,`, `${metal},Smelter not yet identified,Unknown,Unknown,,,,,`);
  });
  return [...lines, ...(opts.extra ?? [])].join('\n') + '\n';
}

function rulesOf(r: ReturnType<typeof lintText>): string[] {
  return r.findings.map((f) => f.rule);
}

describe('what a file is (core/file-kind)', () => {
  it("says RMI's smelter look-up is a reference list, with its smelters and aliases, and lints it only for what holds of one", () => {
    const r = lintText(lookupCsv(), { fileName: 'lookup.csv', requireTable: true });
    assert.equal(r.fileKind?.kind, 'lookup');
    const info = r.findings.find((f) => f.rule === 'file-format' && f.severity === 'info');
    assert.ok(info, rulesOf(r).join());
    assert.match(info.message, /^This is RMI's smelter look-up/);
    assert.match(info.message, /24 smelters \(Gold 6, Tantalum 6, Tin 6, Tungsten 6\) under their standard names, with 8 aliases/);
    assert.match(info.message, /--reference and the cmrlint\.reference setting take/);
    // the look-up's own entries and its alias rows are no supplier's mistakes
    assert.deepEqual(rulesOf(r), ['file-format']);
    assert.match(readReport(r).kind ?? '', /^RMI's smelter look-up \(24 smelters\), a reference list/);
  });

  it('knows a look-up by what it holds in any language, and says how --reference takes one whose header is not English', () => {
    const zh = lookupCsv().replace(
      /^.*\n/,
      '金属,冶炼厂查找 (*),标准冶炼厂名称,冶炼厂地址：国家或地区,冶炼厂 ID,冶炼厂出处识别号,冶炼厂所在街道,冶炼厂所在城市,冶炼厂地址：州/省\n',
    );
    const r = lintText(zh, { fileName: 'lookup-zh.csv', requireTable: true });
    assert.equal(r.fileKind?.kind, 'lookup');
    assert.match(r.findings[0].message, /which --reference and the cmrlint\.reference setting take as the CMRT workbook it comes from/);
  });

  it('still says what matters in a reference list: a damaged encoding, a malformed smelter ID', () => {
    const text = lookupCsv({
      extra: [
        'Tin,MineraÃ§Ã£o Exemplo,Mineracao Exemplo,BRAZIL,CID900200,RMI,,,',
        'Tin,Mineracao Exemplo,Mineracao Exemplo,BRAZIL,CID9002011,RMI,,,',
      ],
    });
    const r = lintText(text, { fileName: 'lookup.csv', requireTable: true });
    assert.equal(r.fileKind?.kind, 'lookup');
    const damage = r.findings.find((f) => f.rule === 'file-format' && f.severity === 'warning');
    assert.match(damage?.message ?? '', /'MineraÃ§Ã£o Exemplo' was damaged by a wrong text encoding.*RMI's own workbook/);
    assert.ok(rulesOf(r).includes('cid-format'), rulesOf(r).join());
  });

  it("is no look-up when the rows are a supplier's CMRT export: its mistakes are still found", () => {
    const supplier = [
      'Metal,Smelter Look-up,Smelter Name,Smelter Country,Smelter Identification',
      'Gold,Asahi Pretec Corp.,,JAPAN,CID000082',
      'Tin,Minsur,,PERU,CID001182',
      'Tin,Smelter not listed,,,',
      'Tungsten,A.L.M.T. Corp.,,JAPAN,CID000004',
    ].join('\n');
    const r = lintText(supplier, { fileName: 'supplier.csv', requireTable: true });
    assert.equal(r.fileKind, undefined);
    assert.ok(rulesOf(r).includes('table-shape'), rulesOf(r).join());
    // a standard-name column filled by the template, without the look-up's own entries or aliases: a supplier's list too
    const standard = lookupCsv({ special: false })
      .split('\n')
      .filter((l) => !/Works [AB]\d,/.test(l))
      .join('\n');
    assert.equal(lintText(standard, { fileName: 'export.csv', requireTable: true }).fileKind, undefined);
  });

  it("says RMI's Conformant list exported as CSV is a status list", () => {
    const rows = [
      'Sl #,METAL,SMELTER ID,STANDARD SMELTER NAME,STATE/ PROVINCE/ REGION,COUNTRY LOCATION,LAST AUDIT DATE,AUDIT CYCLE,REAUDIT IN PROGRESS',
      ...Array.from({ length: 8 }, (_, i) => `${i + 1},${METALS[i % 4]},CID90${1000 + i},Facility ${i} Ltd.,Osaka,JAPAN,2/15/2023,1 Year,`),
    ];
    const r = lintText(rows.join('\n'), { fileName: 'facilities.csv', requireTable: true });
    assert.equal(r.fileKind?.kind, 'status');
    assert.deepEqual(rulesOf(r), ['file-format']);
    assert.match(
      r.findings[0].message,
      /^This is RMI's Conformant list: 8 conformant facilities \(Gold 2, Tantalum 2, Tin 2, Tungsten 2\)\. It is a status list/,
    );
    // the Active list has no audit columns: its status column over RMI's minerals beside the 3TG tells it
    const minerals = ['Gold', 'Cobalt', 'Mica', 'Lithium', 'Tin'];
    const active = [
      'METAL,SMELTER ID,STANDARD SMELTER NAME,COUNTRY LOCATION,Type',
      ...minerals.map((m, i) => `${m},CID90${2000 + i},Plant ${i} Ltd.,CHINA,Active`),
    ];
    assert.match(
      lintText(active.join('\n'), { fileName: 'a.csv', requireTable: true }).findings[0].message,
      /^This is RMI's Active list: 5 active facilities/,
    );
    const supplierCobalt = active.map((l) => l.replace(/^(Mica|Lithium)/, 'Tin'));
    assert.equal(lintText(supplierCobalt.join('\n'), { fileName: 'a.csv', requireTable: true }).fileKind, undefined);
    // a supplier's list with an RMAP status column is a supplier's list
    const supplier = [
      'Metal,Smelter Name,Country,Smelter ID,RMAP Status',
      ...Array.from({ length: 8 }, (_, i) => `${METALS[i % 4]},Facility ${i} Ltd.,JAPAN,CID90${1000 + i},Conformant`),
    ];
    assert.equal(lintText(supplier.join('\n'), { fileName: 'supplier.csv', requireTable: true }).fileKind, undefined);
  });

  it('says what a table that holds no smelter is, in one finding that is no error, and reads no header among its rows', () => {
    const countries = lintText('Code,Country\nAF,AFGHANISTAN\nAL,ALBANIA\nDZ,ALGERIA\nJP,JAPAN\n', {
      fileName: 'c.csv',
      requireTable: true,
    });
    assert.deepEqual(
      countries.findings.map((f) => [f.rule, f.severity, f.message]),
      [
        [
          'file-format',
          'info',
          "This file is a list of countries: 4 rows under the header 'Code', 'Country'. It holds no smelter list (no smelter name, smelter ID or metal), so nothing in it was checked.",
        ],
      ],
    );
    const translations = [
      ',Sheets,Cells,English,中文 Chinese,Français,Deutsch',
      'Smelter ListA1,Smelter List,A1,Instructions,说明,Instructions,Anleitung',
      'Smelter Look-upD4,Smelter Look-up,D4,Smelter Facility Location: Country,冶炼厂地址：国家或地区,Localisation de la fonderie : pays,Schmelzhütte: Land',
      'Smelter Look-upE4,Smelter Look-up,E4,Smelter ID,冶炼厂 ID,Identifiant fonderie,Schmelzhütten-ID',
      'Smelter Look-upF4,Smelter Look-up,F4,Source,出处,Source,Quelle',
    ].join('\n');
    const t = lintText(translations, { fileName: 't.csv', requireTable: true });
    assert.deepEqual(rulesOf(t), ['file-format'], 'no "unread table" on a translated header row');
    assert.equal(t.findings[0].severity, 'info');
    assert.match(t.findings[0].message, /^This file is a table of translations \(English, 中文 Chinese, Français, Deutsch\): 4 rows/);
    assert.deepEqual(readReport(t).tables, []);
    const contacts = lintText('Name,E-mail,Phone\nAnn,ann@example.com,1\nBob,bob@example.com,2\nCy,cy@example.com,3\n', {
      fileName: 'p.csv',
      requireTable: true,
    });
    assert.match(contacts.findings[0].message, /^This file is a contact list: 3 rows/);
  });

  it("keeps a smelter list's own header without rows as a list: empty (table-unread), or what is under it not read (an error)", () => {
    const empty = lintText('Metal,Smelter Name,Smelter Country\n,,\n,,\n', { fileName: 'e.csv', requireTable: true });
    assert.equal(empty.fileKind, undefined);
    assert.match(empty.findings.find((f) => f.rule === 'table-unread')?.message ?? '', /^This smelter list is empty/);
    const text = lintText('Metal,Smelter Name,Smelter Country\nSee the attached PDF for our smelters\n', {
      fileName: 't.csv',
      requireTable: true,
    });
    assert.equal(text.fileKind, undefined);
    assert.deepEqual(
      text.findings.map((f) => [f.rule, f.severity]),
      [['file-format', 'error']],
      'a header that speaks of smelters makes no other table: what is under it was not read, an error',
    );
  });

  it('keeps the error when a table may hold smelters under a header cmrlint does not read', () => {
    const r = lintText('Werk,Land,Kennung\nAsahi Pretec Corp.,JAPAN,CID000082\nMinsur,PERU,CID001182\n', {
      fileName: 'x.csv',
      requireTable: true,
    });
    assert.equal(r.fileKind?.kind, undefined);
  });
});

describe('a filing or documentation (core/filing-text)', () => {
  it('takes a Form SD, a Conflict Minerals Report or a smelter table, and says a README that speaks of conflict minerals is documentation', () => {
    const cmr =
      '# Acme Inc.\n\n## Conflict Minerals Report\n\nFor the reporting period from January 1 to December 31, 2024.\n\nWe performed due diligence on our suppliers.\n';
    assert.deepEqual(filingVerdict(cmr, 'markdown'), { filing: true });
    const table = 'Our conflict minerals smelters\n\nMetal\tSmelter Name\tCountry\nGold\tAsahi Pretec Corp.\tJAPAN\n';
    assert.deepEqual(filingVerdict(table, 'text'), { filing: true });
    const readme = [
      '# Filings',
      '',
      'Three SEC Form SD filings with their Conflict Minerals Reports, as plain text, for calendar year 2018.',
      '',
      '```bash',
      'cmrlint filings/',
      '```',
    ].join('\n');
    const verdict = filingVerdict(readme, 'markdown');
    assert.equal(verdict?.filing, false);
    assert.equal(filingVerdict('Meeting notes: nothing about minerals.\n', 'text'), undefined);
  });

  it('a folder: documentation skipped and said, filings taken (real seeds and corpus where they lie)', () => {
    const skipped: string[] = [];
    const files = filesUnder(SHARED, (f, why) => skipped.push(`${path.relative(SHARED, f)}: ${why}`));
    const taken = files.map((f) => path.relative(SHARED, f));
    for (const readme of ['seeds/README.md', 'corpus/README.md', 'data/README.md'])
      assert.ok(
        skipped.some((s) => s.startsWith(`${readme}: documentation`)),
        `${readme} said to be skipped: ${skipped.join('; ')}`,
      );
    assert.ok(!taken.some((f) => f.endsWith('README.md')));
    assert.ok(taken.includes('corpus/edgar/amd-2024-ex1-01.md'), 'an exhibit in Markdown is taken by what it says');
    assert.ok(taken.includes('seeds/calix-2018-form-sd.txt'));
  });

  it('cmrlint aggregate lists what it skipped and why in its summary, and merges no reference list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-kinds-'));
    try {
      fs.writeFileSync(path.join(dir, 'README.md'), '# Suppliers\n\nThe conflict minerals lists our suppliers sent for 2024.\n');
      fs.writeFileSync(path.join(dir, 'lookup.csv'), lookupCsv());
      fs.writeFileSync(
        path.join(dir, 'supplier.csv'),
        'Metal,Smelter Name,Country,Smelter Identification\nGold,Asahi Pretec Corp.,JAPAN,CID000082\n',
      );
      const r = runCli(['aggregate', dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /^1 smelter from 1 of 2 files/m);
      assert.match(
        r.stderr,
        /skipped, not supplier lists: 2\n {4}\S*README\.md: documentation, not a filing[^\n]*\n {4}\S*lookup\.csv: RMI's smelter look-up \(24 smelters\), a reference list/,
      );
      assert.doesNotMatch(r.stdout, /Works/, "the look-up's smelters are not merged");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("RMI's real files under ../shared/data", () => {
  it("says the 6.5 and 6.01 look-ups are RMI's, of their revision, with no supplier-list finding", () => {
    for (const [file, revision] of [
      ['rmi-cmrt-6.5-smelter-lookup.csv', '6.5'],
      ['rmi-cmrt-6.01-smelter-lookup.csv', '6.01'],
    ]) {
      const r = runCli(['--format', 'json', path.join(DATA, file)]);
      const findings = JSON.parse(r.stdout) as Array<{ rule: string; severity: string; message: string }>;
      assert.match(findings[0].message, new RegExp(`^This is RMI's smelter look-up of CMRT ${revision.replace('.', '\\.')} `), file);
      assert.deepEqual(
        findings.filter((f) => f.rule !== 'file-format'),
        [],
        `${file}: no table-shape, placeholder or duplicate findings on RMI's own entries`,
      );
    }
  });

  it('says the country list and the translations table hold no smelter list, without an error', () => {
    for (const [file, what] of [
      ['rmi-cmrt-6.5-countries.csv', /^This file is a list of countries: 249 rows/],
      ['rmi-cmrt-6.5-texts-smelter-sheets.csv', /^This file is a table of translations/],
    ] as const) {
      const r = runCli(['--format', 'json', path.join(DATA, file)]);
      assert.equal(r.status, 0, `${file}: ${r.stdout}`);
      const findings = JSON.parse(r.stdout) as Array<{ rule: string; severity: string; message: string }>;
      assert.equal(findings.length, 1, file);
      assert.equal(findings[0].severity, 'info');
      assert.match(findings[0].message, what);
    }
  });
});
