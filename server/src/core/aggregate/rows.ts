/** Step 1: a linted supplier file's data rows as plain rows (which worker threads can send), with where each is. */
import type { LintResult } from '../lint';
import { cellAt } from '../parse/document';
import { isNotFilled, NOT_LISTED } from '../analysis';
import { diagnoseCid } from '../cid';
import { placeOf } from '../places';
import type { Provenance, SourceRow } from './types';
import { supplierOf } from '../supplier';

/** The data rows of a linted file as plain rows. */
export function sourceRowsOf(file: string, result: Pick<LintResult, 'model' | 'analysis'>): SourceRow[] {
  const { model, analysis } = result;
  const out: SourceRow[] = [];
  for (const f of analysis.rows) {
    if (f.rowHash === 0) continue;
    const anchor = f.nameCell ?? f.row.cells[0];
    const offset = anchor ? anchor.start : f.row.start;
    let where: Pick<SourceRow, 'place' | 'line' | 'column' | 'sheet' | 'cell'>;
    const p = model.workbook ? placeOf(model, analysis, offset) : undefined;
    if (p) where = { place: `${p.sheet}!${p.address}`, line: p.row, column: p.col, sheet: p.sheet, cell: p.address };
    else {
      const pos = model.lines.positionAt(offset);
      where = { place: String(pos.line + 1), line: pos.line + 1, column: pos.character + 1 };
    }
    const name = (f.nameCell?.value ?? '').trim();
    const standardCell = cellAt(f.row, f.row.table.columns.standard);
    const standard = standardCell && f.nameCell !== cellAt(f.row, f.row.table.columns.name) ? standardCell.value.trim() : '';
    const idText = (f.idCell?.value ?? '').trim();
    const id = idText ? diagnoseCid(idText) : undefined;
    const row: SourceRow = {
      file,
      ...where,
      kind: 'smelter',
      metalText: (f.metalCell?.value ?? '').trim(),
      name,
      countryText: (f.countryCell?.value ?? '').trim(),
      idText,
    };
    const supplier = supplierOf(f.row);
    if (supplier) row.supplier = supplier;
    if (f.metal) row.metal = f.metal.info.metal;
    if (standard && !NOT_LISTED.test(standard)) row.standardName = standard;
    if (f.country) row.country = f.country.country.alpha2;
    if (id?.ok) row.cid = idText;
    else if (id?.normalized) row.cid = id.normalized;
    if (f.shape || f.oversized) {
      row.kind = 'unusable';
      row.why = f.shape?.message ?? 'a cell too long to be a table value';
    } else if (name === '' || f.placeholder) {
      row.kind = 'placeholder';
      row.why = name === '' ? 'no smelter name' : f.placeholder;
    } else if (!f.metal && row.metalText !== '' && !isNotFilled(row.metalText)) {
      row.kind = 'other-metal';
      row.why = `'${row.metalText}' is not a conflict mineral (3TG)`;
    }
    out.push(row);
  }
  return out;
}

/** Where a row was reported, without what it said. */
export function provenance(r: SourceRow): Provenance {
  return {
    file: r.file,
    place: r.place,
    line: r.line,
    column: r.column,
    ...(r.sheet ? { sheet: r.sheet, cell: r.cell } : {}),
    ...(r.supplier ? { supplier: r.supplier } : {}),
  };
}
