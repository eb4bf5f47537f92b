/**
 * The season from the editor (issue 27): "Aggregate smelter lists" with the configured RMAP status list,
 * "Compare with last season's table…", "Write letters to suppliers…" and "Write the report's annex…", over the
 * language server in this process, on the real suppliers' CMRTs and RMI's real lists under ../shared. Each
 * writes what the CLI run in the workspace folder writes with the same .cmrlint.json.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AggregateRequest, AnnexRequest, CompareRequest, LettersRequest } from '../../server/src/protocol';
import { InProcessServer } from '../helpers/inprocess';
import { CLI, SHARED } from '../helpers/paths';

const CORPUS = path.join(SHARED, 'corpus');
const SUPPLIERS = ['cmrt-6.4-jx-advanced-metals-2024.xlsx', 'cmrt-6.4-pkg-de00-2024.xlsx'];
const STATUS = 'rmi-rmap-status-2023.xlsx';

const uri = (file: string) => pathToFileURL(file).toString();

/** A workspace folder: the two suppliers' CMRTs under suppliers/, RMI's lists under rmi/, named by its .cmrlint.json. */
function workspace(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-season-editor-'));
  fs.mkdirSync(path.join(folder, 'suppliers'));
  fs.mkdirSync(path.join(folder, 'rmi'));
  for (const f of SUPPLIERS) fs.copyFileSync(path.join(CORPUS, f), path.join(folder, 'suppliers', f));
  // the folder's documentation speaks of conflict minerals, but is no supplier's file
  fs.writeFileSync(path.join(folder, 'suppliers', 'README.md'), '# Suppliers\n\nThe conflict minerals reports our suppliers sent.\n');
  fs.copyFileSync(path.join(CORPUS, STATUS), path.join(folder, 'rmi', STATUS));
  fs.writeFileSync(path.join(folder, '.cmrlint.json'), JSON.stringify({ status: `rmi/${STATUS}` }));
  return folder;
}

/** The CLI run in the workspace folder (its .cmrlint.json applies), as a user there would run it. */
function cli(folder: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The rows of a TSV table by column name. */
function tsvRows(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.replace(/\n$/, '').split('\n');
  const names = header.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])));
}

