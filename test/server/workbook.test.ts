/**
 * The workbook view's request (cmrlint/workbookView) and where a workbook's findings are published: at their
 * cells under the workbook's cmrt-cell: URI, one range per sheet and cell.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { workbookFindingsUri } from '../../server/src/lsp/handlers/workbook';
import { pathToUri } from '../../server/src/lsp/uri';
import { VIEW_LIMITS } from '../../server/src/node/workbook-view';
import { writeXlsx } from '../../server/src/node/xlsx-write';
import { LintWorkbooksNotification, WorkbookViewData, WorkbookViewRequest } from '../../server/src/protocol';
import { englishTexts, fillWorkbook, merge } from '../helpers/fill-template';
import { InProcessServer } from '../helpers/inprocess';
import { SHARED } from '../helpers/paths';

const JX = path.join(SHARED, 'corpus', 'cmrt-6.4-jx-advanced-metals-2024.xlsx');

describe('the workbook view: cmrlint/workbookView and findings at their cells', function () {
  this.timeout(60000);
  let folder: string;
  let s: InProcessServer;
  const file = (name: string) => path.join(folder, name);

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-workbook-view-'));
    fs.copyFileSync(JX, file('JX CMRT.xlsx'));
    s = new InProcessServer();
    await s.initialize([pathToUri(folder)]);
  });
  after(() => {
    s.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function view(name: string): Promise<WorkbookViewData> {
    const r = await s.client.sendRequest(WorkbookViewRequest, { uri: pathToUri(file(name)) });
    assert.ok('view' in r, JSON.stringify(r));
    return r.view;
  }

  it("gives a CMRT's Declaration, Smelter List and Product List as the rows the supplier filled, its findings at their cells", async () => {
    const v = await view('JX CMRT.xlsx');
    assert.equal(v.template, 'CMRT 6.4');
    assert.deepEqual(
      v.sheets.map((x) => x.name),
      ['Declaration', 'Smelter List', 'Product List'],
    );
    const list = v.sheets[1];
    // 2,500 pre-formatted rows of formulas in the template: only the rows holding values are sent
    assert.ok(list.rows.length < 40, `${list.rows.length} rows`);
    const row14 = list.rows.find((r) => r.row === 14)!;
    assert.deepEqual(
      row14.cells.find(([c]) => c === 5),
      [5, 'China'],
    );
    const china = v.findings.find((f) => f.rule === 'cmrt-country' && f.cells[0].address === 'E14')!;
    assert.ok(china, v.findings.map((f) => `${f.cells[0].sheet}!${f.cells[0].address} ${f.rule}`).join('\n'));
    assert.deepEqual(china.cells[0], { sheet: 'Smelter List', row: 14, col: 5, address: 'E14' });
    assert.ok(
      v.findings.some((f) => f.cells[0].sheet === 'Declaration' && f.cells[0].address === 'G38'),
      'a Declaration finding at its cell',
    );
    // a cause repeated on many rows marks every row it stands for
    const repeated = v.findings.find((f) => f.cells.length > 1)!;
    assert.ok(repeated && repeated.cells.every((m) => m.sheet === 'Smelter List'));
  });

  it("gives an EMRT's Mine List too", async () => {
    const blank = new Uint8Array(fs.readFileSync(path.join(SHARED, 'corpus', 'templates', 'RMI_EMRT_2.1.xlsx')));
    const sheets = ['Declaration', 'Smelter List', 'Mine List', 'Product List'];
    fs.writeFileSync(
      file('EMRT.xlsx'),
      fillWorkbook(blank, merge(englishTexts(blank, sheets), { 'Mine List': { A5: 'Cobalt', C5: 'Mine A' } })),
    );
    const v = await view('EMRT.xlsx');
    assert.match(v.template ?? '', /^EMRT 2\.1/);
    assert.deepEqual(
      v.sheets.map((x) => x.name),
      ['Declaration', 'Smelter List', 'Mine List', 'Product List'].filter((n) => v.sheets.some((x) => x.name === n)),
    );
    const mines = v.sheets.find((x) => x.name === 'Mine List')!;
    assert.deepEqual(
      mines.rows.find((r) => r.row === 5)?.cells.find(([c]) => c === 3),
      [3, 'Mine A'],
    );
  });

  it("gives any other workbook as plain grids: its smelter tables' findings at their cells, or why it has none", async () => {
    fs.writeFileSync(
      file('merged.xlsx'),
      writeXlsx([
        {
          name: 'Smelters',
          rows: [
            ['Metal', 'Smelter Name'],
            ['Tin', 'Minsur'],
          ],
        },
        { name: 'Notes', rows: [['Sent in May']] },
      ]),
    );
    const v = await view('merged.xlsx');
    assert.deepEqual(
      v.sheets.map((x) => [x.name, x.rows.length, x.width]),
      [
        ['Smelters', 2, 2],
        ['Notes', 1, 1],
      ],
    );
    assert.deepEqual(
      v.findings.map((f) => `${f.cells[0].sheet}!${f.cells[0].address}:${f.rule}`),
      ['Smelters!A1:table-unread'], // no country column
    );
    assert.equal(v.note, undefined);
    fs.writeFileSync(file('budget.xlsx'), writeXlsx([{ name: 'Budget', rows: [['Item', 'Cost']] }]));
    const none = await view('budget.xlsx');
    assert.deepEqual(
      none.sheets.map((x) => x.name),
      ['Budget'],
    );
    assert.deepEqual(none.findings, []);
    assert.match(none.note ?? '', /holds no smelter table: sheet "Budget" read/);
  });

  it('sends at most its cap of rows of a huge sheet, and says how many it leaves out', async () => {
    const rows: string[][] = Array.from({ length: VIEW_LIMITS.rows + 50 }, (_, i) => [
      `row ${i + 1}`,
      i === 0 ? 'x'.repeat(VIEW_LIMITS.cellChars + 10) : 'x',
    ]);
    fs.writeFileSync(file('huge.xlsx'), writeXlsx([{ name: 'Data', rows }]));
    const [sheet] = (await view('huge.xlsx')).sheets;
    assert.equal(sheet.rows.length, VIEW_LIMITS.rows);
    assert.equal(sheet.omittedRows, 50);
    assert.equal(sheet.rows[0].cells[1][1].length, VIEW_LIMITS.cellChars + 1, 'a long value clipped, with an ellipsis');
  });

  it('answers a file that is no workbook with one line', async () => {
    fs.writeFileSync(file('broken CMRT.xlsx'), 'PK\x03\x04 not a zip');
    const r = await s.client.sendRequest(WorkbookViewRequest, { uri: pathToUri(file('broken CMRT.xlsx')) });
    assert.ok('error' in r);
    assert.match(r.error, /^broken CMRT\.xlsx: .*corrupt or truncated/);
    assert.doesNotMatch(r.error, /\n/);
  });

  it("publishes a workbook's findings under its cmrt-cell: URI, one range per sheet and cell", async () => {
    const uri = pathToUri(file('JX CMRT.xlsx'));
    const cells = workbookFindingsUri(uri);
    assert.match(cells, /^cmrt-cell:/);
    const published = s.diagnostics(cells);
    await s.client.sendNotification(LintWorkbooksNotification, { uris: [uri] });
    const all = (await published).diagnostics;
    const china = all.find((d) => d.code === 'cmrt-country' && d.message.startsWith('Smelter List!E14: '))!;
    assert.deepEqual(china.range.start, { line: 13, character: 4 }, 'line and column: the sheet row and column');
    const declaration = all.find((d) => d.message.startsWith('Declaration!'))!;
    const ordinal = (d: typeof china) => d.range.end.character - d.range.start.character - 1;
    assert.notEqual(ordinal(china), ordinal(declaration), 'two sheets never share a range');
    assert.ok(all.every((d) => d.range.end.line === d.range.start.line));
  });
});
