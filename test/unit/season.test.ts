/**
 * The end of the season (issue 27, items 3–5): what changed since last year's merged table (`aggregate
 * --previous`), letters to suppliers (`aggregate --letters`), and cmrlint in CI (`--format github`, `--summary`,
 * `--sarif`, `--max-warnings`, action.yml). Built on the real files under ../shared.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Aggregate, changeLines, compareWithPrevious, MergedRow, PreviousRow } from '../../server/src/core/aggregate';
import { escapeMarkdown, renderLetter } from '../../server/src/core/letters';
import { annotation, escapeData, escapeProperty } from '../../server/src/cli/format-github';
import { isCalendarDate } from '../../server/src/cli/args';
import { runCli } from '../helpers/cli';
import { ROOT, SHARED } from '../helpers/paths';

const CORPUS = path.join(SHARED, 'corpus');
const AMD = path.join(CORPUS, 'edgar', 'amd-2024-ex1-01.html');
const HONDA = path.join(CORPUS, 'edgar', 'honda-2025-ex1-01.html');
const JX = path.join(CORPUS, 'cmrt-6.4-jx-advanced-metals-2024.xlsx');
const PKG = path.join(CORPUS, 'cmrt-6.4-pkg-de00-2024.xlsx');
const STATUS = path.join(CORPUS, 'rmi-rmap-status-2023.xlsx');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-season-'));
}

function merged(rows: Array<Partial<MergedRow> & { name: string }>): Aggregate {
  return {
    rows: rows.map((r) => ({
      metalText: r.metal ?? '',
      countryText: '',
      identified: 'reference',
      reportedNames: [],
      suppliers: 1,
      sources: [],
      findings: [],
      ...r,
    })),
    conflicts: [],
    notMerged: [],
    summary: {} as Aggregate['summary'],
  };
}

const prev = (p: Partial<PreviousRow> & { name: string }): PreviousRow => ({ metal: 'Gold', country: '', place: 'last.tsv:2', ...p });

/** The rows of a TSV table by column name. */
function tsvRows(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.replace(/\n$/, '').split('\n');
  const names = header.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])));
}

