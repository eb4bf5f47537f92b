/**
 * A supplier's CMRT workbook (.xlsx), read at the edge into what the core lints: its Smelter List rendered as
 * a tab-separated table — one line per sheet row that holds data, one cell per sheet column from A, so every
 * finding maps back to its sheet cell — with the header in English whatever the workbook's language (the
 * workbook's own language table, hidden sheet "L", translates it), the revision from its Revision sheet,
 * RMI's smelter list of that revision from its Smelter Look-up sheet, and its country drop-down (sheet "C").
 */
import { bundledReference, SmelterReference } from '../core/data/smelters';
import { roleOf } from '../core/parse/header';
import { cellAddress, Declaration, DeclarationField, SheetValue, WorkbookContext } from '../core/workbook';
import { resolveMetal } from '../core/data/metals';
import { lookupOfWorkbook } from './workbook';
import { compareRevisions, lookupDistrust, revisionOf, verifiedRevision } from './revision';
import { valueAt, XlsxCell, XlsxError, XlsxWorkbook } from './xlsx';
import type { LintOptions } from '../core/lint';
import { familyOf, readTemplateInfo } from './templates/minerals';
import { declarationLayout } from './templates/layout';
import { answerOptions } from './templates/answers';

export interface CmrtWorkbook {
  /** The Smelter List as text, for the core (and for "Open CMRT as text"). */
  text: string;
  context: WorkbookContext;
  /** The workbook's own Smelter Look-up, when it has one. */
  reference?: SmelterReference;
  /** Why that look-up cannot stand for RMI's list of the workbook's revision (revision.lookupDistrust), if it cannot. */
  lookupDistrust?: string;
  /** Problems reading the optional parts (look-up, drop-down), said once each. */
  notes: string[];
}

export class NotACmrtError extends Error {}

/** Values that template rows hold without data: formula leftovers, zero, errors. */
export function isPadding(c: XlsxCell | undefined): boolean {
  if (!c) return true;
  const v = c.value.trim();
  return v === '' || c.error === true || /^#(?:N\/A|VALUE!|REF!|NAME\?|DIV\/0!|NULL!|NUM!)$/i.test(v) || (v === '0' && c.formula === true);
}

/** A cell's text on one line: tabs and line breaks inside a cell would break the rendering into cells and rows. */
function flat(v: string): string {
  return v.replace(/[\t\r\n]+/g, ' ');
}

/** The workbook's language table: any language's text of a cell → its English text, and "Sheet!A1" → English. */
function languageTable(book: XlsxWorkbook): { byText: Map<string, string>; byCell: Map<string, string> } {
  const byText = new Map<string, string>();
  const byCell = new Map<string, string>();
  const sheet = book.sheet('L');
  if (!sheet) return { byText, byCell };
  // by rows of cells, not a grid: a stray cell at XFD1048576 costs one cell
  const rows = book.rows(sheet);
  const header = rows.findIndex((r) => r.values.some((v) => v.trim() === 'English'));
  if (header < 0) return { byText, byCell };
  const english = rows[header].cols[rows[header].values.findIndex((v) => v.trim() === 'English')];
  for (const r of rows.slice(header + 1)) {
    const en = (valueAt(r, english) ?? '').trim();
    if (!en) continue;
    if (r.cols[0] === 1 && r.values[0]) byCell.set(r.values[0].trim(), en);
    r.cols.forEach((col, i) => col >= english && r.values[i].trim() && byText.set(r.values[i].trim(), en));
  }
  return { byText, byCell };
}

/** The header row of the Smelter List: the first row whose English texts name a metal, a smelter and a country column. */
function findHeader(
  grid: string[][],
  english: (row: number, col: number, text: string) => string,
): { row: number; texts: string[] } | undefined {
  for (let r = 0; r < Math.min(grid.length, 20); r++) {
    const texts = grid[r].map((v, c) => english(r + 1, c + 1, v.trim()));
    const roles = new Set(texts.map((t) => roleOf(t)));
    if (roles.has('metal') && (roles.has('lookup') || roles.has('name')) && roles.has('country')) return { row: r + 1, texts };
  }
  return undefined;
}

