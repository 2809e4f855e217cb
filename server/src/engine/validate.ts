/** The engine's entry: text in, findings out. No editor, no connection, no file system. */
import type { Dialect } from './catalog';
import { parseCsv, type CsvTable } from './csv';
import { buildContext, type RuleContext } from './context';
import { detectDialect, type DialectGuess } from './dialect';
import { FindingCollector, type Finding } from './findings';
import { DEFAULT_SETTINGS, type OrgDataSettings } from './settings';
import { checkCoverage } from './rules/coverage';
import { checkHeader } from './rules/header';
import { checkPeople } from './rules/people';
import { checkSensitive } from './rules/sensitive';
import { checkDelimiter, checkRows } from './rules/structure';
import { checkValues } from './rules/values';
import { checkPrecedence } from './rules/precedence';
import type { EntraDirectory } from './entra';
import { cellValue, rowCellCount } from './csv';

export interface ValidateOptions {
  /** validate even when the header names no org-data attribute (the file matched orgdata.files, or a user named it) */
  force?: boolean;
  /** the file's bytes were not UTF-8 (see decodeBytes): reported once at the top of the file */
  encodingProblem?: string;
  /** Entra ID users (orgdata.entraUsers), for the values profile cards will not show */
  entra?: EntraDirectory;
}

export interface RuleFailure {
  rule: string;
  /** the exception's message and stack: our code's words, never cell values */
  error: string;
}

export interface ValidationResult {
  /** false: not an org-data file, and no findings were made */
  orgData: boolean;
  dialect: Dialect;
  guess?: DialectGuess;
  /** stored findings, at most settings.maxProblems (plus the too-many-problems note), sorted by position */
  findings: Finding[];
  /** all findings counted, including those over the cap */
  total: number;
  /** data rows (people), blank and misaligned rows excluded */
  people: number;
  ruleFailures: RuleFailure[];
}

const RULES: [string, (ctx: RuleContext) => void][] = [
  ['header', checkHeader],
  ['structure', checkRows],
  ['people', checkPeople],
  ['values', checkValues],
  ['sensitive', checkSensitive],
  ['coverage', checkCoverage],
];

/** The findings, and the parsed document the editor features (hover, quick fixes, …) work on. */
export interface Analysis {
  result: ValidationResult;
  /** the parsed table with its judged columns; undefined when the text is not org data or is empty */
  doc?: RuleContext;
}

export function validate(text: string, settings: OrgDataSettings = DEFAULT_SETTINGS, options: ValidateOptions = {}): ValidationResult {
  return analyze(text, settings, options).result;
}

export function analyze(text: string, settings: OrgDataSettings = DEFAULT_SETTINGS, options: ValidateOptions = {}): Analysis {
  return analyzeTable(parseCsv(text), settings, options);
}

export function analyzeTable(table: CsvTable, settings: OrgDataSettings, options: ValidateOptions = {}): Analysis {
  const headerNames: string[] = [];
  if (table.rowCount > 0) {
    const first = table.rowFirstCell[0];
    for (let c = 0; c < rowCellCount(table, 0); c++) headerNames.push(cellValue(table, first + c));
  }
  const guess = detectDialect(headerNames.flatMap((h) => h.split(/[;\t]/)), settings.dialect);
  const result: ValidationResult = { orgData: false, dialect: guess.dialect, guess, findings: [], total: 0, people: 0, ruleFailures: [] };
  if (!guess.isOrgData && !options.force) return { result };
  result.orgData = true;

  const out = new FindingCollector(table.text, settings, guess.dialect);
  if (options.encodingProblem) out.report('invalid-utf8', table.start, table.start, options.encodingProblem);
  if (table.text.slice(table.start).trim() === '') {
    out.report('empty-file', table.start, table.text.length,
      'The file is empty: add a header row (for example Microsoft_PersonEmail) and one row per person.');
    return { result: finish(result, out) };
  }
  const ctx = buildContext(table, settings, guess, out);
  result.people = ctx.dataRowCount;
  if (checkDelimiter(ctx)) return { result: finish(result, out), doc: ctx };
  const rules: [string, (ctx: RuleContext) => void][] = [...RULES, ['precedence', (c) => checkPrecedence(c, options.entra)]];
  for (const [name, rule] of rules) {
    try {
      rule(ctx);
    } catch (e) {
      result.ruleFailures.push({ rule: name, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }
  return { result: finish(result, out), doc: ctx };
}

function finish(result: ValidationResult, out: FindingCollector): ValidationResult {
  const findings = out.findings;
  findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  result.total = out.total;
  if (out.total > findings.length) {
    const hidden = out.total - findings.length;
    findings.unshift({
      code: 'too-many-problems',
      severity: 'information',
      message: `${hidden} more ${hidden === 1 ? 'problem is' : 'problems are'} not shown (orgdata.maxProblems is ${findings.length}): fix these first, or raise the setting.`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      data: { hidden, shown: findings.length },
    });
  }
  result.findings = findings;
  return result;
}
