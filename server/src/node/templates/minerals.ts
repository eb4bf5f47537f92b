/**
 * RMI's templates beside the CMRT (docs/templates.md): which family a workbook is, by its own title, and for
 * the Extended and Additional Minerals Reporting Templates (EMRT, AMRT) what the core checks beyond the
 * Smelter List: the template's minerals, the Declaration's minerals in scope, questions 1–7 per mineral and
 * the Mine List. Everything is found by the English reading of labels and headers (the workbook's language
 * table), never by fixed cells, so a filled workbook in any of the template's languages reads alike.
 */
import { cellAddress, CellPlace, SheetValue, TemplateFamily, TemplateInfo } from '../../core/workbook';
import { compareRevisions, DATE_LIMITED, newestRevision, revisionCell } from '../revision';
import type { XlsxCell, XlsxSheetInfo, XlsxWorkbook } from '../xlsx';
import { declarationLayout, Translate } from './layout';
import { answerOptions } from './answers';

const TITLES: Array<[RegExp, TemplateFamily]> = [
  [/extended minerals? reporting template|\bEMRT\b|cobalt reporting template/i, 'EMRT'],
  [/additional minerals reporting template|\bAMRT\b|pilot reporting template/i, 'AMRT'],
];

/** The family, from the Revision sheet's document title or the Declaration's title (its English reading). */
export function familyOf(book: XlsxWorkbook, translate: Translate): TemplateFamily {
  const titles: string[] = [];
  // the title cells only (Revision!B3, Declaration!D2): other texts may name the other templates
  for (const [name, lastRow] of [
    ['Revision', 4],
    ['Declaration', 2],
  ] as const) {
    const sheet = book.sheet(name);
    if (!sheet) continue;
    for (const c of book.cells(sheet))
      if (c.row <= lastRow && c.value.trim()) titles.push(translate(sheet.name, c.row, c.col, c.value.trim()));
  }
  for (const [re, family] of TITLES) if (titles.some((t) => re.test(t))) return family;
  return 'CMRT';
}

/** Rows of a sheet's cells, capped to the part a template uses (untrusted files may claim a million rows). */
function rowsOf(
  book: XlsxWorkbook,
  name: string,
  maxRow: number,
  maxCol: number,
): { name: string; info: XlsxSheetInfo; rows: Map<number, Map<number, XlsxCell>> } | undefined {
  const sheet = book.sheet(name);
  if (!sheet) return undefined;
  const rows = new Map<number, Map<number, XlsxCell>>();
  for (const c of book.cells(sheet)) {
    if (c.row > maxRow || c.col > maxCol) continue;
    let r = rows.get(c.row);
    if (!r) rows.set(c.row, (r = new Map<number, XlsxCell>()));
    r.set(c.col, c);
  }
  return { name: sheet.name, info: sheet, rows };
}

/** A typed value: not empty, not an Excel error, not a formula's leftover. */
function typed(c: XlsxCell | undefined): boolean {
  return !!c && c.value.trim() !== '' && !c.error && !/^#(?:N\/A|VALUE!|REF!|NAME\?)$/.test(c.value.trim());
}

function place(sheet: string, row: number, col: number): CellPlace {
  return { sheet, row, col, address: cellAddress(row, col) };
}

/** The minerals of the workbook's Smelter Look-up (its Metal column, the first column). */
function lookupMinerals(book: XlsxWorkbook): Set<string> {
  const out = new Set<string>();
  const sheet = book.sheet(/^\s*smelter look-?up\s*$/i);
  if (!sheet) return out;
  const grid = book.grid(sheet);
  for (const r of grid) if (r.some((v) => /^CID\d{6}$/.test(v.trim())) && r[0]?.trim()) out.add(r[0].trim().toLowerCase());
  return out;
}

/**
 * Reads what a workbook says about its template: family, revision limits, and for an EMRT/AMRT its minerals,
 * the Declaration's scope and answers, and the Mine List.
 */
export function readTemplateInfo(
  book: XlsxWorkbook,
  family: TemplateFamily,
  revision: string | undefined,
  translate: Translate,
): TemplateInfo {
  const info: TemplateInfo = { family, newestKnown: newestRevision(family) };
  const cell = revisionCell(book);
  if (cell) info.revisionPlace = place('Revision', cell.row, cell.col);
  const limit = DATE_LIMITED[family];
  if (revision && compareRevisions(revision, limit.through) <= 0) info.lastDate = limit.lastDate;
  if (family === 'CMRT') return info;
  const minerals = lookupMinerals(book);
  readDeclarationMinerals(book, translate, info);
  for (const s of info.scope ?? []) minerals.add(s.english.toLowerCase());
  info.minerals = minerals;
  info.mines = readMineList(book, translate);
  return info;
}