const FIELDS: Array<[DeclarationField, RegExp]> = [
  ['company', /^company name\b/i],
  ['scopeDescription', /^description of scope\b/i],
  ['scope', /^declaration scope\b/i],
  ['contactName', /^contact name\b/i],
  ['contactEmail', /^e-?mail\s*[–—-]\s*contact\b/i],
  ['contactPhone', /^phone\s*[–—-]\s*contact\b/i],
  ['authorizerEmail', /^e-?mail\s*[–—-]\s*authori[sz]er\b/i],
  ['authorizer', /^authori[sz]er\b/i],
  ['effectiveDate', /^effective date\b/i],
];

/**
 * The Declaration sheet, read by the meaning of its labels (translated to English through the workbook's
 * language table) in the columns the sheet itself shows (templates/layout.ts: the label column, the "Answer"
 * and "Comments" columns; B, D and G in RMI's templates): the company fields with their value cells, questions
 * 1–8 with an answer and a comment per metal, the company questions A–H; and the Product List's rows.
 */
function readDeclaration(
  book: XlsxWorkbook,
  translate: (sheet: string, row: number, col: number, text: string) => string,
): Declaration | undefined {
  const sheet = book.sheet('Declaration');
  if (!sheet) return undefined;
  const rows = new Map<number, Map<number, string>>();
  for (const c of book.cells(sheet)) {
    if (c.row > 400 || c.col > 30) continue;
    let r = rows.get(c.row);
    if (!r) rows.set(c.row, (r = new Map<number, string>()));
    r.set(c.col, c.value);
  }
  const columns = declarationLayout(rows);
  const lists = answerOptions(book, sheet, rows, translate);
  const value = (row: number, col: number): SheetValue => {
    const v = (rows.get(row)?.get(col) ?? '').trim();
    return {
      value: v,
      english: v ? translate(sheet.name, row, col, v) : '',
      place: { sheet: sheet.name, row, col, address: cellAddress(row, col) },
    };
  };
  /** An answer cell: its value with the answers its drop-down list allows. */
  const answer = (row: number, col: number): SheetValue => {
    const options = lists.get(cellAddress(row, col));
    return { ...value(row, col), ...(options ? { options } : {}) };
  };
  const label = (row: number) => {
    const raw = (rows.get(row)?.get(columns.label) ?? '').trim();
    return raw ? translate(sheet.name, row, columns.label, raw).replace(/\s+/g, ' ').trim() : '';
  };
  const declaration: Declaration = { sheet: sheet.name, fields: {}, questions: [], company: [] };
  const last = Math.max(0, ...rows.keys());
  for (let row = 1; row <= last; row++) {
    const text = label(row);
    if (!text) continue;
    const field = FIELDS.find(([, re]) => re.test(text));
    if (field && !declaration.fields[field[0]]) {
      declaration.fields[field[0]] = value(row, columns.answer);
      continue;
    }
    const q = /^([1-8])\)\s/.exec(text);
    if (q) {
      const question: Declaration['questions'][number] = { number: Number(q[1]), answers: {} };
      for (let r = row + 1; r <= row + 5; r++) {
        const metal = resolveMetal(
          label(r)
            .replace(/\(\s*\*\s*\)/g, '')
            .trim(),
        );
        if (!metal || metal.kind !== 'name') continue;
        const comment = value(r, columns.comment);
        question.answers[metal.info.metal] = { answer: answer(r, columns.answer), ...(comment.value ? { comment } : {}) };
      }
      declaration.questions.push(question);
      continue;
    }
    const company = /^([A-H])\.\s/.exec(text);
    if (company) {
      const comment = value(row, columns.comment);
      declaration.company.push({
        letter: company[1],
        question: text,
        answer: answer(row, columns.answer),
        ...(comment.value ? { comment } : {}),
      });
    }
  }
  const required = checkerRequired(book, translate);
  if (required) declaration.required = required;
  const productSheet = book.sheet('Product List');
  if (productSheet) {
    const cells = book.cells(productSheet);
    // the responder's product number (6.6 and EMRT 2.1 add the requester's number and name right of the name)
    const header = cells.find(
      (c) =>
        c.row <= 20 &&
        /product number/i.test(translate(productSheet.name, c.row, c.col, c.value.trim())) &&
        !/requester/i.test(translate(productSheet.name, c.row, c.col, c.value.trim())),
    );
    if (header) {
      // typed cells of the product columns (the number and the columns right of it), not the template's footer
      const typed = cells.filter(
        (c) => c.row > header.row && c.col >= header.col && c.col <= header.col + 2 && c.value.trim() !== '' && !c.error && !c.formula,
      );
      const numbers = new Set(typed.filter((c) => c.col === header.col).map((c) => c.row));
      const withoutNumber = [...new Set(typed.filter((c) => !numbers.has(c.row)).map((c) => c.row))].map((row) => ({
        sheet: productSheet.name,
        row,
        col: header.col,
        address: cellAddress(row, header.col),
      }));
      declaration.products = {
        rows: numbers.size,
        header: { sheet: productSheet.name, row: header.row, col: header.col, address: cellAddress(header.row, header.col) },
        withoutNumber,
      };
    }
  }
  return declaration;
}

