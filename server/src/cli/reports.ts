/**
 * The output formats of orgdata-lint: text lines, one JSON object, SARIF 2.1.0, and the CI-native ones:
 * GitHub workflow commands, GitLab Code Quality and JUnit XML. Every format carries a finding's related
 * locations (the duplicate's first row, the first blank cells, …).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
  addCounts,
  CODES,
  codeInfo,
  hasSafeFix,
  isCode,
  noCounts,
  printable,
  type Finding,
  type Range,
  type Severity,
  type SeverityCounts,
} from '../engine';

export interface FileReport {
  /** as given or found, for messages */
  path: string;
  orgData: boolean;
  dialect?: string;
  people: number;
  /** at most --max-problems, and the note saying how many more */
  findings: Finding[];
  /** every finding made, by severity, kept or not: what the summary and the exit status count */
  counts: SeverityCounts;
}

export type Totals = SeverityCounts;

export function totals(reports: FileReport[]): Totals {
  return reports.reduce((t, r) => addCounts(t, r.counts), noCounts());
}

/** How many of the findings shown --fix would fix, and whether some findings are not shown (then there may be more). */
export function fixableCount(reports: FileReport[], quiet = false): { count: number; atLeast: boolean } {
  let count = 0;
  let atLeast = quiet;
  for (const r of reports)
    for (const f of r.findings) {
      if (hasSafeFix(f)) count++;
      if (f.code === 'too-many-problems') atLeast = true;
    }
  return { count, atLeast };
}

export function summaryLine(t: Totals, files: number, quiet = false, fixable = { count: 0, atLeast: false }): string {
  const parts = [`${t.error} ${t.error === 1 ? 'error' : 'errors'}`, `${t.warning} ${t.warning === 1 ? 'warning' : 'warnings'}`];
  if (t.information) parts.push(`${t.information} information`);
  if (t.hint) parts.push(`${t.hint} ${t.hint === 1 ? 'hint' : 'hints'}`);
  // (--quiet hides all but errors from the output; the summary still counts what --max-warnings counts)
  const fix = fixable.count > 0 ? `; ${fixable.atLeast ? 'at least ' : ''}${fixable.count} fixable with --fix` : '';
  return `${parts.join(', ')} in ${files} ${files === 1 ? 'file' : 'files'}${quiet ? ' (--quiet: only errors are shown)' : ''}${fix}`;
}

/** ANSI colours of the severities on a terminal: red, yellow, blue, dim. */
const SEVERITY_COLOUR: Record<Severity, string> = { error: '31', warning: '33', information: '34', hint: '2' };

/** path:line:col severity code message, one line a finding, grouped per file; in colour on a terminal. */
export function textReport(reports: FileReport[], quiet = false, colour = false): string[] {
  const lines: string[] = [];
  const paint = colour ? (code: string, s: string): string => `\x1b[${code}m${s}\x1b[0m` : (_: string, s: string): string => s;
  for (const r of reports) {
    const file = printable(r.path);
    for (const f of r.findings) {
      // the compilers' shape (file:line:col: severity: message [code]) that problem matchers read, $orgdata-lint's and $gcc's
      lines.push(
        `${paint('1', file)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${paint(SEVERITY_COLOUR[f.severity], f.severity)}: ${f.message} ${paint('2', `[${f.code}]`)}`,
      );
      // related locations, indented under their finding as notes (no problem matcher takes them for findings)
      for (const rel of f.related ?? [])
        lines.push(`    ${file}:${rel.range.start.line + 1}:${rel.range.start.character + 1}: note: ${printable(rel.message)}`);
    }
  }
  lines.push(summaryLine(totals(reports), reports.length, quiet, fixableCount(reports, quiet)));
  return lines;
}

