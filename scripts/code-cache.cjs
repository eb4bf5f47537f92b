#!/usr/bin/env node
// Makes the CLI's V8 code cache (scripts/bundle.mjs): runs the bundle beside LOADER as the loader does, on the
// files given, and when it exits writes the SHA-256 of the bundle followed by the bytecode V8 compiled for it.
//   node scripts/code-cache.cjs server/out/cli.js server/out/cli-bundle.cache FILE...
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createHash } = require('node:crypto');
const { wrap } = require('node:module');

const [loader, cacheFile, ...files] = process.argv.slice(2);
const file = path.join(path.dirname(loader), 'cli-bundle.js');
const source = fs.readFileSync(file, 'utf8');
const script = new vm.Script(wrap(source), { filename: file });
process.on('exit', () => {
  fs.writeFileSync(cacheFile, Buffer.concat([createHash('sha256').update(source).digest(), script.createCachedData()]));
});
// the CLI's run: this module is the main one, as the loader is when cmrlint runs
process.argv = [process.argv[0], loader, ...files];
script.runInThisContext()(module.exports, require, module, loader, path.dirname(loader));
