/**
 * From the rule files to the user: every rule written in server/src/core/rules/ is in the registry exactly
 * once, and so has its page, its README row and its settings entry. rules.test.ts checks the other direction
 * (every registered rule has its file); a rule file left out of the registry would otherwise never run and no
 * test would notice.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../server/src/core';
import { ROOT } from '../helpers/paths';

const RULES_DIR = path.join(ROOT, 'server', 'src', 'core', 'rules');

/** A rule's stable id as its file declares it (`id: 'cid-format'`, the layout rules.test.ts enforces). */
const RULE_ID = /^\s*id:\s*'([a-z]+(?:-[a-z]+)*)'/gm;

interface RuleFile {
  file: string;
  ids: string[];
}

/** The files of a rules folder that declare a rule, with the ids they declare; helpers declare none. */
export function ruleFiles(dir: string): RuleFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .sort()
    .map((f) => ({ file: f, ids: [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(RULE_ID)].map((m) => m[1]) }))
    .filter((r) => r.ids.length > 0);
}

/** What is wrong between a rules folder and the registered ids: one line per problem, none when they agree. */
export function registryProblems(dir: string, registered: readonly string[]): string[] {
  const problems: string[] = [];
  for (const { file, ids } of ruleFiles(dir)) {
    if (ids.length > 1) problems.push(`${file} declares ${ids.length} rules (${ids.join(', ')}): one rule per file`);
    for (const id of ids) {
      if (`${id}.ts` !== file) problems.push(`${file} declares '${id}': the file of rule '${id}' is ${id}.ts`);
      const times = registered.filter((r) => r === id).length;
      if (times !== 1) problems.push(`${file}: rule '${id}' is registered ${times} times in rules/index.ts, not once`);
    }
  }
  return problems;
}

describe('rule files and the registry', () => {
  const registered = RULES.map((r) => r.id);

  it('registers every rule file in server/src/core/rules exactly once, under its file name', () => {
    assert.deepEqual(registryProblems(RULES_DIR, registered), []);
    assert.equal(ruleFiles(RULES_DIR).length, RULES.length, 'a registered rule without a file of its own');
  });

  it('gives every rule file a docs page, a README row and a settings entry (npm run generate:rules)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } };
    };
    const settings = pkg.contributes.configuration.properties['cmrlint.rules'].properties ?? {};
    for (const { ids } of ruleFiles(RULES_DIR)) {
      for (const id of ids) {
        assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md is missing`);
        assert.ok(readme.includes(`[\`${id}\`](docs/rules/${id}.md)`), `README's rules table lacks ${id}`);
        assert.ok(id in settings, `package.json's cmrlint.rules settings lack ${id}`);
      }
    }
  });

  it('the check reports a rule file left out of the registry, registered twice, or misnamed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-registry-'));
    try {
      const rule = (id: string) => `import type { Rule } from '../rule';\nexport const r: Rule = {\n  id: '${id}',\n  check() {},\n};\n`;
      fs.writeFileSync(path.join(dir, 'index.ts'), "export const RULES = [];\n  id: 'not-a-rule-file'\n");
      fs.writeFileSync(path.join(dir, 'util.ts'), 'export const helper = 1;\n');
      fs.writeFileSync(path.join(dir, 'kept.ts'), rule('kept'));
      fs.writeFileSync(path.join(dir, 'left-out.ts'), rule('left-out'));
      fs.writeFileSync(path.join(dir, 'twice.ts'), rule('twice'));
      fs.writeFileSync(path.join(dir, 'misnamed.ts'), rule('other-name'));
      assert.deepEqual(registryProblems(dir, ['kept', 'twice', 'twice', 'other-name']), [
        "left-out.ts: rule 'left-out' is registered 0 times in rules/index.ts, not once",
        "misnamed.ts declares 'other-name': the file of rule 'other-name' is other-name.ts",
        "twice.ts: rule 'twice' is registered 2 times in rules/index.ts, not once",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
