/**
 * Where a Declaration sheet keeps its labels, answers and comments, read from the sheet itself: every RMI
 * template (CMRT 6.01–6.6.1, EMRT 2.0/2.1, AMRT 1.3) asks its numbered questions ("1) ...", in every language)
 * in the label column, and heads each question's block on that row with "Answer" and "Comments" right of it,
 * above its answer and comment cells. The headings are found by place, not by their words: the language
 * table's texts are ambiguous ("回答" is "Answer" here and "Answer provided" on the Checker). A workbook whose
 * columns were moved (a column inserted, as suppliers do) is read alike; the template's own columns (B, D, G)
 * are the fallback for a sheet with no such block.
 */
import type { XlsxCell } from '../xlsx';

/** The English text of a cell: (sheet, row, col, text as written) → English. */
export type Translate = (sheet: string, row: number, col: number, text: string) => string;

export interface DeclarationLayout {
  label: number;
  answer: number;
  comment: number;
}

const TEMPLATE_COLUMNS: DeclarationLayout = { label: 2, answer: 4, comment: 7 };

const QUESTION = /^[1-8]\)\s/;

/** The value most often in the list (ties: the smallest), or undefined for an empty list. */
function commonest(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [number, number] | undefined;
  for (const [v, n] of counts) if (!best || n > best[1] || (n === best[1] && v < best[0])) best = [v, n];
  return best?.[0];
}

/**
 * The Declaration's columns, from its cells (rows of cells, as read): the label column is the one that most
 * often asks a numbered question; on those rows, the first text right of the question is the "Answer"
 * heading and the next the "Comments" heading. Linear in the cells.
 */
export function declarationLayout(rows: ReadonlyMap<number, ReadonlyMap<number, XlsxCell | string>>): DeclarationLayout {
  const text = (c: XlsxCell | string) => (typeof c === 'string' ? c : c.value).trim();
  const asks: Array<{ row: number; col: number }> = [];
  for (const [row, cols] of rows) for (const [col, c] of cols) if (QUESTION.test(text(c))) asks.push({ row, col });
  const label = commonest(asks.map((a) => a.col));
  if (label === undefined) return TEMPLATE_COLUMNS;
  const answers: number[] = [];
  const comments: number[] = [];
  for (const a of asks.filter((x) => x.col === label)) {
    const right = [...rows.get(a.row)!]
      .filter(([col, c]) => col > label && text(c) !== '')
      .map(([col]) => col)
      .sort((x, y) => x - y);
    if (right.length > 0) answers.push(right[0]);
    if (right.length > 1) comments.push(right[1]);
  }
  const answer = commonest(answers) ?? label - TEMPLATE_COLUMNS.label + TEMPLATE_COLUMNS.answer;
  return { label, answer, comment: commonest(comments) ?? answer - TEMPLATE_COLUMNS.answer + TEMPLATE_COLUMNS.comment };
}
