/**
 * The start of a webview page, shared by the summary and the workbook views: UTF-8, a Content Security Policy
 * that loads nothing from the network (styles from the webview itself, one script carrying the page's nonce)
 * and the viewport. The caller goes on with its title, styles and body.
 */
export function webviewHead(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">`;
}
