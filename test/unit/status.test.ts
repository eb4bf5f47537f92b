/**
 * RMAP status from RMI's facility lists: the real 2023 workbook, and the CSV and XML Spreadsheet 2003 files
 * users get for the same lists (built here from the real workbook, never committed), read alike; columns
 * found by meaning; re-audits due and overdue at a date.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../server/src/node/xlsx';
import { loadStatusList, StatusFileError } from '../../server/src/node/status';
import { readXmlSpreadsheet } from '../../server/src/node/xml-spreadsheet';
import { StatusList, statusText } from '../../server/src/core/status/model';
import { readStatusSheet } from '../../server/src/core/status/table';
import { parseCycle, parseDate } from '../../server/src/core/status/dates';
import { applyStatus } from '../../server/src/core/status/apply';
import { renderTable, summaryLines, tableCells } from '../../server/src/core/aggregate';
import { lintText } from '../../server/src/core/lint';
import { aggregateOutput, mergeSources, sourceOfFile } from '../../server/src/node/aggregate';
import { hoverAt } from '../../server/src/core/hover';
import { fileSummary } from '../../server/src/core/summary';
import { DidOpenTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { resolveFileOptions, ResolveRequest } from '../../server/src/node/options';
import { SummaryRequest } from '../../server/src/protocol';
import { InProcessServer } from '../helpers/inprocess';
import { readSettings } from '../../server/src/lsp/settings';
import { SHARED } from '../helpers/paths';

const REAL = path.join(SHARED, 'corpus', 'rmi-rmap-status-2023.xlsx');

function realSheets(): { conformant: string[][]; active: string[][] } {
  const wb = new XlsxWorkbook(fs.readFileSync(REAL), 'rmi');
  return { conformant: wb.grid(wb.sheet('Conformant')!), active: wb.grid(wb.sheet('Active List')!) };
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function xmlText(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a list says, comparable between file kinds. */
function facts(list: StatusList): string[] {
  return [...list.entries()]
    .map((e) =>
      [e.cid, e.metal, e.status, e.name, e.country, e.lastAudit ?? '', e.cycleMonths ?? '', e.reauditInProgress ? 'R' : ''].join('|'),
    )
    .sort();
}

