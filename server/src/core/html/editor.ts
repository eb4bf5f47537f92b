/**
 * An HTML filing open in the editor: the document is the HTML itself, so diagnostics, hover and the outline
 * are the rendered text's, placed back on the HTML. No quick fix and no fix-all: an edit of the rendered text
 * is no safe edit of the markup (an entity, a tag between two words), and a filing must never be corrupted.
 */
import { lintText, LintOptions, LintResult } from '../lint';
import type { Finding } from '../types';
import { hoverAt, HoverContent } from '../hover';
import type { StatusAt } from '../status/model';
import { outline, OutlineSymbol } from '../outline';
import { HtmlFiling, readHtmlFiling, unreadTable } from './index';

export interface HtmlDocumentLint {
  filing: HtmlFiling;
  /** The lint of the rendered text: its model and analysis are in rendered offsets. */
  result: LintResult;
  /** The findings at their HTML source ranges, without fixes: the HTML document's diagnostics. */
  findings: Finding[];
}

/** Said when fix-all is asked for on an HTML filing. */
export const HTML_NOT_FIXED =
  'cmrlint does not fix HTML filings: an edit of the text a reader sees is no safe edit of its markup. Correct the source the filing agent typeset it from.';

/** Lints an HTML document's text as the CLI lints the file (the same rendering, the same file-format findings). */
export function lintHtmlDocument(source: string, options: LintOptions): HtmlDocumentLint {
  const filing = readHtmlFiling(source);
  if (filing.problems.length > 0) {
    // not read (too large): that one finding, not the findings of an empty text
    const result = lintText('', { ...options, format: 'text' });
    return {
      filing,
      result,
      findings: filing.problems.map((p) => ({ rule: 'file-format', severity: 'error', message: p.message, start: 0, end: 0 })),
    };
  }
  const result = lintText(filing.text, {
    ...options,
    format: 'text',
    decodeProblems: [...(options.decodeProblems ?? []), ...unreadTable(filing)],
  });
  return { filing, result, findings: result.findings.map((f) => filing.inSource(f)) };
}

/** The hover at a source offset of the HTML (with RMI's status of a CID, when known), its range on the HTML. */
export function hoverInHtml(lint: HtmlDocumentLint, sourceOffset: number, status?: StatusAt): HoverContent | undefined {
  const at = lint.filing.toRendered(sourceOffset);
  if (at === undefined) return undefined;
  const h = hoverAt(lint.result, at, status);
  return h && { ...h, ...lint.filing.toSource(h.start, h.end) };
}

/** The outline (sections, the smelter table, its metals) with ranges on the HTML. */
export function outlineOfHtml(lint: HtmlDocumentLint): OutlineSymbol[] {
  const place = (s: OutlineSymbol): OutlineSymbol => {
    const range = lint.filing.toSource(s.start, s.end);
    const selection = lint.filing.toSource(s.selectionStart, s.selectionEnd);
    return { ...s, ...range, selectionStart: selection.start, selectionEnd: selection.end, children: s.children.map(place) };
  };
  return outline(lint.result).map(place);
}