/**
 * The company fields RMI's Checker sheet marks as always required: its header row has a "necessary?" column
 * (RMI's own helper column, English in every language), its rows name the Declaration's fields in the header's
 * first column, and a typed 1 (not a formula: formulas say "required when...", e.g. the scope description for
 * scope C, which cmrt-declaration applies itself) marks a field required. Undefined without such a Checker.
 */
function checkerRequired(
  book: XlsxWorkbook,
  translate: (sheet: string, row: number, col: number, text: string) => string,
): Declaration['required'] {
  const sheet = book.sheet('Checker');
  if (!sheet) return undefined;
  const cells = book.cells(sheet).filter((c) => c.row <= 200 && c.col <= 30);
  const header = cells.find((c) => c.value.trim().toLowerCase() === 'necessary?');
  if (!header) return undefined;
  const labelCol = Math.min(...cells.filter((c) => c.row === header.row && c.value.trim()).map((c) => c.col));
  const labels = new Map<number, string>();
  for (const c of cells) if (c.row > header.row && c.col === labelCol && c.value.trim()) labels.set(c.row, c.value.trim());
  const fields: DeclarationField[] = [];
  for (const c of cells) {
    if (c.row <= header.row || c.col !== header.col || c.value.trim() !== '1' || c.formula) continue;
    const raw = labels.get(c.row);
    const text = raw ? translate(sheet.name, c.row, labelCol, raw).replace(/\s+/g, ' ').trim() : '';
    const field = FIELDS.find(([, re]) => re.test(text))?.[0];
    if (field && !fields.includes(field)) fields.push(field);
  }
  if (fields.length === 0) return undefined;
  return { fields, place: { sheet: sheet.name, row: header.row, col: header.col, address: cellAddress(header.row, header.col) } };
}

/**
 * Reads a CMRT workbook. Throws XlsxError for files that are not readable workbooks and NotACmrtError for
 * workbooks that are not CMRTs (no Smelter List with a header).
 */
export function readCmrt(bytes: Uint8Array, source: string): CmrtWorkbook {
  return readCmrtBook(new XlsxWorkbook(bytes, source), source);
}

