#!/usr/bin/env node
// Benchmark: lint time of large smelter tables (100k rows), the size of a big company's merged supplier
// lists. Three shapes: a realistic merged list (600 smelters reported many times over, few errors), a noisy
// one (5,000 smelters, random countries and suffixes: a finding on most rows), and the worst case for
// duplicate detection (every name distinct). Run: npm run bench
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { lintText } = require(path.join(root, 'server/out/core/index.js'));

const metals = ['Gold', 'Tin', 'Tantalum', 'Tungsten'];
const countries = ['CHINA', 'JAPAN', 'INDONESIA', 'UNITED STATES OF AMERICA', 'GERMANY', 'Brazil', 'USA', 'KOREA, REPUBLIC OF', 'Untied Kingdom'];
const words = ['Jiangxi', 'Yunnan', 'Metal', 'Refining', 'Smelting', 'Precious', 'Tin', 'Mining', 'Industry', 'Golden', 'Dragon', 'Nonferrous', 'Materials', 'Technology', 'Minerals', 'Works'];
const suffixes = ['Co., Ltd.', 'Co. Ltd', 'Inc.', 'S.A.', 'GmbH', 'LLC', 'Limited', ''];

let seed = 42;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

function table(rows, distinctNames) {
  const lines = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification'];
  for (let i = 0; i < rows; i++) {
    const k = distinctNames >= rows ? i : rand(distinctNames);
    const name = `${words[k % 16]} ${words[(k >> 4) % 16]} ${words[(k >> 8) % 16]} ${k} ${suffixes[rand(suffixes.length)]}`.trim();
    const cid = rand(20) === 0 ? `cid ${k}` : `CID${String(k % 1000000).padStart(6, '0')}`;
    lines.push(`${metals[k % 4]}\t${name}\t${countries[rand(countries.length)]}\t${cid}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * A merged supplier list as compliance teams build them: ~600 real-world-like smelters, each with its own
 * country and CID, reported by many suppliers (so most rows repeat), with a few percent of spelling variants,
 * country aliases and missing CIDs.
 */
function mergedList(rows) {
  const smelters = [];
  for (let k = 0; k < 600; k++) {
    smelters.push({
      metal: metals[k % 4],
      name: `${words[k % 16]} ${words[(k >> 4) % 16]} ${['Smelting', 'Refinery', 'Metals', 'Industry'][k % 4]} ${suffixes[k % 7]}`.trim() + ` ${String.fromCharCode(65 + (k % 26))}${String.fromCharCode(65 + ((k >> 5) % 26))}`,
      country: countries[k % 5],
      cid: `CID${String(1000 + k).padStart(6, '0')}`,
    });
  }
  const lines = ['Metal\tSmelter Name\tSmelter Country\tSmelter Identification'];
  for (let i = 0; i < rows; i++) {
    const s = smelters[rand(smelters.length)];
    const r = rand(100);
    const name = r < 3 ? s.name.toUpperCase() : s.name;
    const country = r >= 3 && r < 4 ? 'USA' : s.country;
    const cid = r >= 4 && r < 6 ? '' : s.cid;
    lines.push(`${s.metal}\t${name}\t${country}\t${cid}`);
  }
  return lines.join('\n') + '\n';
}

function bench(label, text) {
  lintText(text.slice(0, 20000)); // warm up the JIT and the reference tables
  const runs = [];
  let findings = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    findings = lintText(text, { fileName: 'bench.tsv' }).findings.length;
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${runs[2].toFixed(0).padStart(5)} ms   min ${runs[0].toFixed(0).padStart(5)} ms   ${findings} findings`);
}

console.log(`node ${process.version}, ${process.arch}`);
bench('100,000 rows, merged supplier lists', mergedList(100_000));
bench('100,000 rows, 5,000 distinct smelters', table(100_000, 5_000));
bench('100,000 rows, all names distinct', table(100_000, 100_000));
bench('10,000 rows, 2,000 distinct smelters', table(10_000, 2_000));
