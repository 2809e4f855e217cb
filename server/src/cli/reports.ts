/** The three output formats of orgdata-lint: text lines, one JSON object, and SARIF 2.1.0. */
import * as path from 'node:path';
import { addCounts, CODES, noCounts, printable, type Finding, type Severity, type SeverityCounts } from '../engine';

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

export function summaryLine(t: Totals, files: number, quiet = false): string {
  const parts = [`${t.error} ${t.error === 1 ? 'error' : 'errors'}`, `${t.warning} ${t.warning === 1 ? 'warning' : 'warnings'}`];
  if (t.information) parts.push(`${t.information} information`);
  if (t.hint) parts.push(`${t.hint} ${t.hint === 1 ? 'hint' : 'hints'}`);
  // (--quiet hides all but errors from the output; the summary still counts what --max-warnings counts)
  return `${parts.join(', ')} in ${files} ${files === 1 ? 'file' : 'files'}${quiet ? ' (--quiet: only errors are shown)' : ''}`;
}

/** path:line:col severity code message, one line a finding, grouped per file. */
export function textReport(reports: FileReport[], quiet = false): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    const file = printable(r.path);
    for (const f of r.findings)
      lines.push(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`);
  }
  lines.push(summaryLine(totals(reports), reports.length, quiet));
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
        })),
      })),
      summary: { errors: t.error, warnings: t.warning, information: t.information, hints: t.hint, files: reports.length },
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
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
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
