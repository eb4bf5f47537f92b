#!/usr/bin/env node
// Bundles the client, the language server and the CLI into one file each with esbuild (tsc still
// type-checks and builds the test tree). The bundles overwrite tsc's entry files, so the tests, the CLI and
// the packaged extension all run what ships. Run: npm run build
//
// The HTML parser (parse5 and its entities: a third of the CLI) is a file of its own, server/out/html-parser.js,
// which the server and the CLI load when they first read an HTML filing (core/html/render.ts requires it
// lazily): starting the CLI on a text filing, a list or a workbook compiles only what it runs.
//
// The CLI starts from V8's code cache: server/out/cli.js is a small loader (written below) that runs the bundle,
// server/out/cli-bundle.js, with the bytecode of the functions a lint of the samples compiled, made here by
// scripts/code-cache.cjs (Node 20 has no module.enableCompileCache; that is Node 22). The cache is made at build
// time beside the bundle and never written at run time (a cache in a shared folder could be planted). It
// starts with the SHA-256 of the bundle it was made from, since V8 checks only a source's length; a cache of
// another bundle, Node or V8 flags is not used, and the bundle is then compiled as usual.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
};

/** The file beside the server's and the CLI's bundles that holds parse5. */
const HTML_PARSER = 'html-parser.js';

/** `parse5` in the server's and the CLI's sources is the separate file beside them, required at run time. */
const htmlParserApart = {
  name: 'html-parser-apart',
  setup(b) {
    b.onResolve({ filter: /^parse5$/ }, () => ({ path: `./${HTML_PARSER}`, external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'client/src/extension.ts')],
    outfile: path.join(root, 'client/out/extension.js'),
    external: ['vscode'],
  }),
  build({
    ...common,
    stdin: { contents: "module.exports = require('parse5');", resolveDir: root },
    outfile: path.join(root, 'server/out', HTML_PARSER),
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'server/src/server.ts')],
    outfile: path.join(root, 'server/out/server.js'),
    plugins: [htmlParserApart],
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'server/src/cli.ts')],
    outfile: path.join(root, 'server/out/cli-bundle.js'),
    plugins: [htmlParserApart],
  }),
]);

const out = path.join(root, 'server/out');
const bundle = path.join(out, 'cli-bundle.js');
// the bundle is run as a function's body: its '#!' line becomes a comment of the same length (lines unchanged)
const code = fs.readFileSync(bundle, 'utf8');
if (code.startsWith('#!')) fs.writeFileSync(bundle, `//${code.slice(2)}`);
const loader = path.join(out, 'cli.js');
fs.writeFileSync(
  loader,
  `#!/usr/bin/env node
// cmrlint's command line (written by scripts/bundle.mjs): runs cli-bundle.js from the V8 code cache made at build time.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createHash } = require('node:crypto');
const { wrap } = require('node:module');
const file = path.join(__dirname, 'cli-bundle.js');
const source = fs.readFileSync(file, 'utf8');
let cachedData;
try {
  const cache = fs.readFileSync(path.join(__dirname, 'cli-bundle.cache'));
  // the SHA-256 of the bundle the cache was made from: V8 itself checks only the source's length
  if (cache.subarray(0, 32).equals(createHash('sha256').update(source).digest())) cachedData = cache.subarray(32);
} catch {
  // no cache: compiled as usual
}
const script = new vm.Script(wrap(source), { filename: file, cachedData });
script.runInThisContext()(module.exports, require, module, __filename, __dirname);
`,
);
fs.chmodSync(loader, 0o755);
// the cache holds what a lint of the samples (a filing and a list) compiled
const cache = path.join(out, 'cli-bundle.cache');
fs.rmSync(cache, { force: true });
const warm = spawnSync(
  process.execPath,
  [
    path.join(root, 'scripts/code-cache.cjs'),
    loader,
    cache,
    path.join(root, 'samples/sample-form-sd.txt'),
    path.join(root, 'samples/sample-supplier-list.csv'),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
// exit status 1: the samples have error findings, as they should
if (warm.status !== 0 && warm.status !== 1) throw new Error(`making the CLI's code cache failed (exit status ${warm.status})`);
