/**
 * The workbook view's page: a workbook's sheets as read-only grids in tabs, each finding marked at its cells
 * in its severity's colour, its message on hover and in the detail line below the grid. The grid renders only
 * the rows in sight (plus a margin), so a sheet of 20,000 rows scrolls without building 20,000 rows. Keyboard:
 * the arrow keys, Home/End, Page Up/Down and Ctrl+Home/End move the selected cell; Tab and Shift+Tab go to the
 * next and previous sheet; F8 and Shift+F8 to the next and previous finding; Enter on a finding's cell opens
 * its rule's documentation. Theme colours only
 * (--vscode-*), no remote resource, one script with a nonce. No VS Code API here: the extension posts the data
 * ({type:'data'}) and where to go ({type:'reveal'}); the page posts 'ready', 'selected' and 'openRule'.
 */
import { webviewHead } from './webviewPage';

/** The page, with a nonce for its one script and the webview's CSP source for styles. */
export function workbookHtml(nonce: string, cspSource: string): string {
  return `${webviewHead(nonce, cspSource)}
<style>
  html, body { height: 100%; margin: 0; padding: 0; }
  body { display: flex; flex-direction: column; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size);
    color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); overflow: hidden; }
  header { padding: 6px 10px 0; display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 1.1em; margin: 0; font-weight: 600; }
  .muted { color: var(--vscode-descriptionForeground); }
  [role=tablist] { display: flex; gap: 2px; padding: 4px 8px 0; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
  [role=tab] { border: none; background: transparent; color: var(--vscode-tab-inactiveForeground, var(--vscode-foreground));
    padding: 4px 10px; cursor: pointer; font: inherit; border-bottom: 2px solid transparent; }
  [role=tab][aria-selected=true] { color: var(--vscode-tab-activeForeground, var(--vscode-foreground)); border-bottom-color: var(--vscode-focusBorder); }
  [role=tab]:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  .count { margin-left: 4px; font-size: 0.85em; padding: 0 5px; border-radius: 8px;
    background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  #grid { flex: 1; overflow: auto; position: relative; outline: none; }
  #grid:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
  table { border-collapse: separate; border-spacing: 0; table-layout: fixed; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  th, td { height: 21px; padding: 0 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; box-sizing: border-box;
    border-right: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.25)); border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.25)); }
  thead th { position: sticky; top: 0; z-index: 2; background: var(--vscode-editorGroupHeader-tabsBackground, var(--vscode-editor-background));
    color: var(--vscode-editorLineNumber-foreground); font-weight: normal; text-align: center; }
  tbody th { position: sticky; left: 0; z-index: 1; background: var(--vscode-editorGutter-background, var(--vscode-editor-background));
    color: var(--vscode-editorLineNumber-foreground); font-weight: normal; text-align: right; }
  thead th.corner { left: 0; z-index: 3; }
  tr.spacer td, tr.spacer th { border: none; padding: 0; height: auto; }
  /* the inputValidation backgrounds are defined by every theme (light, dark, high contrast) */
  td.error { background: var(--vscode-inputValidation-errorBackground); box-shadow: inset 0 -2px 0 var(--vscode-editorError-foreground); }
  td.warning { background: var(--vscode-inputValidation-warningBackground); box-shadow: inset 0 -2px 0 var(--vscode-editorWarning-foreground); }
  td.info { background: var(--vscode-inputValidation-infoBackground); box-shadow: inset 0 -2px 0 var(--vscode-editorInfo-foreground); }
  td.hint { box-shadow: inset 0 -2px 0 var(--vscode-editorHint-foreground, var(--vscode-descriptionForeground)); }
  td.related { background-image: linear-gradient(135deg, transparent 75%, var(--vscode-descriptionForeground) 75%); background-size: 8px 8px; background-repeat: no-repeat; background-position: top right; }
  td.selected, th.selected { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; }
  th.current { color: var(--vscode-editorLineNumber-activeForeground, var(--vscode-foreground)); }
  #detail { border-top: 1px solid var(--vscode-panel-border, rgba(128,128,128,0.35)); padding: 4px 10px 6px; max-height: 30%; overflow: auto;
    background: var(--vscode-panel-background, var(--vscode-editor-background)); }
  #detail .where { font-weight: 600; margin-right: 8px; }
  #detail .value { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; word-break: break-word; }
  #detail ul { margin: 4px 0 0; padding: 0; list-style: none; }
  #detail li { margin: 2px 0; }
  .sev { display: inline-block; min-width: 4.5em; font-weight: 600; }
  .sev.error { color: var(--vscode-editorError-foreground); }
  .sev.warning { color: var(--vscode-editorWarning-foreground); }
  .sev.info { color: var(--vscode-editorInfo-foreground); }
  .sev.hint { color: var(--vscode-descriptionForeground); }
  a { color: var(--vscode-textLink-foreground); cursor: pointer; }
  .note { padding: 4px 10px; color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<header><h1 id="title">Loading…</h1><span id="about" class="muted"></span></header>
<div role="tablist" id="tabs" aria-label="Sheets"></div>
<div class="note" id="general" hidden></div>
<div class="note" id="note" hidden></div>
<div id="grid" tabindex="0" role="grid" aria-readonly="true" aria-describedby="detail"></div>
<div id="detail" aria-live="polite"></div>
<script nonce="${nonce}">
(() => {
  const vscode = acquireVsCodeApi();
  const ROW = 21, MARGIN = 30;
  const RANK = { error: 4, warning: 3, info: 2, hint: 1 };
  const $ = (id) => document.getElementById(id);
  const grid = $('grid');
  let data, sheet = 0, sel = { r: 0, c: 1 }, marks = [], pending;

  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
  const letters = (c) => { let s = ''; for (; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s; return s; };
  const current = () => data.sheets[sheet];
  const value = (row, c) => { const cell = row.cells.find((x) => x[0] === c); return cell ? cell[1] : ''; };

  // per sheet: "row:col" -> indexes of the findings marking that cell (own cell or another row it stands for)
  function indexMarks() {
    marks = data.sheets.map(() => new Map());
    data.findings.forEach((f, i) => f.cells.forEach((m, k) => {
      const s = data.sheets.findIndex((x) => x.name === m.sheet);
      if (s < 0) return;
      const key = m.row + ':' + m.col;
      const list = marks[s].get(key) ?? [];
      list.push({ i, own: k === 0 });
      marks[s].set(key, list);
    }));
  }
  const findingsAt = (s, row, c) => marks[s].get(row + ':' + c) ?? [];

  function tabs() {
    $('tabs').innerHTML = data.sheets.map((s, i) => {
      const n = data.findings.filter((f) => f.cells[0].sheet === s.name).length;
      return '<button role="tab" id="tab' + i + '" tabindex="-1" aria-selected="' + (i === sheet) + '" data-i="' + i + '">' + esc(s.name) + (n ? '<span class="count" aria-label="' + n + ' findings">' + n + '</span>' : '') + '</button>';
    }).join('');
  }

  function widths(s) {
    const w = [];
    for (const row of s.rows.slice(0, 500)) for (const [c, v] of row.cells) w[c] = Math.max(w[c] ?? 0, v.length);
    return Array.from({ length: s.width }, (_, k) => Math.min(40, Math.max(6, w[k + 1] ?? 0)));
  }
  let colWidths = [];

  function render() {
    const s = current();
    if (!s || s.rows.length === 0) { grid.innerHTML = '<p class="note">This sheet holds no values.</p>'; detail(); return; }
    const first = Math.max(0, Math.floor(grid.scrollTop / ROW) - MARGIN);
    const last = Math.min(s.rows.length, Math.ceil((grid.scrollTop + grid.clientHeight) / ROW) + MARGIN);
    const cols = colWidths.map((w, k) => '<col style="width:' + (w + 2) + 'ch">').join('');
    const head = '<tr><th class="corner" style="width:6ch"></th>' + colWidths.map((_, k) => '<th class="' + (k + 1 === sel.c ? 'current' : '') + '">' + letters(k + 1) + '</th>').join('') + '</tr>';
    let body = '<tr class="spacer" style="height:' + first * ROW + 'px"><th></th><td colspan="' + s.width + '"></td></tr>';
    for (let r = first; r < last; r++) {
      const row = s.rows[r];
      const byCol = new Map(row.cells);
      let tds = '';
      for (let c = 1; c <= s.width; c++) {
        const v = byCol.get(c) ?? '';
        const at = findingsAt(sheet, row.row, c);
        let cls = '';
        if (at.length) {
          const worst = at.map((x) => data.findings[x.i].severity).sort((a, b) => RANK[b] - RANK[a])[0];
          cls = worst + (at.some((x) => x.own) ? '' : ' related');
        }
        if (r === sel.r && c === sel.c) cls += ' selected';
        const title = at.length ? at.map((x) => data.findings[x.i].severity + ': ' + data.findings[x.i].message).join('\\n') : v;
        tds += '<td id="' + (r === sel.r && c === sel.c ? 'sel' : 'c' + r + '_' + c) + '" role="gridcell" data-r="' + r + '" data-c="' + c + '" class="' + cls + '" title="' + esc(title) + '">' + esc(v) + '</td>';
      }
      body += '<tr role="row"><th class="' + (r === sel.r ? 'current' : '') + '">' + row.row + '</th>' + tds + '</tr>';
    }
    body += '<tr class="spacer" style="height:' + (s.rows.length - last) * ROW + 'px"><th></th><td colspan="' + s.width + '"></td></tr>';
    grid.innerHTML = '<table style="width:calc(6ch + ' + colWidths.reduce((a, w) => a + w + 2, 0) + 'ch)"><colgroup><col style="width:6ch">' + cols + '</colgroup><thead>' + head + '</thead><tbody>' + body + '</tbody></table>';
    grid.setAttribute('aria-activedescendant', 'sel');
  }

  function detail() {
    const s = current();
    const row = s && s.rows[sel.r];
    if (!row) { $('detail').innerHTML = '<span class="muted">No cell selected.</span>'; return; }
    const address = letters(sel.c) + row.row;
    const at = findingsAt(sheet, row.row, sel.c);
    const items = at.map((x) => {
      const f = data.findings[x.i];
      const own = f.cells[0];
      const where = x.own ? '' : ' <span class="muted">(reported at ' + esc(own.sheet + '!' + own.address) + ')</span>';
      return '<li><span class="sev ' + f.severity + '">' + f.severity + '</span> ' + esc(f.message) + where + ' <a data-rule="' + esc(f.rule) + '" tabindex="0">' + esc(f.rule) + '</a></li>';
    }).join('');
    const v = value(row, sel.c);
    $('detail').innerHTML = '<span class="where">' + esc(s.name + '!' + address) + '</span><span class="value">' + (v ? esc(v) : '<span class="muted">(empty)</span>') + '</span>' + (items ? '<ul>' + items + '</ul>' : '');
    vscode.postMessage({ type: 'selected', file: data.title, sheet: s.name, address, findings: at.filter((x) => x.own).map((x) => data.findings[x.i].rule) });
  }

  /** Scrolls the selected cell into sight (to the middle when 'centre', as after a jump), then draws. */
  function reveal(centre) {
    const top = sel.r * ROW, header = ROW;
    if (centre) grid.scrollTop = Math.max(0, top - grid.clientHeight / 2);
    else if (top < grid.scrollTop + header) grid.scrollTop = Math.max(0, top - header - ROW * 2);
    else if (top + ROW > grid.scrollTop + grid.clientHeight) grid.scrollTop = top + ROW - grid.clientHeight + ROW * 2;
    render();
    const cell = $('sel');
    if (cell) {
      const left = cell.offsetLeft - 60, right = cell.offsetLeft + cell.offsetWidth;
      if (centre) grid.scrollLeft = Math.max(0, cell.offsetLeft - (grid.clientWidth - cell.offsetWidth) / 2);
      else if (left < grid.scrollLeft) grid.scrollLeft = Math.max(0, left);
      else if (right > grid.scrollLeft + grid.clientWidth) grid.scrollLeft = right - grid.clientWidth + 20;
      render();
    }
    detail();
  }

  function showSheet(i, r = 0, c = 1, centre = false) {
    sheet = (i + data.sheets.length) % data.sheets.length;
    colWidths = widths(current());
    sel = { r, c };
    grid.scrollTop = 0; grid.scrollLeft = 0;
    tabs();
    const s = current();
    $('note').hidden = !(s.omittedRows || s.omittedColumns);
    $('note').textContent = (s.omittedRows ? 'The view shows the first ' + s.rows.length + ' rows holding values; ' + s.omittedRows + ' more are not shown. ' : '') + (s.omittedColumns ? 'Values right of column ' + letters(s.width) + ' are not shown.' : '');
    reveal(centre);
  }

  /** Goes to a sheet's cell (from the Problems panel): the row holding that sheet row, else the nearest below. */
  function goTo(target) {
    const i = data.sheets.findIndex((s) => s.name === target.sheet);
    if (i < 0) return;
    const rows = data.sheets[i].rows;
    let lo = 0, hi = rows.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (rows[mid].row < target.row) lo = mid + 1; else hi = mid; }
    showSheet(i, lo, Math.min(Math.max(1, target.col), Math.max(1, data.sheets[i].width)), true);
    grid.focus();
  }

  /** The next (or previous) finding's own cell after the selection, in sheet, row and column order. */
  function nextFinding(step) {
    const own = data.findings.map((f) => f.cells[0]).filter((m) => data.sheets.some((s) => s.name === m.sheet));
    if (own.length === 0) return;
    const key = (m) => [data.sheets.findIndex((s) => s.name === m.sheet), m.row, m.col];
    const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    own.sort((a, b) => cmp(key(a), key(b)));
    const here = [sheet, current().rows[sel.r]?.row ?? 0, sel.c];
    const next = step > 0 ? own.find((m) => cmp(key(m), here) > 0) ?? own[0] : [...own].reverse().find((m) => cmp(key(m), here) < 0) ?? own[own.length - 1];
    goTo(next);
  }

  grid.addEventListener('scroll', () => requestAnimationFrame(render));
  window.addEventListener('resize', () => render());
  grid.addEventListener('click', (e) => {
    const td = e.target.closest('td[data-r]');
    if (!td) return;
    sel = { r: Number(td.dataset.r), c: Number(td.dataset.c) };
    render(); detail();
  });
  $('tabs').addEventListener('click', (e) => { const b = e.target.closest('[role=tab]'); if (b) { showSheet(Number(b.dataset.i)); grid.focus(); } });
  for (const id of ['detail', 'general']) $(id).addEventListener('click', (e) => { const a = e.target.closest('a[data-rule]'); if (a) vscode.postMessage({ type: 'openRule', rule: a.dataset.rule }); });
  for (const id of ['detail', 'general']) $(id).addEventListener('keydown', (e) => { const a = e.target.closest('a[data-rule]'); if (a && e.key === 'Enter') vscode.postMessage({ type: 'openRule', rule: a.dataset.rule }); });
  // on the document, not the grid: when VS Code gives the view focus, the page's body may hold it
  document.addEventListener('keydown', (e) => {
    if (!data || !current() || e.target.closest?.('a[data-rule]')) return;
    const s = current();
    const page = Math.max(1, Math.floor(grid.clientHeight / ROW) - 2);
    const moves = {
      ArrowUp: () => (sel.r = Math.max(0, sel.r - 1)),
      ArrowDown: () => (sel.r = Math.min(s.rows.length - 1, sel.r + 1)),
      ArrowLeft: () => (sel.c = Math.max(1, sel.c - 1)),
      ArrowRight: () => (sel.c = Math.min(Math.max(1, s.width), sel.c + 1)),
      PageUp: () => (sel.r = Math.max(0, sel.r - page)),
      PageDown: () => (sel.r = Math.min(s.rows.length - 1, sel.r + page)),
      Home: () => (e.ctrlKey || e.metaKey ? (sel = { r: 0, c: 1 }) : (sel.c = 1)),
      End: () => (e.ctrlKey || e.metaKey ? (sel = { r: s.rows.length - 1, c: Math.max(1, s.width) }) : (sel.c = Math.max(1, s.width))),
    };
    if (e.key === 'Tab') { e.preventDefault(); showSheet(sheet + (e.shiftKey ? -1 : 1)); grid.focus(); return; }
    if (e.key === 'F8') { e.preventDefault(); nextFinding(e.shiftKey ? -1 : 1); return; }
    if (e.key === 'Enter') {
      const row = s.rows[sel.r];
      const own = row ? findingsAt(sheet, row.row, sel.c).find((x) => x.own) : undefined;
      if (own) vscode.postMessage({ type: 'openRule', rule: data.findings[own.i].rule });
      return;
    }
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
    reveal();
    grid.focus();
  });
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'data') {
      data = m.view;
      indexMarks();
      $('title').textContent = data.title;
      const n = (sev) => data.findings.filter((f) => f.severity === sev).length + data.general.filter((f) => f.severity === sev).length;
      const total = data.findings.length + data.general.length;
      const count = (k, one) => k + ' ' + one + (k === 1 ? '' : 's');
      $('about').textContent = [data.template, data.note ? 'no findings: ' + data.note : total ? count(n('error'), 'error') + ', ' + count(n('warning'), 'warning') + ', ' + count(n('info') + n('hint'), 'note') + ' · F8: next finding, Enter: its rule' : 'no findings'].filter(Boolean).join(' · ');
      const keep = pending ?? (data.sheets[sheet] ? { sheet: data.sheets[sheet].name, row: current().rows[sel.r]?.row ?? 1, col: sel.c } : undefined);
      pending = undefined;
      if (data.sheets.length === 0) { grid.innerHTML = '<p class="note">This workbook has no sheet to show.</p>'; return; }
      showSheet(0);
      if (keep) goTo(keep);
      $('general').hidden = data.general.length === 0;
      $('general').innerHTML = 'About the whole workbook:<ul>' + data.general.map((f) => '<li><span class="sev ' + f.severity + '">' + f.severity + '</span> ' + esc(f.message) + ' <a data-rule="' + esc(f.rule) + '" tabindex="0">' + esc(f.rule) + '</a></li>').join('') + '</ul>';
      grid.focus();
    } else if (m.type === 'error') {
      $('title').textContent = m.title;
      grid.innerHTML = '<p class="note">' + esc(m.error) + '</p>';
    } else if (m.type === 'reveal') {
      if (data) goTo(m); else pending = m;
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