/** readCmrt over a package already opened (sheet-lists.ts opens it once to tell a template from a list). */
export function readCmrtBook(book: XlsxWorkbook, source: string): CmrtWorkbook {
  const sheet = book.sheet('Smelter List');
  if (!sheet) throw new NotACmrtError(`${source} is not a CMRT: it has no "Smelter List" sheet`);
  const notes: string[] = [];
  const language = languageTable(book);
  const cells = book.cells(sheet);
  const grid: string[][] = [];
  const byRow = new Map<number, Map<number, XlsxCell>>();
  for (const c of cells) {
    if (c.row > 1_048_576 || c.col > 200) continue;
    let r = byRow.get(c.row);
    if (!r) byRow.set(c.row, (r = new Map<number, XlsxCell>()));
    r.set(c.col, c);
    if (c.row <= 20) {
      while (grid.length < c.row) grid.push([]);
      const g = grid[c.row - 1];
      while (g.length < c.col - 1) g.push('');
      g[c.col - 1] = c.value;
    }
  }
  const translate = (sheetName: string, row: number, col: number, text: string) => {
    const bare = text.replace(/(?<!\s)\s*[(（]\s*\*\s*[)）]\s*$/, '').trim(); // the mandatory marker, often added by a formula
    return language.byCell.get(`${sheetName}${cellAddress(row, col)}`) ?? language.byText.get(text) ?? language.byText.get(bare) ?? text;
  };
  const english = (row: number, col: number, text: string) => translate('Smelter List', row, col, text);
  const header = findHeader(grid, english);
  if (!header)
    throw new NotACmrtError(`${source}: its "Smelter List" sheet has no header row naming Metal, Smelter Look-up and Smelter Country`);
  let width = header.texts.length;
  while (width > 0 && header.texts[width - 1] === '') width--;
  const roles = header.texts.slice(0, width).map((t) => roleOf(t));
  // the columns that say whether a row holds data: ID input, metal, look-up, name, country, ID
  const keyColumns = roles.flatMap((r, i) => (['idInput', 'metal', 'lookup', 'name', 'country', 'id'].includes(r) ? [i + 1] : []));
  const lines = [header.texts.slice(0, width).map(flat).join('\t')];
  const sheetRowOfLine = new Map<number, number>();
  const rows = [...byRow.keys()].filter((r) => r > header.row).sort((a, b) => a - b);
  let templateRows = 0;
  for (const r of rows) {
    const row = byRow.get(r)!;
    if (keyColumns.every((c) => isPadding(row.get(c)))) {
      templateRows++; // a template row: formulas, no data
      continue;
    }
    const values: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.get(c);
      values.push(cell && !isPadding(cell) ? flat(cell.value) : '');
    }
    sheetRowOfLine.set(lines.length, r);
    lines.push(values.join('\t'));
  }
  const family = familyOf(book, translate);
  let reference: SmelterReference | undefined;
  // an EMRT's or AMRT's look-up lists cobalt, mica, aluminium... smelters: not a 3TG reference
  if (family === 'CMRT') {
    try {
      reference = lookupOfWorkbook(book, source);
    } catch (e) {
      notes.push((e as Error).message);
    }
  }
  let countries: Set<string> | undefined;
  const c = book.sheet('C');
  if (c) {
    countries = new Set();
    for (const cell of book.cells(c)) if (cell.col === 2 && cell.row > 1 && cell.value.trim()) countries.add(cell.value.trim());
    if (countries.size < 100) countries = undefined; // not the country list
  }
  const revision = revisionOf(book);
  const distrust = reference ? lookupDistrust(reference, revision) : undefined;
  if (distrust) notes.push(`${source}: its Smelter Look-up is not used as RMI's list: ${distrust}`);
  return {
    text: lines.join('\n') + '\n',
    context: {
      source,
      sheet: sheet.name,
      revision,
      headerRow: header.row,
      templateRows,
      sheetRowOfLine,
      countries,
      declaration: readDeclaration(book, translate),
      template: readTemplateInfo(book, family, revision, translate),
    },
    reference,
    ...(distrust ? { lookupDistrust: distrust } : {}),
    notes,
  };
}

/** Whether bytes are an xlsx package (a zip): CMRTs are read as workbooks, not as text. */
export function isWorkbookFile(name: string): boolean {
  return /\.xls[xm]?$/i.test(name);
}

