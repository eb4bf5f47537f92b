/** Where a finding lies in the file it came from: for a CMRT workbook, its sheet cell. */
import { rowAt, Analysis } from './analysis';
import type { FilingModel } from './parse/document';
import { cellAddress, CellPlace } from './workbook';

/**
 * The sheet cell an offset of the rendered text lies in: the row's sheet row, and the cell's column (the
 * rendering keeps one cell per sheet column, from column A). Offsets outside any row (the header, a
 * file-level finding) have no place.
 */
export function placeOf(model: FilingModel, analysis: Analysis, offset: number): CellPlace | undefined {
  const wb = model.workbook;
  if (!wb) return undefined;
  const facts = rowAt(analysis, offset);
  if (!facts) return undefined;
  const row = wb.sheetRowOfLine.get(facts.row.line);
  if (row === undefined) return undefined;
  let index = facts.row.cells.findIndex((c) => c.rawStart <= offset && offset <= c.rawEnd);
  if (index < 0) index = 0;
  return { sheet: wb.sheet, row, col: index + 1, address: cellAddress(row, index + 1) };
}
