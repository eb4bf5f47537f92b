/**
 * HTML filings open in the editor (an EDGAR exhibit .htm, a complete-submission .txt holding HTML): the
 * document is the HTML itself, linted through its rendering (core/html/editor), one lint per version.
 * The server asks here first; for any other document the answer is undefined and it goes on as before.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions } from '../core';
import { readsAsHtml } from '../core/html';
import { HtmlDocumentLint, lintHtmlDocument } from '../core/html/editor';
import { uriToPath } from './uri';
import * as path from 'node:path';

export class HtmlDocuments {
  private readonly lints = new Map<string, { version: number; lint: HtmlDocumentLint }>();

  constructor(private readonly optionsFor: (doc: TextDocument) => Promise<LintOptions>) {}

  /** Whether the document is read as HTML (by its name, or an EDGAR envelope holding HTML). */
  isHtml(doc: TextDocument): boolean {
    return readsAsHtml(path.basename(uriToPath(doc.uri)), doc.getText());
  }

  /** The lint of an HTML document as it is now (with the options given, else its own), or undefined for any other. */
  async lintOf(doc: TextDocument, options?: LintOptions): Promise<HtmlDocumentLint | undefined> {
    if (!this.isHtml(doc)) return undefined;
    const cached = this.lints.get(doc.uri);
    if (cached && cached.version === doc.version && !options) return cached.lint;
    const lint = lintHtmlDocument(doc.getText(), options ?? (await this.optionsFor(doc)));
    this.lints.set(doc.uri, { version: doc.version, lint });
    return lint;
  }

  forget(uri: string): void {
    this.lints.delete(uri);
  }

  clear(): void {
    this.lints.clear();
  }
}
