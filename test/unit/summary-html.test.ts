/** The summary view's page: escaped, locked down by its CSP, drawn with theme colours, one Tab stop per list. */
import * as assert from 'node:assert/strict';
import { summaryHtml, SummaryData } from '../../client/src/summaryHtml';

const DATA: SummaryData = {
  title: 'supplier <b>list</b>.csv',
  subtitle: '3 distinct smelters',
  smelters: 3,
  perMetal: [
    { label: 'Tin', value: 2 },
    { label: 'Gold', value: 1 },
  ],
  perCountry: Array.from({ length: 30 }, (_, i) => ({ label: `COUNTRY ${i}`, value: 30 - i })),
  covered: ['Luna Smelter, Ltd. (Tin, RWANDA)'],
  perRule: [{ label: 'cid-missing', value: 4, rule: 'cid-missing', severity: 'warning', description: 'A smelter row without "CID".' }],
  notes: ['1 row naming no smelter.'],
};

describe('summary view page', () => {
  const html = summaryHtml(DATA, 'NONCE123', 'vscode-resource:');

  it('escapes what comes from files, and runs only its own script', () => {
    assert.ok(html.includes('supplier &lt;b&gt;list&lt;/b&gt;.csv'));
    assert.ok(!html.includes('<b>list</b>'));
    assert.match(
      html,
      /Content-Security-Policy" content="default-src 'none'; style-src vscode-resource: 'unsafe-inline'; script-src 'nonce-NONCE123';"/,
    );
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="NONCE123">/);
  });

  it("draws bars with the theme's chart colours, the longest full width, and folds a long tail into one bar", () => {
    assert.match(
      html,
      /<span class="label">Tin<\/span><span class="track"><span class="bar" style="width:100%;background:var\(--vscode-charts-blue\)">/,
    );
    assert.match(html, /<span class="label">Gold<\/span><span class="track"><span class="bar" style="width:50%;/);
    assert.match(html, /background:var\(--vscode-charts-yellow\)/, 'a warning rule in the warning colour');
    const countries = html.slice(html.indexOf('id="countries"'));
    assert.equal((countries.slice(0, countries.indexOf('</ul>')).match(/role="listitem"/g) ?? []).length, 25);
    assert.match(countries, /<span class="label">6 more<\/span>/);
    assert.ok(!/#[0-9a-f]{6}\b/i.test(html.replace(/<script[\s\S]*<\/script>/, '')), 'no fixed colours: the theme decides');
  });

  it('names every row for screen readers, and a rule row says Enter opens its documentation', () => {
    assert.match(
      html,
      /aria-label="cid-missing: 4 findings\. warning: A smelter row without &quot;CID&quot;\. Press Enter for the rule’s documentation\."/,
    );
    assert.match(html, /data-rule="cid-missing"/);
    assert.match(html, /ArrowDown/);
    assert.match(html, /e\.key === 'Enter'/);
  });
});
