/** Where a finding lies in the file it came from: for a workbook (a CMRT, or a list's sheets), its sheet cell. */
import { rowAt, Analysis } from './analysis';
import type { FilingModel } from './parse/document';
import { cellAddress, CellPlace, sheetOfLine, WorkbookContext } from './workbook';

/**
 * The sheet cell an offset of the rendered text lies in: the row's sheet row, and the cell's column (the
 * rendering keeps one cell per sheet column, from column A). Offsets outside any row (the header, a
 * file-level finding) have no place.
 */
export function placeOf(model: FilingModel, analysis: Analysis, offset: number): CellPlace | undefined {
  const wb = model.workbook;
  if (!wb) return undefined;
  const facts = rowAt(analysis, offset);
  if (!facts) return wb.sheets ? lineCell(model, wb, offset) : undefined;
  const row = wb.sheetRowOfLine.get(facts.row.line);
  if (row === undefined) return undefined;
  let index = facts.row.cells.findIndex((c) => c.rawStart <= offset && offset <= c.rawEnd);
  if (index < 0) index = 0;
  return { sheet: sheetOfLine(wb, facts.row.line), row, col: index + 1, address: cellAddress(row, index + 1) };
}

/**
 * The sheet cell of an offset outside any row of a workbook's sheets (a table's header, a line of text): its
 * line's sheet row, the column counted by the tabs before it. Undefined on a line naming a sheet.
 */
function lineCell(model: FilingModel, wb: WorkbookContext, offset: number): CellPlace | undefined {
  const line = model.lines.positionAt(offset).line;
  const row = wb.sheetRowOfLine.get(line);
  if (row === undefined) return undefined;
  let col = 1;
  for (let i = model.lines.lineStarts[line]; i < offset; i++) if (model.text.charCodeAt(i) === 9) col++;
  return { sheet: sheetOfLine(wb, line), row, col, address: cellAddress(row, col) };
}
