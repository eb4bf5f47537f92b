/**
 * Consolidated lists: exports of other tools holding many suppliers' smelters, one supplier column. Built here
 * at run time from RMI's real smelter look-up (../shared/data), never committed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aggregate, SourceFile, sourceRowsOf, tableCells } from '../../server/src/core/aggregate';
import { analyzeText, lintText } from '../../server/src/core/lint';
import { bundledReference } from '../../server/src/core/data/smelters';
import { readReport } from '../../server/src/core/read-report';
import { supplierColumn } from '../../server/src/core/supplier';
import { DATA } from '../helpers/paths';

interface Smelter {
  metal: string;
  name: string;
  country: string;
  cid: string;
}

/** RMI's standard smelters of the 6.5 look-up, one per CID, in the look-up's order. */
function smelters(): Smelter[] {
  const text = fs.readFileSync(path.join(DATA, 'rmi-cmrt-6.5-smelter-lookup.csv'), 'utf8');
  const result = lintText(text, { fileName: 'lookup.csv' });
  const seen = new Set<string>();
  const out: Smelter[] = [];
  for (const f of result.analysis.rows) {
    const cid = f.idCell?.value ?? '';
    if (!/^CID\d{6}$/.test(cid) || seen.has(cid) || !f.metal || !f.countryCell) continue;
    seen.add(cid);
    out.push({ metal: f.metal.info.metal, name: f.standardCell?.value ?? f.nameCell!.value, country: f.countryCell.value, cid });
  }
  return out;
}

const SUPPLIERS = ['Acme Components Ltd', 'Borealis Electronics GmbH', 'Cobalt Wire Co', 'Delta Plastics Inc'];

/** Each supplier reports 30 smelters; neighbours share 10 of them (the same smelter from two suppliers). */
function consolidated(header: string[], cell: (supplier: string, i: number) => string): string[][] {
  const all = smelters();
  const rows: string[][] = [];
  SUPPLIERS.forEach((s, k) => {
    for (let i = 0; i < 30; i++) {
      const m = all[k * 20 + i];
      rows.push([cell(s, k), m.metal, m.name, m.country, m.cid]);
    }
  });
  return [header, ...rows];
}

