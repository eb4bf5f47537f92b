#!/usr/bin/env node
// Bundles the client, the language server and the CLI into one file each with esbuild (tsc still
// type-checks and builds the test tree). The bundles overwrite tsc's entry files, so the tests, the CLI and
// the packaged extension all run what ships. Run: npm run build
//
// The HTML parser (parse5 and its entities: a third of the CLI) is a file of its own, server/out/html-parser.js,
// which the server and the CLI load when they first read an HTML filing (core/html/render.ts requires it
// lazily): starting the CLI on a text filing, a list or a workbook compiles only what it runs.
//
// (A V8 code cache for the CLI was tried and measured: no gain in CPU time on a seed filing; left out.)
import { build } from 'esbuild';
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
    outfile: path.join(root, 'server/out/cli.js'),
    plugins: [htmlParserApart],
  }),
]);

fs.chmodSync(path.join(root, 'server/out/cli.js'), 0o755);
