/**
 * The architecture the README draws, checked on the sources: no import cycles, a protocol-free core, and
 * no module that knows both the protocol and the domain.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/paths';

const SRC = path.join(ROOT, 'server', 'src');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** A module's imports of other modules of ours, type-only ones included (they are design dependencies too). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = path.resolve(path.dirname(file), m[1]);
    const candidates = [`${target}.ts`, path.join(target, 'index.ts')];
    const found = candidates.find((c) => fs.existsSync(c));
    if (found) out.push(found);
  }
  return out;
}

/** The cycles of the import graph (Tarjan's strongly connected components of more than one module, or a self-import). */
export function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.map((f) => path.relative(SRC, f)).sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}

describe('architecture', () => {
  const files = sources(SRC);

  it('has no import cycles between modules', () => {
    assert.deepEqual(importCycles(files), []);
  });

  it('the cycle check finds a cycle when there is one', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'cmrlint-cycle-'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = 1;\n");
    fs.writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a';\nexport const b = 2;\n");
    assert.equal(importCycles([path.join(dir, 'a.ts'), path.join(dir, 'b.ts')]).length, 1);
  });

  it('keeps the core protocol-free: no vscode, language server or node I/O modules in server/src/core', () => {
    for (const f of files.filter((x) => x.startsWith(path.join(SRC, 'core') + path.sep))) {
      const text = fs.readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /from '(?:vscode[^']*|node:fs|fs|node:child_process|node:net)'/, path.relative(SRC, f));
      for (const dep of importsOf(f))
        assert.ok(dep.startsWith(path.join(SRC, 'core')), `${path.relative(SRC, f)} imports ${path.relative(SRC, dep)}`);
    }
  });

  it('no module knows both the protocol and the domain: only server.ts, lsp/ and protocol.ts speak LSP, and they import no rule', () => {
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const protocol = /from 'vscode-languageserver/.test(text);
      const rel = path.relative(SRC, f);
      if (protocol)
        assert.ok(rel === 'server.ts' || rel === 'protocol.ts' || rel.startsWith(`lsp${path.sep}`), `${rel} speaks the protocol`);
      if (protocol)
        assert.doesNotMatch(text, /from '(?:\.\/|(?:\.\.\/)+)core\/(?:rules|analysis|data|parse|prose)/, `${rel} reaches into the domain`);
    }
  });

  it('the Node edge (server/src/node) knows nothing of the editor: no vscode, no language server', () => {
    for (const f of files.filter((x) => x.startsWith(path.join(SRC, 'node') + path.sep))) {
      assert.doesNotMatch(
        fs.readFileSync(f, 'utf8'),
        /from 'vscode-(?:languageserver|languageclient|jsonrpc)|from 'vscode'/,
        path.relative(SRC, f),
      );
    }
  });

  it('the protocol module shared with the client takes only types from our modules, and the client takes only it from the server', () => {
    const protocol = path.join(SRC, 'protocol.ts');
    const text = fs.readFileSync(protocol, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms))
      assert.ok(m[2], `protocol.ts takes more than types from ${m[3]}`);
    const client = path.join(ROOT, 'client', 'src');
    for (const f of sources(client)) {
      for (const dep of importsOf(f).filter((d) => !d.startsWith(client + path.sep)))
        assert.equal(dep, protocol, `${path.relative(ROOT, f)} imports ${path.relative(ROOT, dep)}`);
    }
  });
});

describe('activation (package.json)', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: { languages: Array<{ id: string; extensions?: string[] }> };
  };
  it('does not start in every workspace that holds a CSV: a CSV or TSV activates it when opened (as language csv/tsv)', () => {
    assert.ok(!manifest.activationEvents.some((e) => /^workspaceContains:.*\b(?:csv|tsv)\b/.test(e)), manifest.activationEvents.join(', '));
    for (const [id, ext] of [
      ['csv', '.csv'],
      ['tsv', '.tsv'],
    ]) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`));
      assert.ok(
        manifest.contributes.languages.some((l) => l.id === id && l.extensions?.includes(ext)),
        `language ${id} for ${ext}`,
      );
    }
  });
});
