/**
 * The project configuration (.cmrlint.json) and the one resolver the CLI and the language server share.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { layerOptions, parseProjectConfig } from '../../server/src/core/config';
import {
  findConfigFile,
  ignoredConfigsNote,
  ignoredConfigsUnder,
  projectRoot,
  resolveFileOptions,
  writeIgnoreEntry,
} from '../../server/src/node/options';
import { cliJson, runCli } from '../helpers/cli';
import { DATA } from '../helpers/paths';

const TABLE =
  'Metal\tSmelter Name\tCountry\tSmelter ID\nTin\tEM Vinto\tKOREA\tCID000438\nTin\tMinsur\tPERU\t\nGold\tSome Unknown Refinery\tJAPAN\tCID999998\n';

/** A repository in a temporary folder with a filing in filings/. */
function repo(config?: unknown): { dir: string; filing: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-config-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'filings'));
  const filing = path.join(dir, 'filings', 'acme-form-sd.txt');
  fs.writeFileSync(filing, TABLE);
  if (config !== undefined) fs.writeFileSync(path.join(dir, '.cmrlint.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return { dir, filing };
}

const rulesOf = (r: { findings: Array<{ rule: string; severity: string }> }) => r.findings.map((f) => `${f.rule}:${f.severity}`).sort();

describe('project configuration (.cmrlint.json)', () => {
  it('parses rules, countryStyle, reference and ignore, and names the faulty key when malformed', () => {
    const c = parseProjectConfig(
      '{"rules":{"country-alias":"off","cid-missing":"error"},"countryStyle":"iso","reference":"ref.csv","ignore":[]}',
      'p',
    );
    assert.deepEqual(c, {
      rules: { 'country-alias': 'off', 'cid-missing': 'error' },
      countryStyle: 'iso',
      reference: 'ref.csv',
      ignore: [],
    });
    assert.throws(() => parseProjectConfig('{"rules":{"no-such-rule":"off"}}', 'p'), /unknown rule 'no-such-rule'/);
    assert.throws(
      () => parseProjectConfig('{"rules":{"cid-missing":"loud"}}', 'p'),
      /"cid-missing" must be one of off, hint, info, warning, error/,
    );
    assert.throws(() => parseProjectConfig('{"countryStyle":"fancy"}', 'p'), /countryStyle/);
    assert.throws(() => parseProjectConfig('[]', 'p'), /must be a JSON object/);
  });

  it('layers the editor settings or CLI flags on top of the project file', () => {
    const project = parseProjectConfig(
      '{"rules":{"country-alias":"off","cid-missing":"error"},"countryStyle":"iso","reference":"a.csv"}',
      'p',
    );
    const e = layerOptions(project, { rules: { 'cid-missing': 'info' }, countryStyle: 'auto' });
    assert.deepEqual(e.severities, { 'country-alias': 'off', 'cid-missing': 'info' });
    assert.equal(e.countryStyle, 'iso', "the editor's default 'auto' leaves the project's choice");
    assert.deepEqual(e.reference, { path: 'a.csv', from: 'project' });
    assert.equal(layerOptions(project, { countryStyle: 'cmrt', reference: 'b.xlsx' }).countryStyle, 'cmrt');
    assert.deepEqual(layerOptions(project, { reference: 'b.xlsx' }).reference, { path: 'b.xlsx', from: 'override' });
  });

  it('the CLI applies the project rules and countryStyle; --rule goes on top', () => {
    const plain = repo();
    const base = rulesOf(cliJson([plain.filing]));
    assert.ok(base.includes('country-alias:warning') && base.includes('cid-missing:warning'), base.join());
    const { filing } = repo({ rules: { 'country-alias': 'off', 'cid-missing': 'error' } });
    const configured = rulesOf(cliJson([filing]));
    assert.ok(!configured.some((r) => r.startsWith('country-alias')));
    assert.ok(configured.includes('cid-missing:error'));
    const flagged = rulesOf(cliJson(['--rule', 'cid-missing=info', '--rule', 'country-alias=error', filing]));
    assert.ok(flagged.includes('cid-missing:info') && flagged.includes('country-alias:error'), flagged.join());
    assert.equal(runCli(['--rule', 'nope=off', filing]).status, 2);
    assert.match(runCli(['--rule', 'cid-missing=loud', filing]).stderr, /severity must be one of/);
  });

  it('reads "reference" relative to the .cmrlint.json: RMI\'s list decides cid-unknown', () => {
    const { dir, filing } = repo({ reference: 'ref/lookup.csv' });
    fs.mkdirSync(path.join(dir, 'ref'));
    fs.copyFileSync(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), path.join(dir, 'ref', 'lookup.csv'));
    const r = cliJson([filing]);
    assert.ok(
      r.findings.some((f) => f.rule === 'cid-unknown' && /CID999998/.test(f.message)),
      r.stderr,
    );
    const bundled = cliJson(['--config', path.join(repo().dir, 'none.json'), filing]);
    assert.equal(bundled.status, 2, 'a --config that does not exist is an error');
  });

  it('--config uses the given file instead of searching', () => {
    const { filing } = repo({ rules: { 'country-alias': 'off' } });
    const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-other-')), 'team.json');
    fs.writeFileSync(other, JSON.stringify({ rules: { 'cid-missing': 'off' } }));
    const r = rulesOf(cliJson(['--config', other, filing]));
    assert.ok(r.some((x) => x.startsWith('country-alias')) && !r.some((x) => x.startsWith('cid-missing')), r.join());
  });

  it('never looks above the repository root (CLI) or the workspace folder (editor)', () => {
    const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-outer-'));
    fs.writeFileSync(path.join(outer, '.cmrlint.json'), JSON.stringify({ rules: { 'country-alias': 'off' } }));
    const inner = path.join(outer, 'project');
    fs.mkdirSync(path.join(inner, '.git'), { recursive: true });
    const filing = path.join(inner, 'acme-form-sd.txt');
    fs.writeFileSync(filing, TABLE);
    assert.equal(findConfigFile(filing, inner), undefined);
    assert.equal(findConfigFile(filing, outer), path.join(outer, '.cmrlint.json'));
    assert.ok(
      rulesOf(cliJson([filing])).some((r) => r.startsWith('country-alias')),
      "the parent folder's file was used",
    );
  });

  it('a malformed .cmrlint.json is an error (exit 2) and the summary never says "no problems"', () => {
    const { filing } = repo('{ "rules": ');
    const r = runCli([filing]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not linted: .*\.cmrlint\.json: not valid JSON/);
    assert.doesNotMatch(r.stdout, /✓/);
    assert.match(r.stdout, /1 of 1 file not linted/);
  });

  it("the editor's resolution reports a broken config and lints without it (same options otherwise)", async () => {
    const { dir, filing } = repo('{ broken');
    const problems: string[] = [];
    const resolved = await resolveFileOptions(filing, { root: dir, onProblem: (m) => problems.push(m) });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /not valid JSON/);
    assert.deepEqual(resolved.lint.severities, {});
    await assert.rejects(resolveFileOptions(filing, { root: dir }), /not valid JSON/);
  });

  it('parses "nested" (true or false only)', () => {
    assert.equal(parseProjectConfig('{"nested":true}', 'p').nested, true);
    assert.throws(() => parseProjectConfig('{"nested":"yes"}', 'p'), /"nested" must be true or false/);
  });
});