export function jsonReport(reports: FileReport[]): string {
  const t = totals(reports);
  return JSON.stringify(
    {
      version: 1,
      files: reports.map((r) => ({
        path: r.path,
        orgData: r.orgData,
        dialect: r.dialect,
        people: r.people,
        findings: r.findings.map((f) => ({
          code: f.code,
          severity: f.severity,
          message: f.message,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          ...(f.attribute !== undefined ? { attribute: f.attribute } : {}),
          ...(docUrl(f) ? { url: docUrl(f) } : {}),
          ...(hasSafeFix(f) ? { fixable: true } : {}),
          ...(f.related?.length ? { related: f.related.map((rel) => ({ message: rel.message, ...place(rel.range) })) } : {}),
        })),
      })),
      summary: {
        errors: t.error,
        warnings: t.warning,
        information: t.information,
        hints: t.hint,
        files: reports.length,
        fixable: fixableCount(reports).count,
      },
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** SARIF 2.1.0, as GitHub code scanning and Azure DevOps read it: paths relative to the working directory. */
export function sarifReport(reports: FileReport[], version: string, cwd = process.cwd()): string {
  const codes = Object.keys(CODES) as (keyof typeof CODES)[];
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => {
    const info = CODES[code] as { title: string; help: string; source: string; severity: Severity | { ods: Severity; viva: Severity } };
    const level = typeof info.severity === 'string' ? info.severity : info.severity.ods;
    return {
      id: code,
      name: code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: info.title },
      fullDescription: { text: info.help },
      help: { text: `${info.help} Source: ${info.source}` },
      ...(info.source.startsWith('https://') ? { helpUri: info.source } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[level] },
    };
  });
  const results = reports.flatMap((r) => {
    const uri = path.relative(cwd, path.resolve(r.path)).split(path.sep).join('/');
    return r.findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code) ?? -1,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
            region: region(f.range),
          },
        },
      ],
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((rel, id) => ({
              id,
              message: { text: rel.message },
              physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(rel.range) },
            })),
          }
        : {}),
    }));
  });
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: { name: 'orgdata-lint', version, informationUri: 'https://learn.microsoft.com/en-us/viva/orgdata-attributes', rules },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(cwd)}/` } },
          results,
        },
      ],
    },
    null,
    2,
  );
}

function pathToUri(p: string): string {
  return 'file://' + (p.startsWith('/') ? '' : '/') + p.split(path.sep).join('/');
}

/** A range as 1-based line and column, end included as LSP has it. */
function place(r: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function region(r: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const p = place(r);
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

/** The page that documents a finding's rule: Microsoft's, or the standard it follows (none for our decisions). */
function docUrl(f: Finding): string | undefined {
  const source = (CODES[f.code] as { source: string }).source;
  return source.startsWith('https://') ? source : undefined;
}

const GITHUB_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** GitHub's escaping of a workflow command's message, and of a property value (which also escapes : and ,). */
const githubData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const githubProperty = (s: string): string => githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: an annotation on the file's line for each finding, shown on the pull
 * request without code scanning (so without GitHub Advanced Security on a private repository).
 */
export function githubReport(reports: FileReport[]): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const p = place(f.range);
      const props = `file=${githubProperty(r.path)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${githubProperty(f.code)}`;
      const related = (f.related ?? [])
        .map((rel) => `\n${r.path}:${rel.range.start.line + 1}:${rel.range.start.character + 1} ${rel.message}`)
        .join('');
      lines.push(`::${GITHUB_LEVEL[f.severity]} ${props}::${githubData(f.message + related)}`);
    }
  }
  return lines;
}

const GITLAB_SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = {
  error: 'major',
  warning: 'minor',
  information: 'info',
  hint: 'info',
};

/**
 * GitLab Code Quality: a JSON array, each issue with its description, check_name, a fingerprint that is
 * stable (the same finding in the same place gives the same one in every run) and distinct (a second,
 * identical finding gets its own), severity and location.
 */
export function gitlabReport(reports: FileReport[]): string {
  const seen = new Map<string, number>();
  const issues = reports.flatMap((r) =>
    r.findings.map((f) => {
      const key = `${r.path}\u0000${f.code}\u0000${f.range.start.line}\u0000${f.range.start.character}\u0000${f.message}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return {
        description: f.message,
        check_name: f.code,
        fingerprint: createHash('md5').update(`${key}\u0000${n}`).digest('hex'),
        severity: GITLAB_SEVERITY[f.severity],
        location: { path: r.path, lines: { begin: f.range.start.line + 1 } },
      };
    }),
  );
  return JSON.stringify(issues, null, 2);
}

const xml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML, as CI servers show test results: a test case per file, a failure per error; the rest as its output. */
export function junitReport(reports: FileReport[]): string {
  const cases = reports.map((r) => {
    const errors = r.findings.filter((f) => f.severity === 'error');
    const others = r.findings.filter((f) => f.severity !== 'error');
    const at = (f: Finding): string => `${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const failures = errors.map(
      (f) => `      <failure type="${xml(f.code)}" message="${xml(f.message)}">${xml(`${at(f)} ${f.code} ${f.message}`)}</failure>`,
    );
    const out = others.length
      ? [`      <system-out>${xml(others.map((f) => `${at(f)} ${f.severity} ${f.code} ${f.message}`).join('\n'))}</system-out>`]
      : [];
    return [`    <testcase classname="orgdata-lint" name="${xml(r.path)}">`, ...failures, ...out, '    </testcase>'].join('\n');
  });
  const failing = reports.filter((r) => r.counts.error > 0).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="orgdata-lint" tests="${reports.length}" failures="${failing}">`,
    `  <testsuite name="orgdata-lint" tests="${reports.length}" failures="${failing}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}

/** --statistics: a count per code over every file, most frequent first, marked [*] where --fix repairs it. */
export function statisticsReport(reports: FileReport[], format: 'text' | 'json'): string {
  const by = new Map<string, { count: number; fixable: number }>();
  for (const r of reports)
    for (const f of r.findings) {
      if (f.code === 'too-many-problems') continue;
      const s = by.get(f.code) ?? { count: 0, fixable: 0 };
      s.count++;
      if (hasSafeFix(f)) s.fixable++;
      by.set(f.code, s);
    }
  const rows = [...by].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  if (format === 'json')
    return JSON.stringify(
      rows.map(([code, s]) => ({ code, count: s.count, fixable: s.fixable, title: isCode(code) ? codeInfo(code).title : code })),
      null,
      2,
    );
  const width = Math.max(1, ...rows.map(([, s]) => String(s.count).length));
  const codeWidth = Math.max(0, ...rows.map(([c]) => c.length));
  return rows
    .map(([code, s]) =>
      `${String(s.count).padStart(width)}  ${code.padEnd(codeWidth)}  ${s.fixable ? '[*]' : '   '} ${isCode(code) ? codeInfo(code).title : ''}`.trimEnd(),
    )
    .join('\n');
}