describe('RMAP status lists', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-status-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the Conformant and Active sheets of the real workbook and leaves the other sheets, saying why', () => {
    const list = loadStatusList(REAL);
    const { conformant, active } = realSheets();
    assert.equal(list.size, conformant.length - 1 + active.length - 1);
    const notes = list.info.notes.join('\n');
    assert.match(notes, /"Conformant": 267 facilities of the Conformant list/);
    assert.match(notes, /"Active List": 40 facilities of the Active list/);
    assert.match(notes, /"ALl Smelter List": not read \(its status column also says .*'Non Conformant'/);
    assert.match(notes, /"Revisions History of smelters": not read/);
    const alm = list.entry('CID000004', 'tungsten')!;
    assert.deepEqual(
      [alm.status, alm.name, alm.country, alm.lastAudit, alm.cycleMonths],
      ['conformant', 'A.L.M.T. Corp.', 'JAPAN', '2021-03-09', 36],
    );
    assert.equal(list.entry('CID000004', 'Gold'), undefined, 'a status is per smelter and metal');
    assert.equal(list.entry('CID003232', 'Cobalt')!.status, 'active');
    // US dates as text and Excel serials in one column
    assert.equal(list.entry('CID002708', 'Au')!.lastAudit, '2020-11-19');
    assert.equal(list.entry('CID000015', 'Gold')!.reauditInProgress, true);
  });

  it('reads CSV exports of the same lists, columns in another order and the list named by the file', () => {
    const real = loadStatusList(REAL);
    const { conformant, active } = realSheets();
    const type = conformant[0].indexOf('Type');
    // the Conformant list as a CSV named after it, without the Type column, columns reversed
    const reversed = conformant.map((r) => r.filter((_, i) => i !== type).reverse());
    const conformantCsv = path.join(dir, 'RMI Conformant Smelters.csv');
    fs.writeFileSync(conformantCsv, reversed.map((r) => r.map(csvCell).join(',')).join('\r\n'));
    // both lists in one semicolon CSV, told apart by their Type column
    const both = path.join(dir, 'rmap-lists.csv');
    const header = conformant[0];
    const activeRows = active.slice(1).map((r) => header.map((h) => r[active[0].indexOf(h)] ?? ''));
    fs.writeFileSync(
      both,
      [header, ...conformant.slice(1), ...activeRows]
        .map((r) => r.map((v) => (/[";\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(';'))
        .join('\n'),
    );
    const fromBoth = loadStatusList(both);
    assert.deepEqual(facts(fromBoth), facts(real));
    const fromConformant = loadStatusList(conformantCsv);
    assert.deepEqual(
      facts(fromConformant),
      facts(real).filter((f) => f.includes('|conformant|')),
    );
  });

  it("reads RMI's XML Spreadsheet 2003 download: title rows, ISO date-times, ss:Index skips, rich text", () => {
    const real = loadStatusList(REAL);
    const { conformant, active } = realSheets();
    const dates = conformant[0].indexOf('LAST AUDIT DATE');
    const sheet = (name: string, rows: string[][]) => {
      const body = rows
        .map((r, i) => {
          const cells = r
            .map((v, j) => {
              if (v === '') return '';
              const index = j > 0 && r[j - 1] === '' ? ` ss:Index="${j + 1}"` : '';
              if (i > 0 && j === dates && name === 'Conformant') {
                const iso = real.entry(r[2], r[1])!.lastAudit!;
                return `<Cell${index} ss:StyleID="s1"><Data ss:Type="DateTime">${iso}T00:00:00.000</Data></Cell>`;
              }
              if (i === 0)
                return `<Cell${index}><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>${xmlText(v)}</B></ss:Data></Cell>`;
              return `<Cell${index}><Data ss:Type="String">${xmlText(v)}</Data></Cell>`;
            })
            .join('');
          return `<Row>${cells}</Row>`;
        })
        .join('\n');
      const title = `<Row><Cell ss:MergeAcross="5"><Data ss:Type="String">RMI ${name} Smelters &amp; Refiners</Data></Cell></Row><Row ss:Index="3"/>`;
      return `<Worksheet ss:Name="${name}"><Table>${title}\n${body}</Table></Worksheet>`;
    };
    const xml = `<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n<!-- <Row><Cell><Data>CID999999</Data></Cell></Row> -->\n${sheet('Conformant', conformant)}\n${sheet('Active', active)}\n</Workbook>`;
    const file = path.join(dir, 'rmi-facilities.xls');
    fs.writeFileSync(file, xml);
    assert.deepEqual(facts(loadStatusList(file)), facts(real));
    const [first] = readXmlSpreadsheet(xml);
    assert.equal(first.rows[0][0], 'RMI Conformant Smelters & Refiners');
    assert.deepEqual(first.rows[1], [], 'the rows skipped by ss:Index are one empty row');
  });

  it('finds columns by their cells when the header is missing or unknown', () => {
    const rows = [
      ['Tin', 'Thaisarco', 'CID001898', 'THAILAND', '19/11/2022', '3 years'],
      ['Gold', 'Agosi AG', 'CID000035', 'GERMANY', '15/08/2021', '1 year'],
    ];
    const read = readStatusSheet({ file: 'conformant.csv', sheet: '', rows });
    assert.deepEqual(
      read.entries.map((e) => [e.cid, e.metal, e.lastAudit, e.cycleMonths]),
      [
        ['CID001898', 'Tin', '2022-11-19', 36],
        ['CID000035', 'Gold', '2021-08-15', 12],
      ],
    );
    const spelled = readStatusSheet({
      file: 'x.csv',
      sheet: 'Liste',
      rows: [
        ['Smelter Identification Number', 'Mineral', 'Facility name', 'Date of last audit', 'Audit frequency'],
        ['cid 1898', 'Sn', 'Thaisarco', '2022-11-19', 'Annual'],
      ],
    });
    assert.deepEqual(
      spelled.entries.map((e) => [e.cid, e.metal, e.status, e.cycleMonths]),
      [['CID001898', 'Tin', 'conformant', 12]],
    );
    const unknown = readStatusSheet({
      file: 'smelters.csv',
      sheet: '',
      rows: [
        ['Metal', 'Smelter ID', 'Name'],
        ['Tin', 'CID001898', 'Thaisarco'],
      ],
    });
    assert.deepEqual(unknown.entries, []);
    assert.match(unknown.note, /neither its name nor a status column says whether it is the Conformant or the Active list/);
  });

  it('says when a re-audit is due or overdue at a date', () => {
    const list = loadStatusList(REAL);
    // A.L.M.T.: audited 2021-03-09, three-year cycle
    assert.equal(statusText(list.statusAt('CID000004', 'Tungsten', '2023-06-30')), 'Conformant');
    assert.equal(statusText(list.statusAt('CID000004', 'Tungsten', '2024-01-15')), 'Conformant (re-audit due 2024-03-09)');
    assert.equal(statusText(list.statusAt('CID000004', 'Tungsten', '2024-03-10')), 'Conformant (re-audit overdue since 2024-03-09)');
    assert.equal(
      statusText(list.statusAt('CID000015', 'Gold', '2023-06-30')),
      'Conformant (re-audit overdue since 2020-02-15, in progress)',
    );
    assert.equal(statusText(list.statusAt('CID003232', 'Cobalt', '2023-06-30')), 'Active');
    assert.equal(statusText(list.statusAt('CID000004', 'Gold', '2023-06-30')), 'Not in RMAP');
    assert.equal(statusText(list.statusAt(undefined, 'Gold', '2023-06-30')), 'Not in RMAP');
  });

  it('reads dates and cycles in the forms lists carry them', () => {
    assert.equal(parseDate('44264'), '2021-03-09');
    assert.equal(parseDate('11/19/2020'), '2020-11-19');
    assert.equal(parseDate('19.11.2020', true), '2020-11-19');
    assert.equal(parseDate('2020-11-19T00:00:00.000'), '2020-11-19');
    assert.equal(parseDate('19-Nov-2020'), '2020-11-19');
    assert.equal(parseDate('Nov 19, 2020'), '2020-11-19');
    assert.equal(parseDate('2/30/2020'), undefined);
    assert.equal(parseDate('12'), undefined);
    assert.deepEqual(['3 Years', '1 year', '12 months', 'Annual', '3', 'soon'].map(parseCycle), [36, 12, 12, 12, 36, undefined]);
  });

  it('refuses a file that holds no status list, in one line', () => {
    const file = path.join(dir, 'suppliers.csv');
    fs.writeFileSync(file, 'Metal,Smelter Name,Country\nTin,Thaisarco,THAILAND\n');
    assert.throws(
      () => loadStatusList(file),
      (e: Error) => e instanceof StatusFileError && /holds no RMAP Conformant or Active list/.test(e.message) && !e.message.includes('\n'),
    );
    assert.throws(
      () => loadStatusList(path.join(dir, 'missing.xlsx')),
      (e: Error) => e instanceof StatusFileError && /no such file/.test(e.message),
    );
    fs.writeFileSync(path.join(dir, 'bad.xlsx'), 'PK\u0003\u0004 not a zip');
    assert.throws(() => loadStatusList(path.join(dir, 'bad.xlsx')), StatusFileError);
  });

  it('reads a hostile XML Spreadsheet in bounded time and memory', () => {
    const xml = (rows: number) =>
      `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Conformant"><Table>${'<Row ss:Index="1048576"><Cell ss:Index="16384"><Data>x</Data></Cell><Cell ss:Index="99999999"><Data>y</Data></Cell></Row>'.repeat(rows)}<Row><Cell><Data>unclosed`;
    // the test's timeout is the clock: a grid built cell by cell for these indexes would not finish
    const sheets = readXmlSpreadsheet(xml(10));
    assert.equal(sheets[0].rows.length, 2, 'rows past the last row are not read; one empty row stands for those skipped');
    assert.equal(sheets[0].rows[1].length, 16384);
    // cells that ss:Index skips count: a small file cannot make a huge grid
    const wide = (rows: number) =>
      xml(0).replace('<Row><Cell><Data>unclosed', '<Row><Cell ss:Index="16384"><Data>x</Data></Cell></Row>'.repeat(rows));
    assert.equal(readXmlSpreadsheet(wide(200))[0].rows.length, 200);
    assert.throws(() => readXmlSpreadsheet(wide(100_000)), /more than 4,000,000 cells/);
    const file = path.join(dir, 'huge.xml');
    fs.writeFileSync(file, wide(1000));
    assert.throws(
      () => loadStatusList(file),
      (e: Error) => e instanceof StatusFileError && /more than 4,000,000 cells/.test(e.message),
    );
  });

  it('gives the merged table of the real CMRTs a status column and per-metal counts in its summary', async () => {
    const files = ['cmrt-6.4-jx-advanced-metals-2024.xlsx', 'cmrt-6.4-pkg-de00-2024.xlsx'].map((f) => path.join(SHARED, 'corpus', f));
    const sources = await Promise.all(files.map((f) => sourceOfFile(f, { optionsFor: () => Promise.resolve({}) })));
    const agg = await mergeSources(sources, undefined);
    applyStatus(agg, loadStatusList(REAL), '2023-12-31');
    const cells = tableCells(agg);
    const col = cells[0].indexOf('RMAP Status');
    assert.equal(col, cells[0].length - 1);
    const ulba = cells.find((r) => r[3] === 'CID001969')!;
    assert.match(ulba[col], /^Conformant/);
    const overdue = agg.summary.rmap!.perMetal.reduce((n, m) => n + m.reauditOverdue, 0);
    assert.ok(overdue > 0);
    assert.equal(overdue, agg.rows.filter((r) => r.rmap!.includes('re-audit overdue')).length);
    const line = summaryLines(agg).find((l) => l.includes('RMAP status'))!;
    const gold = agg.summary.rmap!.perMetal.find((m) => m.metal === 'Gold')!;
    assert.equal(gold.conformant, agg.rows.filter((r) => r.metal === 'Gold' && r.rmap!.startsWith('Conformant')).length);
    assert.ok(
      line.includes(
        `RMAP status on 2023-12-31 (rmi-rmap-status-2023.xlsx): Gold ${gold.conformant} of ${gold.smelters} conformant, ${gold.active} active`,
      ),
      line,
    );
    // the table with its status column lints as before: no finding about the column
    const findings = lintText(renderTable(agg, 'tsv'), { format: 'tsv', countryStyle: 'cmrt' }).findings;
    assert.ok(!findings.some((f) => /status|conformant/i.test(f.message)), findings.map((f) => f.message).join('\n'));
    const wb = new XlsxWorkbook(aggregateOutput(agg, 'xlsx') as Uint8Array, 'merged.xlsx');
    assert.equal(wb.grid(wb.sheet('Smelters')!)[0][col], 'RMAP Status');
  });

  it("gives the editor a CID's status in its hover and the statuses per metal in the summary", () => {
    const list = loadStatusList(REAL);
    const text =
      'Metal\tSmelter Name\tCountry\tSmelter ID\nTungsten\tA.L.M.T. Corp.\tJAPAN\tCID000004\nGold\tAgosi AG\tGERMANY\tCID000035\nGold\tCaridad\tMEXICO\tCID000180\n';
    const result = lintText(text, { format: 'tsv' });
    const hover = (cid: string) => hoverAt(result, text.indexOf(cid) + 2, { list, asOf: '2024-01-15' })!.markdown;
    assert.match(
      hover('CID000004'),
      /RMAP \(tungsten\): \*\*Conformant\*\* · last audit 2021-03-09, 3-year cycle, re-audit due 2024-03-09 _\(rmi-rmap-status-2023\.xlsx: Conformant!row 2\)_/,
    );
    assert.match(hover('CID000035'), /\*\*Conformant\*\* · last audit 2019-08-15, 3-year cycle, re-audit overdue since 2022-08-15/);
    assert.match(hover('CID000180'), /RMAP \(gold\): \*\*not in RMAP\*\*/);
    assert.doesNotMatch(hoverAt(result, text.indexOf('CID000004') + 2)!.markdown, /RMAP/, 'without a status list, no status');
    const notes = fileSummary('list.tsv', result, { list, asOf: '2024-01-15' }).notes;
    assert.deepEqual(notes.slice(0, 2), [
      'RMAP on 2024-01-15 (rmi-rmap-status-2023.xlsx): Gold 1 of 2 conformant, 0 active, 1 overdue for re-audit.',
      'RMAP on 2024-01-15 (rmi-rmap-status-2023.xlsx): Tungsten 1 of 1 conformant, 0 active.',
    ]);
  });

  it('the language server: the status list the settings name in the hover and the summary, none in an untrusted workspace', async () => {
    const withStatus = (file: string, req: ResolveRequest = {}) =>
      resolveFileOptions(file, { ...req, searchConfig: false, overrides: { ...req.overrides, status: REAL } });
    const s = new InProcessServer({ resolveOptions: withStatus });
    try {
      await s.initialize([]);
      const uri = 'file:///tmp/cmrlint-status-list.tsv';
      const text = 'Metal\tSmelter Name\tCountry\tSmelter ID\nTungsten\tA.L.M.T. Corp.\tJAPAN\tCID000004\n';
      await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tsv', version: 1, text } });
      const hover = async () =>
        JSON.stringify(
          (await s.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 36 } }))?.contents,
        );
      assert.match(await hover(), /RMAP \(tungsten\): \*\*Conformant\*\*/);
      const summary = await s.client.sendRequest(SummaryRequest, { uri });
      assert.ok(
        'summary' in summary &&
          summary.summary.notes.some((n) =>
            /^RMAP on \d{4}-\d{2}-\d{2} \(rmi-rmap-status-2023\.xlsx\): Tungsten 1 of 1 conformant/.test(n),
          ),
        JSON.stringify(summary),
      );
      s.ctx.trusted = false;
      s.ctx.relintAll();
      assert.doesNotMatch(await hover(), /RMAP/);
      assert.equal(readSettings({ status: ' lists/rmi.xlsx ' }).overrides.status, 'lists/rmi.xlsx', 'the cmrlint.status setting');
    } finally {
      s.dispose();
    }
  });
});
