/**
 * The editor on workbooks that are no RMI template: the workspace's consolidated smelter lists are linted from
 * disk and their findings published at their sheet cells, as a CMRT's are; a workbook without a smelter table
 * gets nothing; "Open as text" shows the sheets read.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CmrtTextRequest, LintWorkbooksNotification } from '../../server/src/protocol';
import { pathToUri } from '../../server/src/lsp/uri';
import { workbookFindingsUri } from '../../server/src/lsp/handlers/workbook';
import { writeXlsx } from '../../server/src/node/xlsx-write';
import { InProcessServer } from '../helpers/inprocess';

describe('language server: workbooks that are no template, linted by their sheets', function () {
  this.timeout(60000);
  let folder: string;
  let list: string;
  let budget: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cmrlint-sheets-lsp-'));
    list = path.join(folder, 'consolidated smelters.xlsx');
    fs.writeFileSync(
      list,
      writeXlsx([
        { name: 'Read me', rows: [['Exported by a compliance tool']] },
        {
          name: 'Smelters',
          rows: [
            ['Smelter list 2024'],
            [],
            ['Metal', 'Smelter Name', 'Country', 'Smelter ID'],
            ['Tin', 'Minsur', 'PERU', 'CID001182'],
            ['Gold', 'Foo Gold Refinery', 'Narnia', 'CID000082'],
          ],
        },
      ]),
    );
    budget = path.join(folder, 'budget.xlsx');
    fs.writeFileSync(budget, writeXlsx([{ name: 'Budget', rows: [['Item', 'Cost']] }]));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("publishes a consolidated list's findings at their sheet cells, and nothing for a workbook without a smelter table", async () => {
    const s = new InProcessServer();
    try {
      await s.initialize([pathToUri(folder)]);
      const listUri = workbookFindingsUri(pathToUri(list));
      const budgetUri = workbookFindingsUri(pathToUri(budget));
      const published = Promise.all([s.diagnostics(listUri), s.diagnostics(budgetUri)]);
      await s.client.sendNotification(LintWorkbooksNotification, { uris: [pathToUri(list), pathToUri(budget)] });
      const [good, none] = await published;
      const narnia = good.diagnostics.find((d) => d.code === 'country-unknown');
      assert.ok(narnia, JSON.stringify(good.diagnostics));
      assert.deepEqual(narnia.range.start, { line: 4, character: 2 }, 'Smelters!C5: line and column are the sheet row and column');
      assert.match(narnia.message, /^Smelters!C5: 'Narnia' is not a country\./);
      assert.deepEqual(none.diagnostics, []);
    } finally {
      s.dispose();
    }
  });

  it('"Open as text" shows the sheets holding smelter tables, each under its name', async () => {
    const s = new InProcessServer();
    try {
      await s.initialize([]);
      const r = await s.client.sendRequest(CmrtTextRequest, { uri: pathToUri(list) });
      assert.ok('text' in r, JSON.stringify(r));
      assert.equal(
        r.text,
        'Smelters\nSmelter list 2024\t\t\t\nMetal\tSmelter Name\tCountry\tSmelter ID\nTin\tMinsur\tPERU\tCID001182\nGold\tFoo Gold Refinery\tNarnia\tCID000082\n',
      );
      const no = await s.client.sendRequest(CmrtTextRequest, { uri: pathToUri(budget) });
      assert.ok('error' in no && /budget\.xlsx holds no smelter table: sheet "Budget" read/.test(no.error), JSON.stringify(no));
    } finally {
      s.dispose();
    }
  });
});
