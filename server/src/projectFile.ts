/**
 * The project file, orgdata.json: the tenant's settings and the HR export's column mapping, kept beside the
 * exports in version control. It is found as Ruff finds its configuration: the nearest one from a checked
 * file's folder upward. Its keys are the settings' names without the `orgdata.` prefix, plus `columns`.
 * Shared by the CLI (strict: a mistake stops the run, naming the file, line and key) and the language
 * server (lenient: the editor's JSON schema shows the mistakes in the file itself).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import {
  ATTRIBUTES,
  CODES,
  DEFAULT_SETTINGS,
  findAttributeIgnoringCase,
  normalizeSettings,
  rankCandidates,
  type SettingsProblem,
} from './engine';

export const PROJECT_FILE = 'orgdata.json';

/** The keys orgdata.json takes: every setting, and `$schema` for editors. */
export const PROJECT_KEYS: readonly string[] = ['$schema', ...Object.keys(DEFAULT_SETTINGS)];

export interface ProjectProblem {
  file: string;
  /** 1-based */
  line: number;
  column: number;
  key: string;
  message: string;
}

export interface ProjectFile {
  file: string;
  /** the settings it holds, with entraUsers made absolute (relative to the file's folder) */
  raw: Record<string, unknown>;
  problems: ProjectProblem[];
}

/** The nearest orgdata.json from `dir` upward, or undefined. */
export function findProjectFile(dir: string): string | undefined {
  for (let d = path.resolve(dir); ;) {
    const candidate = path.join(d, PROJECT_FILE);
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const ALL_ATTRIBUTE_NAMES = ATTRIBUTES.map((a) => a.name);

/** Reads and checks orgdata.json: what it sets, and each mistake with its place. Throws only when it cannot be read. */
export function readProjectFile(file: string, text = fs.readFileSync(file, 'utf8')): ProjectFile {
  const problems: ProjectProblem[] = [];
  const at = (node: Node | undefined, key: string, message: string): void => {
    const { line, column } = lineColumn(text, node?.offset ?? 0);
    problems.push({ file, line, column, key, message });
  };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree || tree.type !== 'object') {
    at(
      errors.length > 0 ? ({ offset: errors[0].offset } as Node) : undefined,
      '',
      errors.length > 0 ? `not valid JSON (${printParseErrorCode(errors[0].error)})` : 'not a JSON object',
    );
    return { file, raw: {}, problems };
  }
  const raw: Record<string, unknown> = {};
  for (const prop of tree.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const key = String(keyNode?.value);
    if (!PROJECT_KEYS.includes(key)) {
      const near = rankCandidates(key, PROJECT_KEYS.slice(1), 1)[0]?.name;
      at(keyNode, key, `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
      continue;
    }
    if (key === '$schema') continue;
    const value = valueFrom(valueNode);
    // each value through the settings' own checks, said at its key (or at the code or column it is about)
    const valueProblems: SettingsProblem[] = [];
    const normalized = normalizeSettings({ [key]: value }, valueProblems);
    for (const p of valueProblems) {
      const message = p.message.replace(/^orgdata\./, '');
      const code = /unknown finding code "([^"]+)"/.exec(p.message)?.[1];
      if (code !== undefined) {
        const near = rankCandidates(code, Object.keys(CODES), 1)[0]?.name;
        at(findNodeAtLocation(tree, [key, code])?.parent ?? keyNode, key, `${message}${near ? ` (did you mean "${near}"?)` : ''}`);
      } else at(keyNode, key, message);
    }
    if (valueProblems.length > 0) continue;
    if (key === 'columns') {
      // a Microsoft_ target that is no attribute would be rejected by the upload: said here, where it is written
      for (const [from, to] of Object.entries(normalized.columns)) {
        if (!/^microsoft_/i.test(to) || findAttributeIgnoringCase('ods', to)) continue;
        const near = rankCandidates(to, ALL_ATTRIBUTE_NAMES, 1)[0]?.name;
        at(
          findNodeAtLocation(tree, ['columns', from]) ?? keyNode,
          'columns',
          `columns."${from}": "${to}" is not an attribute${near ? ` (did you mean "${near}"?)` : ''}`,
        );
      }
    }
    raw[key] =
      key === 'entraUsers' && typeof value === 'string' && value && !path.isAbsolute(value)
        ? path.join(path.dirname(path.resolve(file)), value)
        : value;
  }
  return { file, raw, problems };
}

function valueFrom(node: Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) o[String(p.children?.[0]?.value)] = valueFrom(p.children?.[1]);
      return o;
    }
    case 'array':
      return (node.children ?? []).map(valueFrom);
    default:
      return node.value;
  }
}

/** One line for a mistake: `file:line:column: message`. */
export function problemLine(p: ProjectProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Project files read once a run (the CLI) or until they change (the server), by path. */
export class ProjectFiles {
  private readonly byFile = new Map<string, ProjectFile | undefined>();
  private readonly byDir = new Map<string, string | undefined>();

  /** The project file that governs a file in `dir`, read (or undefined when there is none). */
  forDir(dir: string): ProjectFile | undefined {
    const key = path.resolve(dir);
    let file = this.byDir.get(key);
    if (!this.byDir.has(key)) this.byDir.set(key, (file = findProjectFile(key)));
    return file ? this.read(file) : undefined;
  }

  read(file: string): ProjectFile | undefined {
    const key = path.resolve(file);
    if (!this.byFile.has(key)) {
      try {
        this.byFile.set(key, readProjectFile(key));
      } catch {
        this.byFile.set(key, undefined);
      }
    }
    return this.byFile.get(key);
  }

  /** Forgets what was read (a project file was created, changed or deleted). */
  clear(): void {
    this.byFile.clear();
    this.byDir.clear();
  }
}