export { XlsxError };

/**
 * The lint options for a CMRT's rendering. The template's own checks (the cmrt-* rules) use the workbook's own
 * revision: its look-up and drop-downs. The rules that check against a reference (cid-unknown, cid-mismatch,
 * smelter-listed...) use the user's reference when there is one (--reference, the setting, the project's
 * .cmrlint.json): a supplier's look-up never outranks it (docs/trust.md). Without one, they use the workbook's
 * look-up when it may stand for RMI's list of its revision, else the bundled list. The user's list is also the
 * later list against which cmrt-later-list reports what RMI retired or renamed since the workbook's revision.
 */
export function workbookLintOptions(w: CmrtWorkbook, base: LintOptions): LintOptions {
  // cmrlint has no list of cobalt, mica, aluminium... smelters: an EMRT's or AMRT's IDs are checked for form only
  if (w.context.template && w.context.template.family !== 'CMRT')
    return { ...base, format: 'tsv', requireTable: true, workbook: w.context, reference: NO_REFERENCE };
  const user = base.reference && base.reference !== bundledReference() ? base.reference : undefined;
  const own = w.reference;
  const later = own && user && user !== own ? user : undefined;
  const verifiedOwn = own && !w.lookupDistrust ? own : undefined;
  const reference = (verifiedOwn && user && eraReference(verifiedOwn, user)) ?? user ?? verifiedOwn ?? base.reference;
  return { ...base, format: 'tsv', requireTable: true, workbook: contextFor(w, later), reference };
}

const eras = new WeakMap<SmelterReference, { later: SmelterReference; era: SmelterReference }>();
const eraLists = new WeakSet<SmelterReference>();

/** Whether a CMRT's options judge it against its own revision's list first (eraReference). */
export function judgedInItsEra(options: LintOptions): boolean {
  return options.reference !== undefined && eraLists.has(options.reference);
}

/**
 * A CMRT is judged against the list of its own time (docs/trust.md, "Era"): when its own look-up is verified as
 * RMI's list of its revision and the user's reference is a verified later revision, the reference-based rules
 * read the workbook's revision's list first — its standard names, countries and CIDs were right when the
 * supplier filled it in — extended with the later list (a CID RMI added since is known, a name RMI gave since
 * agrees). What RMI renamed or retired since is cmrt-later-list's, as information. Undefined when the user's
 * list is not a verified revision newer than the workbook's.
 */
function eraReference(own: SmelterReference, user: SmelterReference): SmelterReference | undefined {
  const cached = eras.get(own);
  if (cached && cached.later === user) return cached.era;
  const mine = verifiedRevision(own);
  const theirs = verifiedRevision(user);
  if (!mine.verified || !theirs.verified || !mine.revision || !theirs.revision) return undefined;
  if (compareRevisions(mine.revision, theirs.revision) >= 0) return undefined;
  const era = own.extendedWith(user);
  // said as the user's list: the workbook's own revision's list only comes first for the workbook's rows
  if (user.info.inUse) era.info.inUse = user.info.inUse;
  eraLists.add(era);
  eras.set(own, { later: user, era });
  return era;
}

const NO_REFERENCE = new SmelterReference([], {
  source: 'no list of these minerals',
  complete: false,
  inUse: { label: 'none: cmrlint has no list of these minerals', source: 'bundled', verified: false },
});

const contexts = new WeakMap<CmrtWorkbook, { later?: SmelterReference; context: WorkbookContext }>();

/** The workbook's context with its own look-up and the later list, one object per workbook and later list. */
function contextFor(w: CmrtWorkbook, later: SmelterReference | undefined): WorkbookContext {
  if (!w.reference) return w.context;
  const cached = contexts.get(w);
  if (cached && cached.later === later) return cached.context;
  const context: WorkbookContext = { ...w.context, lookup: w.reference, ...(later ? { later } : {}) };
  contexts.set(w, { later, context });
  return context;
}