describe("project configuration: a supplier's folder never configures cmrlint", () => {
  /** A repository with a supplier's list (one error, one warning) in suppliers/acme/, beside the supplier's own .cmrlint.json. */
  function supplierRepo(rootConfig?: unknown): { dir: string; list: string; nested: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-nested-'));
    fs.mkdirSync(path.join(dir, '.git'));
    const acme = path.join(dir, 'suppliers', 'acme');
    fs.mkdirSync(acme, { recursive: true });
    const list = path.join(acme, 'smelters.csv');
    fs.writeFileSync(list, 'Metal,Smelter Name,Country\nTin,EM Vinto,KOREA\nGold,Some Refinery,NARNIA\n');
    const nested = path.join(acme, '.cmrlint.json');
    fs.writeFileSync(nested, JSON.stringify({ rules: { 'country-unknown': 'off', 'country-alias': 'off' } }));
    if (rootConfig !== undefined) fs.writeFileSync(path.join(dir, '.cmrlint.json'), JSON.stringify(rootConfig));
    return { dir, list, nested };
  }

  it("the CLI: a .cmrlint.json arriving in a supplier's folder does not turn an error and a warning into no problems", () => {
    const { list } = supplierRepo();
    const r = cliJson([list]);
    assert.equal(r.status, 1);
    assert.ok(rulesOf(r).includes('country-unknown:error') && rulesOf(r).includes('country-alias:warning'), rulesOf(r).join());
    const withRoot = cliJson([supplierRepo({ rules: { 'country-alias': 'error' } }).list]);
    assert.ok(rulesOf(withRoot).includes('country-alias:error'), "the project's root file applies");
  });

  it('with "nested": true in the root file, the nearest .cmrlint.json applies (the user opted in)', async () => {
    const { dir, list, nested } = supplierRepo({ nested: true });
    assert.equal(findConfigFile(list, dir), nested);
    assert.deepEqual(rulesOf(cliJson([list])), []);
    const resolved = await resolveFileOptions(list, { root: dir });
    assert.equal(resolved.configFile, nested);
    assert.deepEqual(resolved.ignoredConfigs, []);
  });

  it('an ignored .cmrlint.json is never silent: the editor is told, the CLI has one line per run', async () => {
    const { dir, list, nested } = supplierRepo();
    const told: string[] = [];
    const resolved = await resolveFileOptions(list, { root: dir, onProblem: (m) => told.push(m) });
    assert.equal(resolved.configFile, undefined);
    assert.deepEqual(resolved.ignoredConfigs, [nested]);
    assert.deepEqual(told, [
      `${path.join('suppliers', 'acme', '.cmrlint.json')} is not used: only the .cmrlint.json at the project's root (the workspace folder, the repository) configures cmrlint; one in a subfolder applies when the root's says "nested": true`,
    ]);
    // the CLI: each ignored file once, whatever the number of files under it
    const other = path.join(path.dirname(list), 'more.csv');
    fs.copyFileSync(list, other);
    const ignored = ignoredConfigsUnder([list, other], (f) => projectRoot(f));
    assert.deepEqual(ignored, [nested]);
    const note = ignoredConfigsNote(ignored, dir)!;
    assert.equal(note.split('\n').length, 1);
    assert.match(note, /^cmrlint: note: not used: suppliers.acme.\.cmrlint\.json: only the \.cmrlint\.json at the project's root/);
    assert.equal(ignoredConfigsNote([], dir), undefined);
    // --config names the configuration: nothing is searched, nothing to say
    const given = await resolveFileOptions(list, {
      root: dir,
      configFile: path.join(dir, 'none.json'),
      onProblem: (m) => told.push(m),
    }).catch(() => undefined);
    assert.equal(given?.ignoredConfigs.length ?? 0, 0);
  });

  it('"Ignore this finding" writes the configuration that applies: the root file, never the supplier\'s', () => {
    const { dir, list, nested } = supplierRepo();
    const target = findConfigFile(list, dir) ?? path.join(dir, '.cmrlint.json');
    assert.equal(target, path.join(dir, '.cmrlint.json'));
    writeIgnoreEntry(target, { rule: 'country-alias', row: 'Tin | EM Vinto | KOREA', file: path.relative(dir, list) });
    assert.deepEqual(JSON.parse(fs.readFileSync(nested, 'utf8')).ignore, undefined, "the supplier's file is untouched");
    assert.ok(!rulesOf(cliJson([list])).includes('country-alias:warning'), 'the entry in the root file applies');
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.includes('.tmp')),
      [],
      'written atomically, no temporary file left',
    );
  });

  it("the CLI's project root is the repository root, else the current folder, never the file's own folder", () => {
    const { dir, list } = supplierRepo();
    assert.equal(projectRoot(list), dir);
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-loose-'));
    const file = path.join(loose, 'data', 'list.csv');
    assert.equal(projectRoot(file, loose), loose);
  });
});
