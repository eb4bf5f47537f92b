#!/usr/bin/env node
// Bundles the client, the language server and the CLI into one file each with esbuild (tsc still
// type-checks and builds the test tree). The bundles overwrite tsc's entry files, so the tests, the CLI and
// the packaged extension all run what ships. Run: npm run build
import { build } from 'esbuild';
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

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'client/src/extension.ts')],
    outfile: path.join(root, 'client/out/extension.js'),
    external: ['vscode'],
  }),
  build({ ...common, entryPoints: [path.join(root, 'server/src/server.ts')], outfile: path.join(root, 'server/out/server.js') }),
  build({ ...common, entryPoints: [path.join(root, 'server/src/cli.ts')], outfile: path.join(root, 'server/out/cli.js') }),
]);
await import('node:fs').then((fs) => fs.chmodSync(path.join(root, 'server/out/cli.js'), 0o755));
