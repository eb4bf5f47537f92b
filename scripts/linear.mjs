#!/usr/bin/env node
/**
 * Is every pass linear on hostile input? Runs each shape of scripts/linear-shapes.cjs over the built code
 * (server/out: `npm run build` first) at sizes n and 4n, the least CPU time of three runs each after a warm-up,
 * and prints a table. A linear
 * pass takes about 4 times as long on the larger input, a quadratic one 16 times: a ratio over 8 (plus
 * 15 ms of noise) fails the shape, and the script exits 1. A wall-clock ratio, so it belongs here and not in
 * the unit suite, whose hostile-input tests (test/unit/linear.test.ts) judge results, not times.
 *
 *   node scripts/linear.mjs [--grep TEXT]
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (p) => require(path.join(root, 'server', 'out', p));
const core = out('core/index.js');
const lib = {
  lintText: core.lintText,
  referenceFromLookupCsv: core.referenceFromLookupCsv,
  fixAll: out('core/fix.js').fixAll,
  aggregate: out('core/aggregate').aggregate,
  sourceRowsOf: out('core/aggregate').sourceRowsOf,
  analyzeText: out('core/lint.js').analyzeText,
  bundledReference: out('core/data/smelters.js').bundledReference,
  roleOf: out('core/parse/header.js').roleOf,
};
const { shapes } = require('./linear-shapes.cjs');

/** The least CPU time (user + system, ms) of three runs: other processes' load does not count in it. */
function best(run) {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const s = process.cpuUsage();
    run();
    const d = process.cpuUsage(s);
    min = Math.min(min, (d.user + d.system) / 1000);
  }
  return min;
}

const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;
const rows = [];
for (const shape of shapes(lib)) {
  if (grep && !shape.name.includes(grep)) continue;
  shape.make(shape.n)(); // warm-up: the first runs compile the code for the input's size
  const makeSmall = shape.make(shape.n);
  let small = best(makeSmall);
  const large = best(shape.make(4 * shape.n));
  small = Math.min(small, best(makeSmall)); // and again after: a pass slowed once (a collection) does not hide a quadratic one
  const linear = large < 8 * small + 15;
  rows.push({ shape: shape.name, n: shape.n, small, large, linear });
  process.stdout.write(
    `${linear ? 'ok  ' : 'FAIL'}  ${(large / small).toFixed(1).padStart(5)}×  ${small.toFixed(0).padStart(6)} ms → ${large.toFixed(0).padStart(6)} ms  n=${shape.n}  ${shape.name}\n`,
  );
}
const failed = rows.filter((r) => !r.linear);
console.log(`\n${rows.length - failed.length} linear, ${failed.length} superlinear (4× the input may take at most 8× as long + 15 ms)`);
process.exitCode = failed.length > 0 ? 1 : 0;
