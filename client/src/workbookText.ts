/**
 * "Open CMRT as text" shows a workbook's Smelter List as a read-only document. The server lints that
 * document too, and its findings are the workbook's own, already listed in the Problems panel under the
 * workbook (where an entry opens the workbook view at its cell). So they are not given to VS Code as a second
 * set of diagnostics: they are painted on the text, in their severity's colour with their message on hover,
 * and the Problems panel lists each finding once.
 */
import {
  Diagnostic,
  DiagnosticSeverity,
  Disposable,
  MarkdownString,
  OverviewRulerLane,
  TextEditor,
  TextEditorDecorationType,
  ThemeColor,
  Uri,
  window,
} from 'vscode';
import { CMRT_SCHEME } from '../../server/src/protocol';

const COLOURS: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'editorError.foreground',
  [DiagnosticSeverity.Warning]: 'editorWarning.foreground',
  [DiagnosticSeverity.Information]: 'editorInfo.foreground',
  [DiagnosticSeverity.Hint]: 'editorHint.foreground',
};
const CSS_VARIABLE = (id: string) => `var(--vscode-${id.replace('.', '-')})`;

/** The text views' findings, by document URI; and one decoration type per severity while registered. */
const findings = new Map<string, Diagnostic[]>();
let types: Map<DiagnosticSeverity, TextEditorDecorationType> | undefined;

function paint(editor: TextEditor): void {
  if (!types || editor.document.uri.scheme !== CMRT_SCHEME) return;
  const ds = findings.get(editor.document.uri.toString()) ?? [];
  for (const [severity, type] of types) {
    editor.setDecorations(
      type,
      ds
        .filter((d) => d.severity === severity)
        .map((d) => ({
          range: d.range,
          hoverMessage: new MarkdownString()
            .appendText(d.message)
            .appendMarkdown(` \`${String(typeof d.code === 'object' ? d.code.value : d.code)}\``),
        })),
    );
  }
}

/**
 * The client's middleware calls this with every publication: a text view's findings are kept and painted,
 * and true says they go no further (the Problems panel has them under the workbook).
 */
export function paintTextView(uri: Uri, diagnostics: Diagnostic[]): boolean {
  if (uri.scheme !== CMRT_SCHEME) return false;
  findings.set(uri.toString(), diagnostics);
  for (const editor of window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) paint(editor);
  return true;
}

/** The decoration types, and painting each text view as it comes into sight. */
export function registerTextViewPainting(): Disposable {
  types = new Map(
    (Object.keys(COLOURS).map(Number) as DiagnosticSeverity[]).map((s) => [
      s,
      window.createTextEditorDecorationType({
        textDecoration: `underline wavy ${CSS_VARIABLE(COLOURS[s])}`,
        overviewRulerColor: new ThemeColor(COLOURS[s]),
        overviewRulerLane: OverviewRulerLane.Right,
      }),
    ]),
  );
  const visible = window.onDidChangeVisibleTextEditors((editors) => editors.forEach(paint));
  window.visibleTextEditors.forEach(paint);
  return Disposable.from(visible, ...types.values(), { dispose: () => (types = undefined) });
}
