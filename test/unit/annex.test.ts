/**
 * cmrlint annex: the annex a CMR publishes, made from the real suppliers' CMRTs and RMI's real status list;
 * its paragraph's counts are read by the count checks and agree with its table; supplier text is escaped.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Annex, annexCells, buildAnnex, renderAnnex } from '../../server/src/core/annex';
import { aggregate, SourceFile } from '../../server/src/core/aggregate';
import { bundledReference } from '../../server/src/core/data/smelters';
import { analyzeText, lintText } from '../../server/src/core/lint';
import { actualCount, countStatements, tableCounts } from '../../server/src/core/prose/counts';
import { StatusList } from '../../server/src/core/status/model';
import { runAnnex } from '../../server/src/cli/annex';
import { mergeSources, sourceOfFile } from '../../server/src/node/aggregate';
import { loadStatusList } from '../../server/src/node/status';
import { XlsxWorkbook } from '../../server/src/node/xlsx';
import { parseProjectConfig } from '../../server/src/core/config';
import { cliJson, runCli } from '../helpers/cli';
import { SHARED } from '../helpers/paths';

const CORPUS = path.join(SHARED, 'corpus');
const SUPPLIERS = ['cmrt-6.4-jx-advanced-metals-2024.xlsx', 'cmrt-6.4-pkg-de00-2024.xlsx'].map((f) => path.join(CORPUS, f));
const STATUS = path.join(CORPUS, 'rmi-rmap-status-2023.xlsx');

async function realAnnex(asOf = '2023-12-31', withStatus = true): Promise<Annex> {
  const status: StatusList | undefined = withStatus ? loadStatusList(STATUS) : undefined;
  const request = { optionsFor: () => Promise.resolve({}) };
  const sources = await Promise.all(SUPPLIERS.map((f) => sourceOfFile(f, request)));
  return buildAnnex(await mergeSources(sources, undefined), status, asOf);
}

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runAnnex(args, { out: (s) => out.push(s), err: (s) => err.push(s), today: '2023-12-31' });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('cmrlint annex', () => {
  let annex: Annex;
  let dir: string;
  before(async () => {
    annex = await realAnnex();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-annex-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lists the real suppliers' smelters sorted by metal, then name, with RMI's status", () => {
    assert.equal(annex.total, 88);
    assert.deepEqual(
      annex.perMetal.map((m) => [m.metal, m.smelters]),
      [
        ['Gold', 34],
        ['Tantalum', 15],
        ['Tin', 33],
        ['Tungsten', 6],
      ],
    );
    const keys = annex.rows.map((r) => `${r.metal}\u0000${r.name.toLowerCase()}`);
    assert.deepEqual(
      keys,
      [...keys].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    const ulba = annex.rows.find((r) => r.cid === 'CID001969')!;
    assert.deepEqual([ulba.metal, ulba.country, ulba.status?.status], ['Tantalum', 'Kazakhstan', 'conformant']);
    assert.equal(annex.conformant + annex.active, annex.rows.filter((r) => r.status?.status !== 'none').length);
  });

  it('writes a Markdown annex that lints clean, every count in its paragraph read and consistent', () => {
    const md = renderAnnex(annex, 'md');
    const result = lintText(md, { format: 'markdown' });
    assert.deepEqual(
      result.findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
    const statements = countStatements(result.model);
    const counts = tableCounts(result.analysis);
    // the total, 4 metals, the Covered Countries, conformant and active of all and of each of the 4 metals with their wholes
    assert.equal(statements.length, 1 + 4 + 1 + 2 * 2 + 4 * 2 * 2);
    for (const s of statements) assert.equal(actualCount(counts, s), s.stated, md.slice(s.phraseStart, s.phraseEnd));
    assert.deepEqual(new Set(statements.map((s) => s.kind)), new Set(['total', 'metal', 'covered', 'conformant', 'active']));
  });

  it("a status count changed in the annex's text is a count-mismatch", () => {
    const md = renderAnnex(annex, 'md');
    const stated = `${annex.conformant} of the ${annex.total} smelters and refiners were RMAP conformant`;
    assert.ok(md.includes(stated));
    const changed = md.replace(stated, `${annex.conformant - 2} of the ${annex.total + 1} smelters and refiners were RMAP conformant`);
    const found = lintText(changed, { format: 'markdown' })
      .findings.filter((f) => f.rule === 'count-mismatch')
      .map((f) => f.message);
    assert.equal(found.length, 2);
    assert.match(found[0], new RegExp(`says ${annex.conformant - 2} RMAP conformant smelters; the table has ${annex.conformant}`));
    assert.match(found[1], new RegExp(`says ${annex.total + 1} smelters and refiners; the table has ${annex.total}`));
  });

  it('reads "26 of the 214 smelters were RMAP conformant" in a filing as two counts, not 214 conformant', () => {
    const rows = Array.from(
      { length: 3 },
      (_, i) => `| Tin | Smelter ${i} | CHINA | CID00010${i} | ${i === 0 ? 'Conformant' : 'Active'} |`,
    );
    const text = `1 of the 3 smelters were RMAP conformant and 2 of the 3 tin smelters were active in the RMAP.\n\n| Metal | Smelter Name | Country | Smelter ID | RMAP Status |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
    const model = analyzeText(text, { format: 'markdown' });
    assert.deepEqual(
      countStatements(model.model).map((s) => [s.kind, s.metal ?? '', s.stated, actualCount(tableCounts(model.analysis), s)]),
      [
        ['conformant', '', 1, 1],
        ['total', '', 3, 3],
        ['active', 'Tin', 2, 2],
        ['metal', 'Tin', 3, 3],
      ],
    );
  });

  it('without a status list: no status column and no status sentences, still clean', async () => {
    const plain = await realAnnex('2023-12-31', false);
    const md = renderAnnex(plain, 'md');
    assert.doesNotMatch(md, /RMAP/);
    assert.deepEqual(lintText(md, { format: 'markdown' }).findings, []);
  });

  it('escapes supplier text: a formula guarded in TSV, markup in HTML and Markdown', () => {
    const hostile: SourceFile = {
      file: 'evil.csv',
      rows: [
        {
          file: 'evil.csv',
          place: '2',
          line: 2,
          column: 1,
          kind: 'smelter',
          metal: 'Tin',
          metalText: 'Tin',
          name: '=HYPERLINK("http://x")',
          country: 'CN',
          countryText: 'CHINA',
          cid: 'CID009991',
          idText: 'CID009991',
        },
        {
          file: 'evil.csv',
          place: '3',
          line: 3,
          column: 1,
          kind: 'smelter',
          metal: 'Tin',
          metalText: 'Tin',
          name: 'A | B <script>[x](javascript:y)',
          country: 'CN',
          countryText: 'CHINA',
          cid: 'CID009992',
          idText: 'CID009992',
        },
      ],
    };
    const a = buildAnnex(aggregate([hostile], bundledReference()), undefined, '2023-12-31');
    const tsv = renderAnnex(a, 'tsv');
    assert.match(tsv, /\t'=HYPERLINK\("http:\/\/x"\)\t/);
    const html = renderAnnex(a, 'html');
    assert.ok(!html.includes('<script>') && html.includes('&lt;script&gt;'));
    const md = renderAnnex(a, 'md');
    assert.ok(md.includes('A \\| B &lt;script>\\[x\\](javascript:y)'));
    // the table reader takes the escaped pipe back: the name is one cell
    const names = analyzeText(md, { format: 'markdown' }).analysis.rows.map((r) => r.nameCell?.value);
    assert.ok(names.includes('A | B &lt;script>\\[x\\](javascript:y)'), String(names));
  });

  it('the CLI writes each format; the workbook holds the table and the counts', async () => {
    const xlsx = path.join(dir, 'annex.xlsx');
    const r = await run(['--status', STATUS, '-o', xlsx, ...SUPPLIERS]);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /wrote the annex of 88 smelters/);
    assert.match(r.out, /^Our suppliers identified 88 smelters and refiners/m);
    const wb = new XlsxWorkbook(fs.readFileSync(xlsx), 'annex.xlsx');
    assert.deepEqual(wb.grid(wb.sheet('Annex')!), annexCells(annex));
    assert.deepEqual(wb.grid(wb.sheet('Counts')!)[5].slice(0, 4), ['Total', '88', String(annex.conformant), String(annex.active)]);
    for (const [ext, start] of [
      ['md', 'Our suppliers'],
      ['html', '<p>Our suppliers'],
      ['tsv', 'Metal\tSmelter Name'],
    ] as const) {
      const out = path.join(dir, `annex.${ext}`);
      assert.equal((await run(['--status', STATUS, '-o', out, ...SUPPLIERS])).status, 0);
      assert.ok(fs.readFileSync(out, 'utf8').startsWith(start), ext);
    }
    const notes = (await run(['--status', STATUS, '--as-of', '2023-06-30', ...SUPPLIERS])).err;
    assert.match(notes, /on June 30, 2023, \d+ conformant smelters overdue for re-audit/);
    assert.match(notes, /sheet "ALl Smelter List": not read/);
  });

  it('says usage errors and unreadable status lists in a line, exit status 2', async () => {
    for (const [args, message] of [
      [[], /no files given/],
      [['--as-of', '31/12/2023', SUPPLIERS[0]], /--as-of must be a date/],
      [['--format', 'xlsx', SUPPLIERS[0]], /needs --output/],
      [['-o', 'annex.pdf', SUPPLIERS[0]], /cannot tell the format/],
      [['--status', path.join(dir, 'none.xlsx'), SUPPLIERS[0]], /cannot read the status list .*no such file/],
      [['--bogus', SUPPLIERS[0]], /Unknown option '--bogus'/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.status, 2, r.err);
      assert.match(r.err, message);
    }
    assert.match((await run(['--help'])).out, /^Usage: cmrlint annex/);
  });

  it('takes the status lists from the project\'s .cmrlint.json "status", relative to it', async () => {
    const config = path.join(dir, '.cmrlint.json');
    fs.writeFileSync(config, JSON.stringify({ status: path.relative(dir, STATUS) }));
    const r = await run(['--config', config, ...SUPPLIERS]);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /\| Metal \| Smelter Name \| Country \| Smelter ID \| RMAP Status \|/);
    assert.throws(
      () => parseProjectConfig('{"status": 3}', '.cmrlint.json'),
      /"status" must be a path to RMI's Conformant and Active lists/,
    );
    // the CLI's lint checks stated status counts against the project's lists
    const filing = path.join(dir, 'annex-without-status.cmr.md');
    fs.writeFileSync(
      filing,
      '3 of the 3 smelters and refiners were RMAP conformant.\n\n| Metal | Smelter Name | Country | Smelter ID |\n| --- | --- | --- | --- |\n| Tungsten | A.L.M.T. Corp. | JAPAN | CID000004 |\n| Gold | Agosi AG | GERMANY | CID000035 |\n| Gold | Caridad | MEXICO | CID000180 |\n',
    );
    const linted = cliJson(['--config', config, filing]);
    assert.deepEqual(
      linted.findings.map((f) => f.rule),
      ['count-mismatch'],
    );
    assert.match(
      linted.findings[0].message,
      /by RMI's lists \(rmi-rmap-status-2023\.xlsx, on \d{4}-\d{2}-\d{2}\) the table's smelters have 2\./,
    );
    // a status list the project names that cannot be read: said, exit status 2
    fs.writeFileSync(config, JSON.stringify({ status: 'no-such-list.xlsx' }));
    const broken = await run(['--config', config, ...SUPPLIERS]);
    assert.equal(broken.status, 2);
    assert.match(broken.err, /cannot read the status list .*no-such-list\.xlsx: no such file/);
  });

  it("checks stated status counts against RMI's lists too, with or without a status column", () => {
    const status = { list: loadStatusList(STATUS), asOf: '2023-12-31' };
    const table = (withColumn: boolean) =>
      [
        `| Metal | Smelter Name | Country | Smelter ID |${withColumn ? ' RMAP Status |' : ''}`,
        `| --- | --- | --- | --- |${withColumn ? ' --- |' : ''}`,
        `| Tungsten | A.L.M.T. Corp. | JAPAN | CID000004 |${withColumn ? ' Conformant |' : ''}`,
        `| Gold | Agosi AG | GERMANY | CID000035 |${withColumn ? ' Conformant |' : ''}`,
        `| Gold | Caridad | MEXICO | CID000180 |${withColumn ? ' Conformant |' : ''}`,
      ].join('\n');
    const lint = (said: number, withColumn: boolean, withList = true) =>
      lintText(`${said} of the 3 smelters and refiners were RMAP conformant.\n\n${table(withColumn)}\n`, {
        format: 'markdown',
        ...(withList ? { status } : {}),
      }).findings.filter((f) => f.rule === 'count-mismatch');
    assert.deepEqual(lint(2, false), []);
    const wrong = lint(3, false);
    assert.equal(wrong.length, 1);
    assert.equal(
      wrong[0].message,
      "The text says 3 RMAP conformant smelters; by RMI's lists (rmi-rmap-status-2023.xlsx, on 2023-12-31) the table's smelters have 2.",
    );
    // the table's column says 3, RMI's lists 2: the text agrees with the table, not with the lists
    assert.match(lint(3, true)[0].message, /by RMI's lists .* have 2\.$/);
    assert.deepEqual(lint(3, true, false), [], 'without the lists, the table decides');
    assert.deepEqual(lint(3, false, false), [], 'without the lists or a status column, status counts are not checked');
  });
});

describe('the command line: annex, aggregate --status, lint --status', () => {
  it('cmrlint annex prints the Markdown annex; aggregate --status adds the RMAP Status column; lint --status checks stated status counts', () => {
    const annexRun = runCli(['annex', '--status', STATUS, '--as-of', '2023-12-31', ...SUPPLIERS]);
    assert.equal(annexRun.status, 0, annexRun.stderr);
    assert.match(annexRun.stdout, /^\| Metal \| Smelter Name \| Country \| Smelter ID \| RMAP Status \|$/m);
    const merged = runCli(['aggregate', '--format', 'tsv', '--status', STATUS, '--as-of', '2023-12-31', ...SUPPLIERS]);
    assert.equal(merged.status, 0, merged.stderr);
    const [header, ...rows] = merged.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    assert.equal(header[header.length - 1], 'RMAP Status');
    assert.ok(rows.length > 0 && rows.every((r) => r[r.length - 1] !== ''), 'every merged row has a status');
    assert.equal(runCli(['aggregate', '--as-of', '31/12/2023', ...SUPPLIERS]).status, 2); // a date as YYYY-MM-DD only
    // the annex's paragraph, one count changed, linted with --status: the count is checked against RMI's lists
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-annex-cli-'));
    try {
      const md = path.join(dir, 'annex.cmr.md');
      const text = annexRun.stdout.replace(
        /\b(\d+) of the (\d+) smelters and refiners were RMAP conformant/,
        (_m, n: string, of: string) => `${Number(n) - 1} of the ${of} smelters and refiners were RMAP conformant`,
      );
      assert.notEqual(text, annexRun.stdout);
      fs.writeFileSync(md, text);
      const linted = cliJson(['--status', STATUS, md]);
      // the merged table saved beside the suppliers' files is no supplier's list: left out, said, the annex the same
      const mergedTsv = path.join(dir, 'merged.tsv');
      fs.writeFileSync(mergedTsv, merged.stdout);
      const again = runCli(['annex', '--status', STATUS, '--as-of', '2023-12-31', ...SUPPLIERS, mergedTsv]);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stderr, /merged\.tsv skipped: cmrlint's own merged table/);
      assert.equal(again.stdout, annexRun.stdout);
      assert.ok(
        linted.findings.some((f) => f.rule === 'count-mismatch' && /conformant/i.test(f.message)),
        JSON.stringify(linted.findings),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
