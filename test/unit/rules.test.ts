import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODES } from '../../server/src/engine';
import { ENGINE_CODES, RULES } from '../../server/src/engine/analysis/rules';

/** The rule families in one shape (analysis/ruleModule.ts), as ESLint's checkRuleFiles keeps its rules. */
const RULES_DIR = path.resolve(__dirname, '../../../server/src/engine/analysis/rules');

/** The sources of a family: rules/NAME.ts, or every file of rules/NAME/. */
function sourcesOf(name: string): string[] {
  const dir = path.join(RULES_DIR, name);
  if (fs.existsSync(dir))
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  return [fs.readFileSync(path.join(RULES_DIR, `${name}.ts`), 'utf8')];
}

describe('rule families', () => {
  it('every finding code is declared by exactly one family, or is the engine\u2019s own', () => {
    const declared = new Map<string, string[]>();
    for (const r of RULES) for (const c of r.codes) declared.set(c, [...(declared.get(c) ?? []), r.name]);
    for (const c of ENGINE_CODES) declared.set(c, [...(declared.get(c) ?? []), 'engine']);
    const problems = Object.keys(CODES).flatMap((c) => {
      const by = declared.get(c) ?? [];
      return by.length === 1 ? [] : [`${c}: declared by ${by.length ? by.join(' and ') : 'no family'}`];
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      [...declared.keys()].filter((c) => !(c in CODES)),
      [],
      'declared codes that do not exist',
    );
  });

  it('a family reports only the codes it declares', () => {
    const problems: string[] = [];
    for (const r of RULES) {
      const text = sourcesOf(r.name)
        .join('\n')
        .replace(/^\s*codes: \[.*\],$/m, '');
      for (const code of Object.keys(CODES)) {
        // a code named in a family's own sources (a report, a reportColumn, a severity lookup)
        if (text.includes(`'${code}'`) && !r.codes.includes(code as never)) problems.push(`${r.name} names '${code}' without declaring it`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the families run in the order the shared pass needs: header rules before the sensitive names, structure first, coverage last', () => {
    assert.deepEqual(
      RULES.filter((r) => r.header).map((r) => r.name),
      ['header', 'sensitive'],
    );
    assert.deepEqual(
      RULES.filter((r) => r.rows).map((r) => r.name),
      ['structure', 'people', 'entra', 'values', 'excel', 'sensitive', 'coverage'],
    );
    assert.deepEqual(
      RULES.filter((r) => r.finish).map((r) => r.name),
      ['structure', 'sensitive', 'coverage'],
    );
  });
});
