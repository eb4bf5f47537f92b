#!/usr/bin/env node
// Writes everything generated from the rule registry: docs/rules/<id>.md and its index, the README's rules
// table and the `cmrlint.rules` settings schema in package.json. A unit test fails when a committed copy is
// stale (markdownlint's habit). Needs the server build. Run: npm run generate:rules
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { RULES } = require(path.join(root, 'server/out/core/rules/index.js'));
const docs = require(path.join(root, 'server/out/core/docs.js'));

const dir = path.join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
for (const rule of RULES) writeFileSync(path.join(dir, `${rule.id}.md`), docs.renderRuleDoc(rule));
writeFileSync(path.join(dir, 'README.md'), docs.renderRuleIndex(RULES));

const readme = path.join(root, 'README.md');
writeFileSync(readme, docs.withReadmeRulesTable(readFileSync(readme, 'utf8'), RULES));

const pkgFile = path.join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
writeFileSync(pkgFile, JSON.stringify(docs.withSettingsSchema(pkg, RULES), null, 2) + '\n');
console.log(`wrote ${RULES.length} rule pages, the README's rules table and the cmrlint.rules settings schema`);
