/**
 * The summary view's page: counts per metal, per country, the Covered Countries and findings per rule, as
 * bar charts drawn with the theme's colours (VS Code's --vscode-* variables, so light, dark and high-contrast
 * themes all read well). Every row is reachable with the keyboard: Tab enters a list, the arrow keys, Home and
 * End move within it, Enter (or Space) on a rule opens the rule's documentation. No VS Code API here: the
 * extension hands in the data and posts the messages on.
 */

import { webviewHead } from './webviewPage';
import type { SummaryData } from '../../server/src/protocol';

export type { SummaryData };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SEVERITY_COLOUR: Record<string, string> = {
  error: 'var(--vscode-charts-red)',
  warning: 'var(--vscode-charts-yellow)',
  info: 'var(--vscode-charts-blue)',
  hint: 'var(--vscode-charts-foreground)',
};

interface Bar {
  label: string;
  value: number;
  colour: string;
  title?: string;
  rule?: string;
}

/** Most bars drawn per chart: the rest are summed into one "N more" row. */
const MAX_BARS = 25;

function chart(id: string, heading: string, bars: Bar[], unit: string, empty: string): string {
  let shown = bars;
  if (bars.length > MAX_BARS) {
    const rest = bars.slice(MAX_BARS - 1);
    shown = [
      ...bars.slice(0, MAX_BARS - 1),
      { label: `${rest.length} more`, value: rest.reduce((n, b) => n + b.value, 0), colour: 'var(--vscode-charts-foreground)' },
    ];
  }
  const max = Math.max(1, ...shown.map((b) => b.value));
  const rows = shown
    .map((b) => {
      const pct = Math.max(1, Math.round((b.value / max) * 100));
      const name = `${b.label}: ${b.value} ${b.value === 1 ? unit : `${unit}s`}${b.title ? `. ${b.title.replace(/\.$/, '')}` : ''}${b.rule ? '. Press Enter for the rule\u2019s documentation.' : ''}`;
      return `<li class="row${b.rule ? ' rule' : ''}" tabindex="-1" role="listitem" aria-label="${esc(name)}"${b.rule ? ` data-rule="${esc(b.rule)}"` : ''} title="${esc(b.title ?? b.label)}"><span class="label">${esc(b.label)}</span><span class="track"><span class="bar" style="width:${pct}%;background:${b.colour}"></span></span><span class="value">${b.value}</span></li>`;
    })
    .join('');
  return `<section aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(heading)}</h2>${
    shown.length === 0
      ? `<p class="empty">${esc(empty)}</p>`
      : `<ul class="chart" role="list" id="${id}" aria-labelledby="${id}-h">${rows}</ul>`
  }</section>`;
}

