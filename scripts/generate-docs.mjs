#!/usr/bin/env node
// Writes docs/rules/<id>.md (and the index docs/rules/README.md) from the rules' own docs text, so the
// pages diagnostics link to never drift from the code (a unit test checks they are current).
// Needs the server build. Run: npm run docs
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { RULES } = require(path.join(root, 'server/out/core/rules/index.js'));
const { renderRuleDoc, renderRuleIndex } = require(path.join(root, 'server/out/core/docs.js'));

const dir = path.join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
for (const rule of RULES) writeFileSync(path.join(dir, `${rule.id}.md`), renderRuleDoc(rule));
writeFileSync(path.join(dir, 'README.md'), renderRuleIndex(RULES));
console.log(`wrote ${RULES.length} rule pages to docs/rules/`);
