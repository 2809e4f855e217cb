import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The architecture's invariants about imports (ARCHITECTURE.md), as tidy tests: read the sources, never run them. */
const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'server/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The module specifiers a file imports or re-exports (type-only ones included: a cycle of types is a cycle too). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]);
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

const rel = (f: string): string => path.relative(ROOT, f);

describe('architecture invariants', () => {
  it('the engine is pure: no vscode, no LSP, no Node built-ins, no file outside engine/', () => {
    const engine = path.join(SRC, 'engine');
    const offences: string[] = [];
    for (const file of sources(engine)) {
      for (const spec of importsOf(file)) {
        const target = resolve(file, spec);
        if (/^(node:|vscode|fs$|path$|os$|child_process$|worker_threads$|buffer$)/.test(spec))
          offences.push(`${rel(file)} imports ${spec}`);
        if (target && !target.startsWith(engine + path.sep)) offences.push(`${rel(file)} imports ${rel(target)}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  it('the CLI and the server reach the engine only through its index', () => {
    const engine = path.join(SRC, 'engine');
    const offences: string[] = [];
    for (const file of sources(SRC).filter((f) => !f.startsWith(engine + path.sep))) {
      for (const spec of importsOf(file)) {
        const target = resolve(file, spec);
        if (target && target.startsWith(engine + path.sep) && target !== path.join(engine, 'index.ts'))
          offences.push(`${rel(file)} imports ${rel(target)}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  it('no import cycles among the sources', () => {
    const files = [...sources(SRC), ...sources(path.join(ROOT, 'client/src'))];
    const edges = new Map(
      files.map((f) => [
        f,
        importsOf(f)
          .map((s) => resolve(f, s))
          .filter((t): t is string => !!t),
      ]),
    );
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, stack: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(f)), f].map(rel).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of edges.get(f) ?? []) visit(t, [...stack, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(cycles, []);
  });
});
