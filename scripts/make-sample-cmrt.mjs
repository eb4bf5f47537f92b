#!/usr/bin/env node
// Writes samples/generated/sample-supplier-cmrt.xlsx: a CMRT-like supplier workbook (revision 6.4 layout,
// English) with the defects suppliers' files have, built from public facts only: the smelters and CIDs of
// the bundled list (named in public SEC filings) and ISO 3166 country names. Needs the server build.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { strToU8, zipSync } from 'fflate';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { bundledReference, countryTable } = require(path.join(root, 'server/out/core/index.js'));

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const col = (i) =>
  i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
const sheet = (rows) =>
  `<worksheet><sheetData>${rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r.map((v, j) => (v === '' || v === undefined ? '' : `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`,
    )
    .join('')}</sheetData></worksheet>`;

const ref = bundledReference();
const countries = countryTable();
const cmrtName = (alpha2) => countries.get(alpha2)?.cmrtName ?? '';
const pick = (cid) => ref.lookupCid(cid);
const lookup = [['Metal', 'Smelter Look-up', 'Standard Smelter Name', 'Country', 'Smelter Identification']];
for (const r of ref.records()) {
  lookup.push([r.metal, r.name, r.name, cmrtName(r.country), r.cid]);
  for (const a of r.aliases) lookup.push([r.metal, a, r.name, cmrtName(r.country), r.cid]);
}
lookup.push(['Gold', 'Smelter not listed', '', '', ''], ['Tin', 'Smelter not listed', '', '', '']);

const row = (cid, overrides = {}) => {
  const r = pick(cid);
  const base = ['', r.metal, r.name, '', cmrtName(r.country), r.cid, 'RMI', '', '', '', '', '', '', '', '', '', ''];
  for (const [i, v] of Object.entries(overrides)) base[Number(i)] = v;
  return base;
};
const header = [
  'Smelter Identification Number Input Column',
  'Metal (*)',
  'Smelter Look-up (*)',
  'Smelter Name (1)',
  'Smelter Country (*)',
  'Smelter Identification',
  'Source of Smelter Identification Number',
  'Smelter Street',
  'Smelter City',
  'Smelter Facility Location: State / Province',
  'Smelter Contact Name',
  'Smelter Contact Email',
  'Proposed next steps',
  'Name of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
  'Location (Country) of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
  'Does 100% of the smelter’s feedstock originate from recycled or scrap sources?',
  'Comments',
];
const smelters = [
  row('CID001182'),
  row('CID001898', { 11: 'sales@.example.com' }), // a malformed e-mail
  row('CID000438', { 4: 'Bolivia' }), // typed, not the drop-down's name
  row('CID002708'),
  row('CID002708', { 13: 'Mine B' }), // the same smelter again, once per mine
  row('CID000823', { 12: 'RMI certified conflict free' }), // an obsolete claim
  ['', 'Gold', 'Smelter not listed', 'Goldhaus Refinery GmbH', 'GERMANY', '', '', '', 'Pforzheim'],
  ['', 'Gold', 'Smelter not listed', '', 'GERMANY', '', ''], // not listed, but no name typed
];
const q = (n, text, answers) => [
  [`${n}) ${text} (*)`, 'Answer'],
  ...['Tantalum', 'Tin', 'Gold', 'Tungsten'].map((m) => [m, answers[m] ?? '']),
];
const decl = [
  ['Company Name (*):', 'Sample Supplier Co.'],
  ['Declaration Scope or Class (*):', 'A. Company'],
  ['Contact Name (*):', 'A. Buyer'],
  ['Email – Contact (*):', 'a.buyer,sample@example.com'], // a comma for a dot
  ['Phone – Contact (*):', '+1 555 0100'],
  ['Authorizer (*):', ''], // missing
  ['Email - Authorizer (*):', 'ceo@example.com'],
  ['Effective Date (*):', '2024-05-01'],
  ...q(1, 'Is any 3TG intentionally added or used in the product(s) or in the production process?', {
    Tantalum: 'Yes',
    Tin: 'Yes',
    Gold: 'Yes',
    Tungsten: 'No',
  }),
  ...q(2, 'Does any 3TG remain in the product(s)?', { Tantalum: 'Yes', Tin: 'Yes', Gold: 'Yes' }), // tantalum: no smelter listed
  ['A. Have you established a responsible minerals sourcing policy? (*)', 'Yes'],
  ['B. Is your responsible minerals sourcing policy publicly available on your website? (*)', 'Yes'], // no URL
];
const c = [['COUNTRY CODE LIST', 'FULL NAME'], ...countries.countries.map((x) => [x.alpha2, x.cmrtName])];
const sheets = [
  ['Revision', [[''], ['', 'REVISION'], ['', '6.4']]],
  ['Declaration', decl.map(([label, answer]) => ['', label, '', answer])],
  ['Smelter List', [[], [], [], header, ...smelters]],
  ['Smelter Look-up', lookup],
  ['C', c],
];
const files = {
  'xl/workbook.xml': strToU8(
    `<workbook><sheets>${sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"${n === 'C' ? ' state="hidden"' : ''}/>`).join('')}</sheets></workbook>`,
  ),
  'xl/_rels/workbook.xml.rels': strToU8(
    `<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  ),
};
sheets.forEach(([, rows], i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet(rows))));
const out = path.join(root, 'samples', 'generated', 'sample-supplier-cmrt.xlsx');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, zipSync(files));
console.log(`wrote ${path.relative(root, out)}`);
