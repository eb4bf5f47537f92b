/** The path part of a document URI (file:, vscode-remote:, untitled:), for choosing the file format. */
export function uriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