const SCOPE = /^select minerals\/metals in scope/i;
const OTHER = /^if you selected "other"/i;
const QUESTION = /^([1-7])\)\s/;

/** The Declaration's minerals in scope (the selection cells right of the label, on its row and the next) and questions 1–7 per mineral. */
function readDeclarationMinerals(book: XlsxWorkbook, translate: Translate, info: TemplateInfo): void {
  const sheet = rowsOf(book, 'Declaration', 400, 30);
  if (!sheet) return;
  const value = (row: number, col: number): SheetValue => {
    const v = (sheet.rows.get(row)?.get(col)?.value ?? '').trim();
    return { value: v, english: v ? translate(sheet.name, row, col, v) : '', place: place(sheet.name, row, col) };
  };
  const columns = declarationLayout(sheet.rows);
  const lists = answerOptions(book, sheet.info, sheet.rows, translate);
  const answer = (row: number, col: number): SheetValue => {
    const options = lists.get(cellAddress(row, col));
    return { ...value(row, col), ...(options ? { options } : {}) };
  };
  const label = (row: number) => {
    const c = sheet.rows.get(row)?.get(columns.label);
    return c && typed(c) ? translate(sheet.name, row, columns.label, c.value.trim()).replace(/\s+/g, ' ').trim() : '';
  };
  const last = Math.max(0, ...sheet.rows.keys());
  info.questions = [];
  info.scope = [];
  for (let row = 1; row <= last; row++) {
    const text = label(row);
    if (SCOPE.test(text)) {
      info.scopePlace = place(sheet.name, row, 2);
      // the selection cells: nine columns from the answer column, on the label's row and the next (EMRT: D, E, G of rows 12 and 13)
      for (const r of [row, row + 1])
        for (let col = columns.answer; col <= columns.answer + 8; col++)
          if (typed(sheet.rows.get(r)?.get(col))) info.scope.push(value(r, col));
      continue;
    }
    if (OTHER.test(text)) {
      const other = value(row, columns.answer);
      // "Other" minerals typed as a list in one cell
      for (const name of other.value
        .split(/[,;、，]/)
        .map((s) => s.trim())
        .filter(Boolean))
        info.scope.push({ ...other, value: name, english: name });
      continue;
    }
    const q = QUESTION.exec(text);
    if (!q) continue;
    const answers: Record<string, { answer: SheetValue; comment?: SheetValue }> = {};
    for (let r = row + 1; r <= Math.min(last, row + 11) && !QUESTION.test(label(r)); r++) {
      const mineral = label(r)
        .replace(/\(\s*\*\s*\)/g, '')
        .trim();
      if (!mineral || /^(answer|comments?)$/i.test(mineral)) continue;
      const comment = value(r, columns.comment);
      answers[mineral] = { answer: answer(r, columns.answer), ...(comment.value ? { comment } : {}) };
    }
    info.questions.push({ number: Number(q[1]), answers });
  }
  info.scope = info.scope.filter((s) => !/^other$/i.test(s.english));
}

/** The Mine List's rows: its header found by the English texts (Metal, Name of Smelter(s)..., Mine Facility (Site) Name). */
function readMineList(book: XlsxWorkbook, translate: Translate): TemplateInfo['mines'] {
  const sheet = rowsOf(book, 'Mine List', 100_000, 20);
  if (!sheet) return undefined;
  let header: { row: number; metal: number; smelter: number; mine: number } | undefined;
  for (let row = 1; row <= 20 && !header; row++) {
    const cols = new Map<string, number>();
    for (const [col, c] of sheet.rows.get(row) ?? []) {
      const en = translate(sheet.name, row, col, c.value.trim());
      if (/^metal\b/i.test(en)) cols.set('metal', col);
      else if (/^name of smelter/i.test(en)) cols.set('smelter', col);
      else if (/^mine facility \(site\) name/i.test(en)) cols.set('mine', col);
    }
    if (cols.size === 3) header = { row, metal: cols.get('metal')!, smelter: cols.get('smelter')!, mine: cols.get('mine')! };
  }
  if (!header) return undefined;
  const out: NonNullable<TemplateInfo['mines']> = [];
  const h = header;
  const at = (row: number, col: number): SheetValue => {
    const v = (sheet.rows.get(row)?.get(col)?.value ?? '').trim();
    return { value: v, english: v ? translate(sheet.name, row, col, v) : '', place: place(sheet.name, row, col) };
  };
  for (const row of [...sheet.rows.keys()].filter((r) => r > h.row).sort((a, b) => a - b)) {
    const r = sheet.rows.get(row)!;
    if (![h.metal, h.smelter, h.mine].some((c) => typed(r.get(c)) && !r.get(c)!.formula)) continue;
    out.push({ metal: at(row, h.metal), smelter: at(row, h.smelter), mine: at(row, h.mine) });
  }
  return out;
}