describe('aggregate --previous: what changed since last season', () => {
  it('says added, renamed, status changed and no longer reported, matching by metal and CID, else by name', () => {
    const agg = merged([
      { metal: 'Gold', name: 'Asahi Refining USA Inc.', cid: 'CID000920', rmap: 'Conformant' },
      { metal: 'Gold', name: 'New Refiner Ltd.', cid: 'CID009999' },
      { metal: 'Tin', name: 'PT Timah Tbk Kundur', cid: 'CID001477', rmap: 'Conformant' },
      { metal: 'Tin', name: 'Minsur', rmap: 'Active' },
      // the same CID under another metal is another smelter
      { metal: 'Tantalum', name: 'Asahi Refining USA Inc.', cid: 'CID000920' },
    ]);
    const c = compareWithPrevious(
      agg,
      [
        prev({ name: 'Asahi Refining USA, Inc', cid: 'cid000920', rmap: 'Conformant' }),
        prev({ metal: 'Tin', name: 'PT Timah (Persero) Tbk Kundur', cid: 'CID001477', rmap: 'Active' }),
        prev({ metal: 'Tin', name: 'MINSUR S.A.', rmap: 'Active' }),
        prev({ name: 'Gone Refinery', cid: 'CID000001' }),
        prev({ name: 'Gone Refinery', cid: 'CID000001' }), // listed twice last year: one smelter
      ],
      'last.tsv',
    );
    assert.deepEqual(
      agg.rows.map((r) => r.change),
      ['', 'added', 'renamed (was PT Timah (Persero) Tbk Kundur); status active → conformant', '', 'added'],
    );
    assert.equal(c.added, 2);
    assert.equal(c.renamed, 1);
    assert.equal(c.statusChanged, 1);
    assert.deepEqual(
      c.removed.map((r) => r.name),
      ['Gone Refinery'],
    );
    assert.match(changeLines(c)[0], /2 added, 1 no longer reported, 1 renamed, 1 with another RMAP status/);
  });

  it('does not match two different CIDs by their name', () => {
    const agg = merged([{ metal: 'Tantalum', name: 'TANIOBIS GmbH', cid: 'CID002545' }]);
    const c = compareWithPrevious(agg, [prev({ metal: 'Tantalum', name: 'TANIOBIS GmbH', cid: 'CID002550' })], 'x');
    assert.equal(c.added, 1);
    assert.equal(c.removed.length, 1);
  });

  for (const ext of ['tsv', 'csv', 'json', 'xlsx']) {
    it(`reads last season's ${ext} table cmrlint wrote: the same suppliers give no change`, () => {
      const dir = tmp();
      const last = path.join(dir, `last.${ext}`);
      const common = ['--status', STATUS, '--as-of', '2024-01-01', AMD, PKG];
      assert.equal(runCli(['aggregate', '-o', last, ...common]).status, 0);
      const r = runCli(['aggregate', '--previous', last, '--format', 'tsv', ...common]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /since .*last\.\w+ \(\d+ smelters\): 0 added, 0 no longer reported, 0 renamed, 0 with another RMAP status/);
      const rows = tsvRows(r.stdout);
      assert.ok(rows.length > 200);
      assert.ok(rows.every((row) => row['Change Since Previous'] === ''));
    });
  }

  it('finds the rows removed from, renamed in and re-statused in an edited last-season table', () => {
    const dir = tmp();
    const last = path.join(dir, 'last.tsv');
    const common = ['--status', STATUS, '--as-of', '2024-01-01', AMD];
    assert.equal(runCli(['aggregate', '-o', last, ...common]).status, 0);
    const lines = fs.readFileSync(last, 'utf8').replace(/\n$/, '').split('\n');
    const header = lines[0].split('\t');
    const at = (n: string) => header.indexOf(n);
    const rows = lines.slice(1).map((l) => l.split('\t'));
    const withCid = rows.filter((r) => /^CID\d{6}$/.test(r[at('Smelter Identification')]));
    const dropped = withCid[0];
    const renamed = withCid[1];
    const restatused = withCid.slice(3).find((r) => r[at('RMAP Status')].startsWith('Conformant'))!;
    renamed[at('Smelter Name')] = `${renamed[at('Smelter Name')]} Old Name`;
    restatused[at('RMAP Status')] = 'Active';
    // a smelter only last year had, and one this year lacks
    const gone = [...withCid[2]];
    gone[at('Smelter Identification')] = 'CID999998';
    gone[at('Smelter Name')] = 'Refinery Closed Since';
    const kept = rows.filter((r) => r !== dropped);
    fs.writeFileSync(last, [header, ...kept, gone].map((r) => r.join('\t')).join('\n') + '\n');
    const r = runCli(['aggregate', '--previous', last, '--format', 'tsv', ...common]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /: 1 added, 1 no longer reported, 1 renamed, 1 with another RMAP status/);
    assert.match(r.stderr, /no longer reported: Refinery Closed Since \(Gold|Tin|Tantalum|Tungsten, CID999998/);
    const out = tsvRows(r.stdout);
    const change = (cid: string) => out.find((x) => x['Smelter Identification'] === cid)!['Change Since Previous'];
    assert.equal(change(dropped[at('Smelter Identification')]), 'added');
    assert.match(change(renamed[at('Smelter Identification')]), /^renamed \(was .* Old Name\)$/);
    assert.equal(change(restatused[at('Smelter Identification')]), 'status active → conformant');
  });

  it("reads another company's annex (an EDGAR exhibit) as last season's list, matching by name where it has no CID", () => {
    const r = runCli(['aggregate', '--previous', path.join(CORPUS, 'edgar', 'ford-2023-ex1-01.html'), '--format', 'json', HONDA]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      summary: { changes: { added: number; previousSmelters: number; removed: unknown[] } };
      smelters: MergedRow[];
    };
    const c = out.summary.changes;
    assert.ok(c.previousSmelters >= 340, `${c.previousSmelters}`);
    const unchanged = out.smelters.filter((s) => s.change === '').length;
    // Honda's 2025 smelters are mostly in Ford's 2023 list
    assert.ok(unchanged > out.smelters.length / 2, `${unchanged} of ${out.smelters.length} matched`);
    assert.equal(unchanged + c.added, out.smelters.length);
  });

  it('refuses a previous table it cannot read, in one line, exit 2', () => {
    const dir = tmp();
    const junk = path.join(dir, 'last.json');
    fs.writeFileSync(junk, '{"nothing": 1}');
    const r = runCli(['aggregate', '--previous', junk, AMD]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^cmrlint aggregate: last\.json is not a table cmrlint aggregate wrote as JSON/m);
    const missing = runCli(['aggregate', '--previous', path.join(dir, 'none.tsv'), AMD]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the previous table/);
  });
});

describe('--as-of takes only real dates', () => {
  it('refuses 2023-02-30 (Date.parse would roll it over to March) and takes 2024-02-29', () => {
    assert.equal(isCalendarDate('2023-02-30'), false);
    assert.equal(isCalendarDate('2023-13-01'), false);
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2023-02-29'), false);
    const r = runCli(['aggregate', '--as-of', '2023-02-30', AMD]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--as-of needs a date as YYYY-MM-DD, not '2023-02-30'/);
    const annex = runCli(['annex', '--as-of', '2023-02-30', AMD]);
    assert.equal(annex.status, 2);
  });
});

describe('aggregate --letters: one letter per supplier', () => {
  it("writes what each real supplier must correct, at its cells, errors first, addressed to the Declaration's company", () => {
    const dir = tmp();
    const letters = path.join(dir, 'letters');
    const r = runCli(['aggregate', '--letters', letters, '-o', path.join(dir, 'merged.tsv'), JX, PKG]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote 2 letters to suppliers in /);
    const jx = fs.readFileSync(path.join(letters, 'cmrt-6.4-jx-advanced-metals-2024.xlsx.md'), 'utf8');
    assert.match(jx, /^To: JX Advanced Metals Corporation/m);
    // the JX workbook's known defects (corpus README), each at its cell
    assert.match(jx, /\*\*Smelter List!E10\*\*: No country for 'Ulba Metallurgical Plant JSC'/);
    assert.match(jx, /\*\*Smelter List!E14\*\*: 'China' is not in the country drop-down of CMRT 6\.4/);
    assert.ok(jx.indexOf('## Please correct') < jx.indexOf('## Please check'));
    assert.ok(jx.indexOf('## Please check') < jx.indexOf('## For your information'));
    const pkg = fs.readFileSync(path.join(letters, 'cmrt-6.4-pkg-de00-2024.xlsx.md'), 'utf8');
    assert.match(pkg, /The Declaration is empty/);
    // no company on an empty Declaration: the file names the letter
    assert.match(pkg, /^To: .*cmrt-6\.4-pkg-de00-2024\.xlsx/m);
  });

  it('writes no letter to a supplier with nothing to correct, and says so', () => {
    const dir = tmp();
    const clean = path.join(dir, 'clean.tsv');
    fs.writeFileSync(
      clean,
      'Metal\tSmelter Name\tSmelter Country\tSmelter Identification\nGold\tAsahi Refining USA Inc.\tUNITED STATES OF AMERICA\tCID000920\n',
    );
    const letters = path.join(dir, 'letters');
    const r = runCli(['aggregate', '--letters', letters, '-o', path.join(dir, 'm.tsv'), clean]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote 0 letters to suppliers in .* \(1 with nothing to correct\)/);
    assert.deepEqual(fs.readdirSync(letters), []);
  });

  it("escapes a supplier's cell text: no link, image, HTML or new block reaches the letter", () => {
    const text = renderLetter(
      {
        file: 'evil.csv',
        company: '<img src=x onerror=alert(1)>',
        findings: [
          {
            severity: 'error',
            rule: 'country-unknown',
            message: "'[click](https://evil.example)\n# Heading' is not a country",
            where: 'line 2',
          },
        ],
        conflicts: [],
      },
      { date: '2026-04-01' },
    );
    assert.doesNotMatch(text, /[^\\]<img/);
    assert.doesNotMatch(text, /[^\\]\[click\]/);
    assert.doesNotMatch(text, /^# Heading/m);
    assert.equal(escapeMarkdown('a|b*c_d`e'), 'a\\|b\\*c\\_d\\`e');
  });

  it('refuses a letters folder that is a file, in one line', () => {
    const dir = tmp();
    const file = path.join(dir, 'letters');
    fs.writeFileSync(file, '');
    const r = runCli(['aggregate', '--letters', file, '-o', path.join(dir, 'm.tsv'), JX]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot write letters to /);
  });
});

describe('cmrlint in CI', () => {
  it('--format github annotates at most 10 findings per level, the most severe first, and says how many more', () => {
    const r = runCli(['--format', 'github', path.join(SHARED, 'seeds'), PKG]);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const count = (level: string) => lines.filter((l) => l.startsWith(`::${level} `)).length;
    assert.ok(count('error') >= 1 && count('error') <= 10);
    assert.equal(count('warning'), 10);
    const firstWarning = lines.findIndex((l) => l.startsWith('::warning'));
    assert.ok(lines.findIndex((l) => l.startsWith('::error')) < firstWarning);
    assert.ok(lines.some((l) => /^::notice title=cmrlint::\d+ warning(?:, \d+ info)? findings more than GitHub shows/.test(l)));
    // a workbook finding: on the file, its cell leading the message, no line
    const wb = runCli(['--format', 'github', PKG])
      .stdout.split('\n')
      .find((l) => /^::\w+ file=[^,]*cmrt-6\.4-pkg-de00-2024\.xlsx,/.test(l))!;
    assert.doesNotMatch(wb, /line=/);
    assert.match(wb, /::(Declaration|Smelter List)!/);
    assert.match(lines[lines.length - 1], /problems/);
  });

  it('escapes annotation data and properties as GitHub toolkit does, so a cell cannot start a command', () => {
    assert.equal(escapeData('50%\n::error::x'), '50%25%0A::error::x');
    assert.equal(escapeProperty('a:b,c'), 'a%3Ab%2Cc');
    const line = annotation({
      file: 'dir/a,b:c.csv',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 5,
      severity: 'warning',
      rule: 'country-unknown',
      message: "'x\n::error file=y::pwned' is not a country",
    });
    assert.equal(line.split('\n').length, 1);
    assert.match(
      line,
      /^::warning file=dir\/a%2Cb%3Ac\.csv,line=2,endLine=2,col=1,endColumn=5,title=cmrlint country-unknown::'x%0A::error/,
    );
  });

  it('--summary appends a Markdown summary; --sarif writes SARIF beside the main output', () => {
    const dir = tmp();
    const summary = path.join(dir, 'summary.md');
    fs.writeFileSync(summary, '# earlier step\n');
    const sarif = path.join(dir, 'out.sarif');
    const r = runCli(['--summary', summary, '--sarif', sarif, path.join(SHARED, 'seeds')]);
    assert.equal(r.status, 1);
    const md = fs.readFileSync(summary, 'utf8');
    assert.match(md, /^# earlier step\n## cmrlint\n/);
    assert.match(md, /\| \S*seeds\/allison-2023-form-sd\.txt \| 1 \| \d+ \| \d+ \|/);
    assert.match(md, /\| `country-unknown` \| 2 \| 0 \| 0 \|/);
    const log = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.equal(log.version, '2.1.0');
    const text = r.stdout.trimEnd().split('\n');
    assert.equal(log.runs[0].results.length, Number(/✖ (\d+) problems/.exec(text[text.length - 1])![1]));
  });

  it('--max-warnings: exit 1 over it, 0 within it', () => {
    const calix = path.join(SHARED, 'seeds', 'calix-2018-form-sd.txt');
    const within = runCli(['--max-warnings', '5', calix]);
    assert.equal(within.status, 0, within.stdout);
    const over = runCli(['--max-warnings', '0', calix]);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /more than --max-warnings 0/);
    assert.equal(runCli(['--max-warnings', 'many', calix]).status, 2);
  });

  it("action.yml passes its inputs to scripts only through the environment, and runs the CLI's options", () => {
    const yml = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    const inputUses = yml.split('\n').filter((l) => l.includes('${{ inputs.'));
    for (const l of inputUses) assert.match(l, /^\s+(?:[A-Z_]+|if): \$\{\{ (?:always\(\) && )?inputs\.[a-z-]+(?: != '')? \}\}$/, l);
    for (const option of ['--format github', '--summary', '--sarif', '--max-warnings 0', 'aggregate -o'])
      assert.ok(yml.includes(option), option);
    const usage = runCli(['--help']).stdout;
    for (const option of ['--format text|json|sarif|github', '--sarif FILE', '--summary FILE', '--max-warnings N'])
      assert.ok(usage.includes(option), option);
  });
});