/** The page, with a nonce for its one script and the webview's CSP source for styles. */
export function summaryHtml(data: SummaryData, nonce: string, cspSource: string): string {
  const metals = chart(
    'metals',
    'Smelters per metal',
    data.perMetal.map((m) => ({ ...m, colour: 'var(--vscode-charts-blue)' })),
    'smelter',
    'No smelters.',
  );
  const countries = chart(
    'countries',
    'Smelters per country',
    data.perCountry.map((c) => ({ ...c, colour: 'var(--vscode-charts-green)' })),
    'smelter',
    'No smelters.',
  );
  const rules = chart(
    'rules',
    'Findings per rule',
    data.perRule.map((r) => ({
      label: r.rule,
      value: r.value,
      colour: SEVERITY_COLOUR[r.severity],
      title: `${r.severity}: ${r.description}`,
      rule: r.rule,
    })),
    'finding',
    'No findings.',
  );
  const covered =
    data.covered.length === 0
      ? '<p class="empty">No smelter in the Democratic Republic of the Congo or an adjoining country.</p>'
      : `<ul class="plain" role="list" id="covered">${data.covered.map((c) => `<li class="row" tabindex="-1" role="listitem">${esc(c)}</li>`).join('')}</ul>`;
  const notes =
    data.notes.length === 0
      ? ''
      : `<section aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2><ul class="plain" role="list" id="notes">${data.notes.map((n) => `<li class="row" tabindex="-1" role="listitem">${esc(n)}</li>`).join('')}</ul></section>`;
  return `${webviewHead(nonce, cspSource)}
<title>cmrlint summary: ${esc(data.title)}</title>
<style>
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; max-width: 980px; }
  h1 { font-size: 1.4em; margin-bottom: 0.2em; }
  h2 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
  .subtitle, .empty { color: var(--vscode-descriptionForeground); }
  .big { font-size: 2em; font-weight: 600; margin: 0.3em 0; }
  ul { list-style: none; margin: 0; padding: 0; }
  .row { display: grid; grid-template-columns: minmax(10em, 22em) 1fr 4em; align-items: center; gap: 8px; padding: 2px 4px; border-radius: 2px; outline: none; }
  .plain .row { display: block; }
  .row:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; background: var(--vscode-list-focusBackground); color: var(--vscode-list-focusForeground, inherit); }
  .row.rule { cursor: pointer; }
  .row.rule:hover { background: var(--vscode-list-hoverBackground); }
  .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .track { height: 0.9em; background: var(--vscode-editorWidget-background, transparent); border: 1px solid var(--vscode-widget-border, transparent); }
  .bar { display: block; height: 100%; forced-color-adjust: none; }
  .value { text-align: right; font-variant-numeric: tabular-nums; }
  .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
  @media (max-width: 700px) { .columns { grid-template-columns: 1fr; } }
  .hint { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
</style>
</head>
<body>
<h1>${esc(data.title)}</h1>
<p class="subtitle">${esc(data.subtitle)}</p>
<p class="big" aria-label="${data.smelters} smelters">${data.smelters} <span class="subtitle">smelter${data.smelters === 1 ? '' : 's'}</span></p>
<p class="hint">Tab moves between lists; the arrow keys, Home and End move within one; Enter on a rule opens its documentation.</p>
<div class="columns"><div>${metals}<section aria-labelledby="covered-h"><h2 id="covered-h">In the Covered Countries</h2>${covered}</section></div><div>${rules}</div></div>
${countries}
${notes}
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const lists = Array.from(document.querySelectorAll('ul[role="list"]'));
  // one stop per list for Tab (roving tabindex): the first row, or the row last focused
  for (const list of lists) {
    const first = list.querySelector('.row');
    if (first) first.tabIndex = 0;
  }
  function open(row) {
    if (row && row.dataset.rule) vscode.postMessage({ type: 'openRule', rule: row.dataset.rule });
  }
  document.addEventListener('keydown', function (e) {
    const row = e.target.closest && e.target.closest('.row');
    if (!row) return;
    const rows = Array.from(row.parentElement.querySelectorAll('.row'));
    const i = rows.indexOf(row);
    let next;
    if (e.key === 'ArrowDown') next = rows[Math.min(i + 1, rows.length - 1)];
    else if (e.key === 'ArrowUp') next = rows[Math.max(i - 1, 0)];
    else if (e.key === 'Home') next = rows[0];
    else if (e.key === 'End') next = rows[rows.length - 1];
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(row); return; }
    if (!next) return;
    e.preventDefault();
    row.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
    vscode.postMessage({ type: 'focus', label: next.querySelector('.label') ? next.querySelector('.label').textContent : next.textContent });
  });
  document.addEventListener('click', function (e) {
    const row = e.target.closest && e.target.closest('.row.rule');
    if (row) open(row);
  });
  document.addEventListener('focusin', function (e) {
    const row = e.target.closest && e.target.closest('.row');
    if (row) vscode.postMessage({ type: 'focus', label: row.querySelector('.label') ? row.querySelector('.label').textContent : row.textContent });
  });
  vscode.postMessage({ type: 'ready', lists: lists.length, rules: document.querySelectorAll('.row.rule').length });
})();
</script>
</body>
</html>`;
}
