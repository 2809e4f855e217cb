import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { ATTRIBUTES } from '../../server/src/engine/catalog/catalog';

const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR = path.join(ROOT, 'syntaxes/orgdata-csv.tmLanguage.json');

/** Tokenizes with the same TextMate engine and regex library VS Code uses. */
async function tokenize(text: string): Promise<{ text: string; scopes: string[] }[][]> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR),
  });
  const grammar = (await registry.loadGrammar('text.orgdata-csv'))!;
  let stack = vsctm.INITIAL;
  const out: { text: string; scopes: string[] }[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    stack = r.ruleStack;
  }
  return out;
}

function scopeOf(tokens: { text: string; scopes: string[] }[], text: string): string {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `no token "${text}" in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes[t.scopes.length - 1];
}

describe('TextMate grammar', () => {
  let lines: { text: string; scopes: string[] }[][];
  before(async () => {
    lines = await tokenize('Microsoft_PersonEmail,CostCenter,Microsoft_JobTitle\na@contoso.com,"Sales, EMEA",CEO\nb@contoso.com,\'\',x');
  });

  it('highlights known attribute names in the header, and not other header cells', () => {
    assert.equal(scopeOf(lines[0], 'Microsoft_PersonEmail'), 'keyword.other.attribute.orgdata-csv');
    assert.equal(scopeOf(lines[0], 'Microsoft_JobTitle'), 'keyword.other.attribute.orgdata-csv');
    assert.equal(scopeOf(lines[0], 'CostCenter'), 'variable.other.header.orgdata-csv');
  });

  it('alternates the scope of cells column by column, quoted cells with commas included', () => {
    assert.equal(scopeOf(lines[1], 'a@contoso.com'), 'entity.name.type.cell.odd.orgdata-csv');
    assert.equal(scopeOf(lines[1], '"Sales, EMEA"'), 'string.unquoted.cell.even.orgdata-csv');
    assert.equal(scopeOf(lines[1], 'CEO'), 'entity.name.type.cell.odd.orgdata-csv');
    assert.ok(!lines[1].some((t) => t.scopes.includes('meta.header.orgdata-csv')), 'data rows are not header');
  });

  it('marks the deletion marker', () => {
    assert.equal(scopeOf(lines[2], "''"), 'constant.language.delete.orgdata-csv');
  });

  it('knows every attribute of the catalog (regenerate with scripts/gen-grammar.js)', () => {
    const grammar = fs.readFileSync(GRAMMAR, 'utf8');
    for (const a of ATTRIBUTES)
      assert.ok(grammar.includes(`|${a.name}|`) || grammar.includes(`(${a.name}|`) || grammar.includes(`|${a.name})`), a.name);
  });
});