describe("the season from the editor: the project's status list, last season's table, letters, the annex", function () {
  this.timeout(120000);
  let folder: string;
  let s: InProcessServer;
  let suppliers: string;

  before(async () => {
    folder = workspace();
    suppliers = uri(path.join(folder, 'suppliers'));
    s = new InProcessServer();
    await s.initialize([uri(folder)]);
  });
  after(() => s.dispose());

  it('aggregate: the RMAP Status column and the per-metal counts in the summary, as the CLI writes them', async () => {
    const output = path.join(folder, 'merged.tsv');
    const r = await s.client.sendRequest(AggregateRequest, { uris: [suppliers], output: uri(output) });
    assert.ok('summary' in r, JSON.stringify(r));
    const rows = tsvRows(fs.readFileSync(output, 'utf8'));
    assert.equal(rows.length, r.smelters);
    assert.ok(
      rows.every((row) => /^(?:Conformant|Active|Not in RMAP)/.test(row['RMAP Status'])),
      'every smelter has its status',
    );
    const gold = r.summary.notes.find((n) => n.includes('Gold'));
    assert.match(gold ?? '', /^RMAP on \d{4}-\d\d-\d\d \(rmi-rmap-status-2023\.xlsx\): Gold \d+ of \d+ conformant, \d+ active/);
    assert.ok(
      r.summary.notes.some((n) => /^Skipped, not a supplier list: suppliers\/README\.md: documentation, not a filing/.test(n)),
      `the README is said to be skipped: ${r.summary.notes.join(' | ')}`,
    );
    assert.equal(fs.readFileSync(output, 'utf8'), cli(folder, ['aggregate', 'suppliers']).stdout, 'the editor writes what the CLI writes');
  });

  it("compare: the Change Since Previous column and the changes in the summary, against last season's table", async () => {
    // last season: one supplier's table, as the CLI wrote it
    const last = path.join(folder, 'merged-2023.tsv');
    fs.writeFileSync(last, cli(folder, ['aggregate', path.join('suppliers', SUPPLIERS[0])]).stdout);
    const output = path.join(folder, 'merged-2024.tsv');
    const r = await s.client.sendRequest(CompareRequest, { uris: [suppliers], output: uri(output), previous: uri(last) });
    assert.ok('summary' in r, JSON.stringify(r));
    const rows = tsvRows(fs.readFileSync(output, 'utf8'));
    const added = rows.filter((row) => row['Change Since Previous'] === 'added').length;
    assert.ok(added > 0 && added < rows.length, `${added} of ${rows.length} added`);
    assert.match(
      r.changes,
      new RegExp(
        `^since merged-2023\\.tsv \\(\\d+ smelters\\): ${added} added, 0 no longer reported, 0 renamed, 0 with another RMAP status$`,
      ),
    );
    assert.ok(r.summary.notes.includes(r.changes), r.summary.notes.join('\n'));
    const byCli = cli(folder, ['aggregate', '--previous', 'merged-2023.tsv', 'suppliers']).stdout;
    assert.equal(fs.readFileSync(output, 'utf8'), byCli, 'the editor writes what the CLI writes');
  });

  it("compare: last season's table that holds no smelter table is one line, and nothing is written", async () => {
    const last = path.join(folder, 'notes.txt');
    fs.writeFileSync(last, 'nothing here\n');
    const output = path.join(folder, 'never.tsv');
    const r = await s.client.sendRequest(CompareRequest, { uris: [suppliers], output: uri(output), previous: uri(last) });
    assert.ok('error' in r, JSON.stringify(r));
    assert.match(r.error, /notes\.txt holds no smelter table/);
    assert.doesNotMatch(r.error, /\n/);
    assert.ok(!fs.existsSync(output));
  });

  it('letters: one per supplier with something to correct, the URIs returned, the same letters as the CLI', async () => {
    const dir = path.join(folder, 'letters');
    const r = await s.client.sendRequest(LettersRequest, { uris: [suppliers], folder: uri(dir) });
    assert.ok('letters' in r, JSON.stringify(r));
    assert.deepEqual(
      r.letters,
      SUPPLIERS.map((f) => uri(path.join(dir, `${f}.md`))),
    );
    const jx = fs.readFileSync(path.join(dir, `${SUPPLIERS[0]}.md`), 'utf8');
    assert.match(jx, /^To: JX Advanced Metals Corporation/m);
    assert.match(jx, /\*\*Smelter List!E14\*\*: 'China' is not in the country drop-down of CMRT 6\.4/);
    const byCli = path.join(folder, 'letters-cli');
    assert.equal(cli(folder, ['aggregate', '--letters', 'letters-cli', '-o', 'm.tsv', 'suppliers']).status, 0);
    for (const f of SUPPLIERS)
      assert.equal(fs.readFileSync(path.join(dir, `${f}.md`), 'utf8'), fs.readFileSync(path.join(byCli, `${f}.md`), 'utf8'), f);
  });

  it('letters: a folder that is a file is one line', async () => {
    const file = path.join(folder, 'a-file');
    fs.writeFileSync(file, '');
    const r = await s.client.sendRequest(LettersRequest, { uris: [suppliers], folder: uri(file) });
    assert.ok('error' in r, JSON.stringify(r));
    assert.match(r.error, /^cannot write letters to .*a-file: it is not a folder$/);
  });

  it('annex: the table and its paragraph of counts, as cmrlint annex writes them, which lints clean', async () => {
    const output = path.join(folder, 'annex.cmr.md');
    const r = await s.client.sendRequest(AnnexRequest, { uris: [suppliers], output: uri(output) });
    assert.ok('paragraph' in r, JSON.stringify(r));
    assert.equal(r.smelters, 88);
    assert.match(r.paragraph[0], /^Our suppliers identified 88 smelters and refiners/);
    assert.ok(
      r.notes.some((n) => /conformant smelters? overdue for re-audit/.test(n)),
      r.notes.join('\n'),
    );
    assert.equal(cli(folder, ['annex', '-o', 'annex-cli.cmr.md', 'suppliers']).status, 0);
    const text = fs.readFileSync(output, 'utf8');
    assert.equal(text, fs.readFileSync(path.join(folder, 'annex-cli.cmr.md'), 'utf8'), 'the editor writes what the CLI writes');
    assert.ok(text.includes(r.paragraph[0]));
    const lint = cli(folder, ['annex.cmr.md']);
    assert.equal(lint.status, 0, lint.stdout);
  });

  it('annex: an output whose name gives no format is one line', async () => {
    const r = await s.client.sendRequest(AnnexRequest, { uris: [suppliers], output: uri(path.join(folder, 'annex.docx')) });
    assert.ok('error' in r, JSON.stringify(r));
    assert.match(r.error, /cannot tell the format from annex\.docx: name it \.md, \.html, \.tsv or \.xlsx/);
  });
});