const csv = (rows: string[][]) =>
  rows.map((r) => r.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
const HEADER = ['Supplier Name', 'Metal', 'Smelter Name', 'Smelter Country', 'Smelter ID'];

function source(file: string, text: string): SourceFile {
  return { file, rows: sourceRowsOf(file, analyzeText(text, { fileName: file })) };
}

describe('consolidated lists: a supplier column', () => {
  const rows = consolidated(HEADER, (s) => s);
  const text = csv(rows);

  it('is found by its header, or by its content (file names, suppliers in blocks), and said in what was read', () => {
    const read = readReport(lintText(text, { fileName: 'all.csv' }));
    const supplier = read.tables[0].columns.find((c) => c.role === 'supplier');
    assert.deepEqual(supplier, { role: 'supplier', column: 1, letter: 'A', header: 'Supplier Name', basis: 'header' });
    assert.equal(read.tables[0].suppliers, 4);
    for (const header of ['Declaring Company', 'Reported by', 'Source File', 'VendorName', 'company']) {
      const t = analyzeText(csv([[header, ...HEADER.slice(1)], ...rows.slice(1)]), { fileName: 'x.csv' }).model.tables[0];
      assert.equal(supplierColumn(t)?.column, 0, header);
    }
    const files = consolidated(['Origin', ...HEADER.slice(1)], (s) => `${s} CMRT 6.4.xlsx`);
    assert.deepEqual(supplierColumn(analyzeText(csv(files), { fileName: 'x.csv' }).model.tables[0]), { column: 0, basis: 'content' });
    const blocks = consolidated(['Col A', ...HEADER.slice(1)], (s) => s);
    assert.deepEqual(supplierColumn(analyzeText(csv(blocks), { fileName: 'x.csv' }).model.tables[0]), { column: 0, basis: 'content' });
    // a column of counts is not: cmrlint's merged table has "Suppliers", how many reported each smelter
    const counts = rows.map((r, i) => (i === 0 ? ['Suppliers', ...r.slice(1)] : [String((i % 3) + 1), ...r.slice(1)]));
    assert.equal(supplierColumn(analyzeText(csv(counts), { fileName: 'x.csv' }).model.tables[0]), undefined);
    // a column of the smelter's own data is never the supplier's: its contact, its e-mail, its city
    for (const header of ['Smelter Contact Name', 'Company Website', 'Contact E-mail']) {
      const t = analyzeText(csv([[header, ...HEADER.slice(1)], ...rows.slice(1)]), { fileName: 'x.csv' }).model.tables[0];
      assert.equal(supplierColumn(t), undefined, header);
    }
  });

  it('aggregate counts suppliers by it, and "Reported In" names them', () => {
    const agg = aggregate([source('all.csv', text)], bundledReference());
    assert.equal(agg.summary.files, 1);
    assert.equal(agg.summary.suppliers, 4);
    const shared = smelters()[20]; // reported by Acme (its 21st) and Borealis (its 1st)
    const row = agg.rows.find((r) => r.cid === shared.cid)!;
    assert.equal(row.suppliers, 2);
    const reportedIn = tableCells(agg).find((r) => r[3] === shared.cid)![6];
    assert.equal(reportedIn, 'all.csv:22 (Acme Components Ltd); all.csv:32 (Borealis Electronics GmbH)');
  });

  it('one smelter of two suppliers is no duplicate row; a row repeated within one supplier still is', () => {
    // Borealis writes the name Acme wrote otherwise: not a near-duplicate, two suppliers report it
    const renamed = rows.map((r, i) => (i === 31 ? [r[0], r[1], `${r[2].toUpperCase()}`, r[3], r[4]] : r));
    const findings = lintText(csv(renamed), { fileName: 'all.csv' }).findings;
    assert.deepEqual(
      findings.filter((f) => f.rule.startsWith('row-')),
      [],
    );
    const repeated = [...rows.slice(0, 3), rows[2], ...rows.slice(3)];
    const dup = lintText(csv(repeated), { fileName: 'all.csv' }).findings.filter((f) => f.rule === 'row-duplicate');
    assert.equal(dup.length, 1);
    const near = [...rows.slice(0, 3), [rows[2][0], rows[2][1], rows[2][2].toUpperCase(), rows[2][3], rows[2][4]], ...rows.slice(3)];
    assert.ok(lintText(csv(near), { fileName: 'all.csv' }).findings.some((f) => f.rule === 'row-near-duplicate'));
  });
});

describe('a block of rows shifted by one column', () => {
  const rows = consolidated(HEADER, (s) => s);
  it('is one finding naming the shift and its rows, not one per row', () => {
    // rows 41–80 of the list lost their metal cell: every cell after it sits one column to the left
    const shifted = rows.map((r, i) => (i >= 41 && i <= 80 ? [r[0], r[2], r[3], r[4], ''] : r));
    const findings = lintText(csv(shifted), { fileName: 'all.csv' }).findings;
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [
        "table-shape: The 40 rows of lines 42–81 have their cells shifted one column to the left: the smelter name in the 'Metal' column, the country in the 'Smelter Name' column, the smelter ID in the 'Smelter Country' column. They were not checked; move their cells one column right.",
      ],
    );
    // one column to the right: an empty cell in front
    const right = rows.map((r, i) => (i >= 5 && i <= 9 ? [r[0], '', ...r.slice(1)] : r));
    const one = lintText(csv(right), { fileName: 'all.csv' }).findings;
    assert.equal(one.length, 1);
    assert.match(one[0].message, /^The 5 rows of lines 6–10 have their cells shifted one column to the right/);
    // a single shifted row keeps its own message
    const single = rows.map((r, i) => (i === 7 ? [r[0], r[2], r[3], r[4], ''] : r));
    assert.deepEqual(
      lintText(csv(single), { fileName: 'all.csv' }).findings.map((f) => f.message),
      [
        "Cells shifted one column to the left: the smelter name in the 'Metal' column, the country in the 'Smelter Name' column, the smelter ID in the 'Smelter Country' column.",
      ],
    );
  });
});
