/** --format sarif: a SARIF 2.1.0 log, valid against the OASIS schema, with the registry's rule metadata. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../server/src/core';
import { cliJson, runCli } from '../helpers/cli';
import { SHARED, seed } from '../helpers/paths';

// the schema as published with Microsoft's SARIF SDK (draft-04; its one pattern needs non-Unicode regexps)
const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface SarifLog {
  version: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        rules: Array<{
          id: string;
          shortDescription: { text: string };
          helpUri: string;
          help: { markdown: string };
          defaultConfiguration: { level: string };
        }>;
      };
    };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } };
        logicalLocations?: Array<{ fullyQualifiedName: string }>;
      }>;
    }>;
  }>;
}

describe('SARIF output (--format sarif)', function () {
  this.timeout(30000);
  const workbook = path.join(SHARED, 'corpus', 'cmrt-6.4-jx-advanced-metals-2024.xlsx');
  const files = [seed('allot-2013-form-sd.txt'), seed('allison-2023-form-sd.txt'), workbook, path.join(SHARED, 'no-such-file.csv')];
  const r = runCli(['--format', 'sarif', ...files]);
  const log = JSON.parse(r.stdout) as SarifLog;

  it('is valid SARIF 2.1.0 (and the validator rejects a broken log)', () => {
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
    const broken = JSON.parse(r.stdout);
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
  });

  it('describes every rule of the registry: id, description, help, its page, default level', () => {
    const rules = log.runs[0].tool.driver.rules;
    assert.equal(log.runs[0].tool.driver.name, 'cmrlint');
    assert.deepEqual(
      rules.map((x) => x.id),
      RULES.map((x) => x.id),
    );
    for (const [i, rule] of RULES.entries()) {
      assert.equal(rules[i].shortDescription.text, rule.description);
      assert.equal(rules[i].help.markdown, rule.docs);
      assert.ok(fs.existsSync(fileURLToPath(rules[i].helpUri)), rules[i].helpUri);
      assert.equal(
        rules[i].defaultConfiguration.level,
        { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[rule.defaultSeverity],
      );
    }
  });

  it('has one result per finding of --format json, at the same places; a workbook finding names its sheet and cell', () => {
    const json = cliJson(files).findings;
    const results = log.runs[0].results;
    assert.equal(results.length, json.length);
    results.forEach((x, i) => {
      assert.equal(x.ruleId, json[i].rule);
      assert.equal(log.runs[0].tool.driver.rules[x.ruleIndex].id, x.ruleId);
      assert.equal(x.message.text, json[i].message);
      assert.equal(fileURLToPath(x.locations[0].physicalLocation.artifactLocation.uri), path.resolve(json[i].file));
      if (json[i].line > 0) assert.equal(x.locations[0].physicalLocation.region?.startLine, json[i].line);
    });
    const china = results.find((x) => x.ruleId === 'cmrt-country')!;
    assert.equal(china.locations[0].logicalLocations?.[0].fullyQualifiedName, 'Smelter List!E14');
    assert.deepEqual(
      china.locations[0].physicalLocation.region && [
        china.locations[0].physicalLocation.region.startLine,
        china.locations[0].physicalLocation.region.startColumn,
      ],
      [14, 5],
    );
  });

  it('reports a file it could not read as a failed invocation, and exits 2', () => {
    assert.equal(r.status, 2);
    const inv = log.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications[0].message.text, /no-such-file\.csv/);
  });
});
