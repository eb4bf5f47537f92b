/** The TextMate grammar, tokenized with the same engine VS Code uses (vscode-textmate + Oniguruma). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { ROOT } from '../helpers/paths';

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: () =>
      Promise.resolve(
        textmate.parseRawGrammar(fs.readFileSync(path.join(ROOT, 'syntaxes', 'cmr.tmLanguage.json'), 'utf8'), 'cmr.tmLanguage.json'),
      ),
  });
  grammar = (await registry.loadGrammar('text.cmr'))!;
});

function scopesOf(line: string, token: string): string[] {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  const at = line.indexOf(token);
  const t = tokens.find((x) => x.startIndex <= at && at < x.endIndex)!;
  return t.scopes;
}

describe('TextMate grammar', () => {
  it('highlights well-formed CIDs, malformed ones and legacy IDs differently', () => {
    assert.ok(scopesOf('Tin\tThaisarco\tTHAILAND\tCID001898', 'CID001898').includes('constant.numeric.cid.cmr'));
    assert.ok(scopesOf('Tin\tThaisarco\tTHAILAND\tCID1898', 'CID1898').includes('invalid.illegal.cid.cmr'));
    assert.ok(scopesOf('Gold\tJapan Mint\tJAPAN\t1JPN001', '1JPN001').includes('invalid.deprecated.legacy-id.cmr'));
  });

  it('highlights metals, covered countries and cell separators in table rows', () => {
    const row = 'Tin\tLuna Smelter, Ltd.\tRWANDA\tCID003387';
    assert.ok(scopesOf(row, 'Tin').includes('support.constant.metal.cmr'));
    assert.ok(scopesOf(row, 'RWANDA').includes('markup.bold.covered-country.cmr'));
    assert.ok(scopesOf(row, '\t').includes('punctuation.separator.cell.cmr'));
    assert.ok(!scopesOf(row, 'Luna').some((s) => s.includes('metal')));
    assert.ok(scopesOf('| Tin | Luna Smelter | RWANDA |', 'RWANDA').includes('markup.bold.covered-country.cmr'));
  });

  it('highlights headings of the filing', () => {
    for (const h of ['Item 1.01 Conflict Minerals Disclosure and Report', 'Section 2 – Exhibits', 'SIGNATURES', '## Due Diligence']) {
      assert.ok(scopesOf(h, h.slice(0, 3)).includes('markup.heading.cmr'), h);
    }
    assert.ok(!scopesOf('The Company reviewed its suppliers.', 'The').includes('markup.heading.cmr'));
  });
});
