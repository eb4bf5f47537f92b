/**
 * Fixtures with inline expectations, in the manner of markdownlint's test files: a line ending in
 * `{{rule-a,rule-b}}` expects those rules to report on that line. The markers are removed before linting.
 */
export interface MarkedFixture {
  text: string;
  /** "line:rule" strings, 1-based lines. */
  expected: string[];
}

const MARKER = / *\{\{([a-z-]+(?:\s*,\s*[a-z-]+)*)\}\}/;

export function readMarkers(source: string): MarkedFixture {
  const expected: string[] = [];
  const lines = source.split(/(?<=\n)/);
  const out = lines.map((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return line;
    for (const rule of m[1].split(',')) expected.push(`${i + 1}:${rule.trim()}`);
    return line.slice(0, m.index) + line.slice(m.index + m[0].length);
  });
  return { text: out.join(''), expected: expected.sort() };
}
