/** Where the rules' documentation pages (docs/rules/<id>.md) are, bundled or not, installed or not. */
import * as fs from 'node:fs';
import * as path from 'node:path';

let found: string | undefined;

/** The folder holding docs/rules, found upwards from this file. */
export function rulesDocsDir(): string {
  if (found) return found;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return (found = candidate);
    dir = path.dirname(dir);
  }
  return (found = path.resolve(__dirname, '..', '..', 'docs', 'rules'));
}
