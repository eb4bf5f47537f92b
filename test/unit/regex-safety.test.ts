/**
 * Every regular expression of the server and the client, read from the sources with the TypeScript compiler
 * (not with a pattern over the source), checked for super-linear backtracking by scslre.
 *
 * Why scslre: it is exact for its class (a run of one repeated character: `\s*…$` trims, `[^\S\n]*` crossing
 * a '\r', a `+` that two quantifiers share), deterministic and takes 0.2 s for all of them. recheck (the
 * other sound-looking checker) took 31 s with its native binary and 87 s in JavaScript here, leaves some
 * patterns "unknown" on a timeout, and its fuzzing called `\d{1,3}(?:,\d{3})*\s+smelters` safe, which took
 * 18 s on "1,000,000,…". Patterns whose attack repeats several characters (`<span ` before no `>`, such
 * counts) are beyond any checker measured: test/unit/linear.test.ts runs those shapes at a size where a
 * quadratic pass cannot finish in the test's time.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { analyse } from 'scslre';
import { ROOT } from '../helpers/paths';

interface Found {
  /** Path from the repository root. */
  file: string;
  line: number;
  /** A literal's source and flags; undefined for a RegExp built at run time. */
  source?: string;
  flags?: string;
  /** The text of a `new RegExp(...)` call. */
  call?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function regexesOf(file: string): Found[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  const visit = (node: ts.Node): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sf);
      const slash = text.lastIndexOf('/');
      out.push({ file: rel, line, source: text.slice(1, slash), flags: text.slice(slash + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      // one line, without the breaks a formatter puts after '(' (the reviewed list names calls as written on one line)
      out.push({ file: rel, line, call: node.getText(sf).replace(/\s+/g, ' ').replace(/\( /g, '(') });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const ALL = [path.join(ROOT, 'server', 'src'), path.join(ROOT, 'client', 'src')].flatMap(sourceFiles).flatMap(regexesOf);

/**
 * Patterns scslre flags that are linear where they run, each with the reason (file, source).
 */
const REVIEWED: ReadonlyArray<[string, string, string]> = [
  ['server/src/core/data/countries.ts', String.raw`^([^,(]+),\s*(.+)$`, 'runs on the bundled ISO 3166 names only'],
  ['server/src/core/rules/covered-countries.ts', String.raw`,.*$`, 'runs on the bundled ISO 3166 names only'],
  ['server/src/core/messages.ts', String.raw`\B(?=(\d{3})+$)`, 'runs on the digits of a number (at most 16)'],
  ['server/src/core/outline.ts', String.raw`^(?:Introduction|`, 'runs on a trimmed line of at most 200 characters (MAX_HEADING), anchored'],
  [
    'server/src/core/data/smelters.ts',
    String.raw`\s*\(\*\)|\s+`,
    'where the first branch fails in a run of spaces the second matches the whole run: no position is tried twice',
  ],
  [
    'server/src/core/rules/cmrt-declaration.ts',
    String.raw`\s*;\s*|\s+`,
    'as above: the \\s+ branch takes the run the first branch gave up',
  ],
  [
    'server/src/core/rules/cmrt-smelter-list.ts',
    String.raw`\s*[;,]\s*|\s+`,
    'as above: the \\s+ branch takes the run the first branch gave up',
  ],
];

/** RegExps built at run time (the checker cannot see them), each with the reason it is linear (file, call). */
const BUILT: ReadonlyArray<[string, string, string]> = [
  ['server/src/core/parse/year.ts', 'new RegExp(pattern.source, pattern.flags)', 'copies of the PERIOD_PATTERNS literals, checked above'],
  ['server/src/core/prose/dates.ts', "new RegExp(DATE_PATTERN.source, 'g')", 'a copy of the DATE_PATTERN literal, checked above'],
  [
    'server/src/core/prose/counts.ts',
    'new RegExp(`\\\\b${NUM}',
    'a number of at most five groups (,000) then words: linear.test.ts runs "1,000,000,…" at 1 MB',
  ],
  ['server/src/core/prose/filing.ts', 'new RegExp(`^[ \\\\t]*', 'line starts only; the callers give patterns with bounded quantifiers'],
  ['server/src/node/xlsx.ts', 'new RegExp(`(?:^|\\\\s)${name', 'an attribute in one tag head: quoted values end at the next quote'],
  ['server/src/node/xlsx.ts', 'new RegExp(`<${name}\\\\s([^<>]*)>`', 'a tag head ends at the next < or >'],
];

describe('every regular expression is linear on its input', () => {
  it('finds the regular expressions of server/src and client/src (the extraction works)', () => {
    assert.ok(ALL.filter((r) => r.source !== undefined).length > 250, `only ${ALL.length} found`);
    assert.ok(ALL.some((r) => r.file === 'server/src/core/prose/counts.ts' && r.call?.startsWith('new RegExp(`\\\\b${NUM}')));
  });

  it('no literal backtracks super-linearly on a run of one character (scslre), but the reviewed ones', () => {
    const flagged = ALL.filter((r) => r.source !== undefined && analyse({ source: r.source, flags: r.flags! }).reports.length > 0);
    const reviewed = (r: Found) => REVIEWED.some(([file, source]) => r.file === file && r.source!.startsWith(source));
    const unsafe = flagged.filter((r) => !reviewed(r)).map((r) => `${r.file}:${r.line} /${r.source}/${r.flags}`);
    assert.deepEqual(unsafe, [], 'super-linear: bound the quantifier, enter a run at its start only ((?<!\\s)\\s*), or scan forward');
    // an entry whose pattern is gone or safe now is dropped, so the list stays the list of real exceptions
    const stale = REVIEWED.filter(([file, source]) => !flagged.some((r) => r.file === file && r.source!.startsWith(source)));
    assert.deepEqual(stale, []);
  });

  it('every RegExp built at run time was reviewed', () => {
    const built = ALL.filter((r) => r.call !== undefined);
    const unreviewed = built.filter((r) => !BUILT.some(([file, call]) => r.file === file && r.call!.startsWith(call)));
    assert.deepEqual(
      unreviewed.map((r) => `${r.file}:${r.line} ${r.call}`),
      [],
    );
    const stale = BUILT.filter(([file, call]) => !built.some((r) => r.file === file && r.call!.startsWith(call)));
    assert.deepEqual(stale, []);
  });
});
