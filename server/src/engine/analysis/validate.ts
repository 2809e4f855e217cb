/**
 * The engine's entry: text in, findings out. No editor, no connection, no file system.
 *
 * A Validation takes a file in chunks of whole rows (the editor: one chunk, the whole text; the CLI: a
 * stream of them) and runs every rule on each chunk; what spans rows lives in a FileState of bounded
 * size, and the rules that need the whole file report when it ends. One set of rules serves both.
 */
import type { Dialect } from '../catalog/catalog';
import { detectDelimiter, parseCsv, type CsvTable, type GrowableInt32 } from '../text/csv';
import { buildContext, readColumns, type Column, type RuleContext } from './context';
import { detectDialect, type DialectGuess } from '../catalog/dialect';
import type { EntraDirectory } from '../entra/directory';
import {
  addCounts,
  addKept,
  countAll,
  FindingCollector,
  GROUP_RELATED,
  keptOf,
  mapKept,
  noCounts,
  noneKept,
  printable,
  roomFor,
  roomLeft,
  SEVERITIES,
  withinRoom,
  type Finding,
  type Kept,
  type ProblemGroup,
  type SeverityCounts,
} from './findings';
import type { FinishContext } from './finish';
import { LineIndex } from '../text/positions';
import { finishPeople, type PeopleIndex } from './rules/people';
import { RULES } from './rules';
import {
  crossChecked,
  entraRules,
  finishEntra,
  reportTenantMismatch,
  tenantMismatch,
  type MissingMembers,
  type TenantMismatch,
} from './rules/entra';
import { entraJobOf, type EntraJob, type EntraOutcome } from './entraElsewhere';
import { checkDelimiter } from './rules/structure';
import { utf8Length } from '../text/strings';
import { DEFAULT_SETTINGS, type OrgDataSettings } from '../catalog/settings';
import { ChunkState, FileState, shifted, type EntraKeys } from './state';

/** A shared problem is said once when at least this many cells have it, and this share of the column's filled cells (our decision). */
export const SHARED_MIN = 3;
export const SHARED_SHARE = 0.3;
import { LOCAL_UPLOAD_LIMIT_BYTES } from '../catalog/catalog';

export interface ValidateOptions {
  /** validate even when the header names no org-data attribute (the file matched orgdata.files, or a user named it) */
  force?: boolean;
  /** the file was not UTF-8 (the CLI decodes it; see cli/fileReader): reported once at the top of the file */
  encodingProblem?: string;
  /** Entra ID users (orgdata.entraUsers), for the values profile cards will not show */
  entra?: EntraDirectory;
  /**
   * the Entra ID cross-check is made elsewhere (the CLI's thread that reads the users file): each chunk's
   * job is handed to this, and its outcome given back with entraDone(), in order, before finish()
   */
  entraElsewhere?: (job: EntraJob, transfer: ArrayBuffer[]) => void;
  /** the file's size in bytes, when streamed: for the upload-size note */
  fileBytes?: number;
  /** the UTF-8 size of the whole text, when the first chunk is not all of it (an editor's blocks) */
  textBytes?: number;
  /**
   * only read the rows: the header is judged (the columns get their attributes), no row is checked and
   * nothing is reported; for the reports that stream a file through the engine (diff, profile)
   */
  readOnly?: boolean;
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
  /** the same by severity: what a verdict (an exit code, a summary) counts, whatever the cap kept */
  counts: SeverityCounts;
  /** data rows (people), blank and misaligned rows excluded */
  people: number;
  ruleFailures: RuleFailure[];
}

/** The findings, and the parsed document the editor features (hover, quick fixes, …) work on. */
export interface Analysis {
  result: ValidationResult;
  /** the parsed table with its judged columns; undefined when the text is not org data or is empty */
  doc?: RuleContext;
}

type Rule = [string, (ctx: RuleContext) => void];

export interface ChunkResult {
  ctx: RuleContext;
  chunk: ChunkState;
}

export class Validation {
  readonly state = new FileState();
  private columns: Column[] = [];
  private guess?: DialectGuess;
  private lineBase = 0;
  private started = false;
  private sawText = false;
  /** nothing more to check: not org data, or a header that makes every row meaningless */
  private stopped = false;
  private readonly failures: RuleFailure[] = [];
  private rowRules: Rule[] = [];
  /** findings stored so far by the chunks, so that a stream keeps at most maxProblems in all (chunks awaiting their cross-check not yet counted) */
  private stored: Kept = noneKept();
  /**
   * chunks whose cross-check was handed elsewhere, oldest first, each with where its findings would have
   * gone among the chunk's own (after the people rules)
   */
  private readonly awaiting: { chunk: ChunkState; at: number }[] = [];
  private keep(findings: readonly Finding[]): void {
    this.stored = addKept(this.stored, keptOf(findings));
  }
  private entraSetupSent = false;
  /** the chunk being checked: where its cross-check's findings go, and what the people rules kept for it */
  private handOff?: { at: number; keys: EntraKeys; rows: GrowableInt32 };
  private elsewhereMembers?: MissingMembers;
  /** the Entra ID users file's name, when the cross-check is made elsewhere */
  private entraSource?: string;

  constructor(
    private readonly settings: OrgDataSettings = DEFAULT_SETTINGS,
    private readonly options: ValidateOptions = {},
  ) {}

  /**
   * Checks the next chunk of a stream: whole rows, starting on a line start, the header in the first.
   * Returns the context the rules saw (the editor keeps it for hover and quick fixes), or undefined.
   */
  chunk(table: CsvTable): RuleContext | undefined {
    const lineBase = this.lineBase;
    const lines = new LineIndex(table.text);
    this.lineBase += lines.lineCount - 1;
    const done = this.check(table, lines, lineBase, !this.started, roomLeft(this.settings.maxProblems, this.stored));
    if (!done) return undefined;
    // (a chunk handed over to the cross-check is counted when its outcome is in: see entraDone)
    if (this.awaiting.at(-1)?.chunk !== done.chunk) this.keep(done.chunk.findings);
    this.state.chunks.push({ state: done.chunk, lineBase });
    return done.ctx;
  }

  /** How many chunks wait for their cross-check from elsewhere. */
  get awaitingEntra(): number {
    return this.awaiting.length;
  }

  /**
   * The cross-check of the oldest chunk still awaiting it: its findings go where the rule would have made
   * them, after the people rules', and the chunk keeps what the cap leaves of them, as it would have.
   */
  entraDone(outcome: EntraOutcome, error?: string): void {
    const next = this.awaiting.shift();
    if (!next) throw new Error('no chunk awaits a cross-check');
    if (error !== undefined) this.fail('entra', error);
    const { chunk, at } = next;
    const merged = [...chunk.findings.slice(0, at), ...outcome.findings, ...chunk.findings.slice(at)];
    chunk.findings = withinRoom(merged, roomLeft(this.settings.maxProblems, this.stored));
    addCounts(chunk.counts, outcome.counts);
    chunk.entraManagersUnmatched += outcome.managersUnmatched;
    chunk.personEntra.reserve(outcome.users.length);
    for (let i = 0; i < outcome.users.length; i++) chunk.personEntra.push(outcome.users[i]);
    this.keep(chunk.findings);
  }

  /** The enabled members without a row, as the thread that made the cross-check counted them, before finish(). */
  entraMembers(members: MissingMembers | undefined, error?: string): void {
    this.elsewhereMembers = members;
    if (members) this.entraSource = members.source;
    if (error !== undefined) this.fail('entra', error);
  }

  /**
   * Checks one chunk on its own, the first (with the header) before any other; what it finds is kept in
   * its ChunkState and counted only once the chunk is among `state.chunks`. For editors that check again
   * only the rows an edit touched.
   */
  check(
    table: CsvTable,
    lines: LineIndex,
    lineBase: number,
    first: boolean,
    room: Kept = roomFor(this.settings.maxProblems),
  ): ChunkResult | undefined {
    if (this.stopped) return undefined;
    if (first && !this.started && !this.begin(table)) return undefined;
    // a regular expression stops at the first non-blank character: no copy of a big chunk
    if (!this.sawText && /[^\s\uFEFF]/.test(table.text)) this.sawText = true;
    const out = new FindingCollector(this.settings, this.guess!.dialect, room);
    out.setChunk(lines, lineBase);
    const chunk = new ChunkState(lineBase);
    const ctx = buildContext(table, first ? 1 : 0, this.columns, this.settings, this.guess!, out, this.state, chunk);
    if (first) {
      if (!this.sawText) return { ctx, chunk }; // an empty file is judged when it ends
      this.state.headerRange = out.rangeOf(table.rowStart[0], table.rowEnd[0]);
      this.state.columnRanges = this.columns.map((c) => out.rangeOf(c.start, c.end));
      if (this.options.encodingProblem) out.report('invalid-utf8', table.start, table.start, this.options.encodingProblem);
      if (checkDelimiter(ctx)) {
        this.stopped = true;
        return this.collect(ctx, chunk);
      }
      this.state.sampleColumns = [];
      this.run(
        RULES.flatMap((r): Rule[] => (r.header ? [[r.name, r.header]] : [])),
        ctx,
      );
      this.measure(table);
    }
    this.run(this.rowRules, ctx);
    return this.collect(ctx, chunk);
  }

  private collect(ctx: RuleContext, chunk: ChunkState): ChunkResult {
    chunk.findings = ctx.out.findings;
    chunk.counts = ctx.out.counts;
    chunk.groups = ctx.out.groups;
    const handOff = this.handOff;
    this.handOff = undefined;
    if (handOff) {
      const setup = this.entraSetupSent ? undefined : { settings: this.settings, guess: this.guess!, columns: this.columns };
      this.entraSetupSent = true;
      const { job, transfer } = entraJobOf(ctx, handOff.keys, handOff.rows, keptOf(ctx.out.findings.slice(0, handOff.at)), setup);
      this.awaiting.push({ chunk, at: handOff.at });
      this.options.entraElsewhere!(job, transfer);
    }
    return { ctx, chunk };
  }

  /**
   * A context over a whole table, or over the rows of one block (`first` false: no header; it starts on
   * file line `lineBase`), for the editor features (hover, quick fixes, preview) when the document was
   * checked in blocks: the same columns and settings, no rules run.
   */
  contextFor(table: CsvTable, first = true, lineBase = 0): RuleContext | undefined {
    if (!this.guess || this.columns.length === 0) return undefined;
    const out = new FindingCollector(this.settings, this.guess.dialect, roomFor(0));
    out.setChunk(new LineIndex(table.text), lineBase);
    return buildContext(table, first ? 1 : 0, this.columns, this.settings, this.guess, out, this.state, new ChunkState(lineBase));
  }

  /** The first chunk: is this org data at all, and in which dialect. */
  private begin(table: CsvTable): boolean {
    this.started = true;
    // under a column mapping, the dialect is that of the names the export's columns map to
    this.columns = readColumns(table, this.settings.columns);
    const names = this.columns.filter((c) => !c.excluded).map((c) => c.name);
    this.guess = detectDialect(
      names.flatMap((h) => h.split(/[;\t]/)),
      this.settings.dialect,
    );
    if (!this.guess.isOrgData && !this.options.force) {
      this.stopped = true;
      return false;
    }
    this.state.entra = this.options.entra;
    this.state.entraElsewhere = !this.options.entra && !!this.options.entraElsewhere;
    // the declared families' rows; the Entra ID rules' are handed to the CLI's thread when it makes them
    this.rowRules = this.options.readOnly
      ? []
      : RULES.flatMap((r): Rule[] => {
          if (!r.rows) return [];
          if (r === entraRules && this.state.entraElsewhere) return [[r.name, (ctx) => this.markHandOff(ctx)]];
          return [[r.name, r.rows]];
        });
    return true;
  }

  /**
   * In place of the Entra ID rules when the cross-check is made elsewhere: notes where their findings go
   * and keeps what the people rules left for them; the chunk is handed over once its rules ran (collect).
   */
  private markHandOff(ctx: RuleContext): void {
    const keys = ctx.chunk.entraKeys;
    ctx.chunk.entraKeys = undefined;
    if (!keys || !ctx.chunk.entryRow || !crossChecked(ctx.dialect, ctx.state)) return;
    this.handOff = { at: ctx.out.findings.length, keys, rows: ctx.chunk.entryRow };
  }

  /** The file's size, for the upload-size note: given when streamed, else counted when it may be over the limit. */
  private measure(table: CsvTable): void {
    this.state.fileBytes = this.options.fileBytes ?? this.options.textBytes;
    // in the editor the text is the file: count its bytes only when it may be over the limit
    if (this.state.fileBytes === undefined && table.text.length * 3 > LOCAL_UPLOAD_LIMIT_BYTES) {
      this.state.fileBytes = utf8Length(table.text, 0, table.text.length);
    }
  }

  private run(rules: Rule[], ctx: RuleContext): void {
    for (const [name, rule] of rules) {
      try {
        rule(ctx);
      } catch (e) {
        this.fail(name, e);
      }
    }
  }

  private fail(rule: string, e: unknown): void {
    if (this.failures.some((f) => f.rule === rule)) return;
    // (a string: a failure already written down elsewhere, message and stack)
    this.failures.push({ rule, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
  }

  /**
   * One problem shared by most of a column (a currency style, a date family, a separator) or by a whole
   * file (its encoding) is said once: one finding on the header (the file's: on the first place) at the
   * cells' severity, listing the first cells, and the cells' own findings become hints. Single odd cells
   * keep their findings. Our decision: at least SHARED_MIN cells, and SHARED_SHARE of the column's filled ones.
   */
  private sayShared(all: Finding[], counts: SeverityCounts): Finding[] {
    const merged = new Map<string, ProblemGroup>();
    const filled = new Int32Array(this.columns.length);
    for (const { state: chunk, lineBase } of this.state.chunks) {
      const shift = lineBase - chunk.recordedLineBase;
      for (let i = 0; i < chunk.filledCells.length && i < filled.length; i++) filled[i] += chunk.filledCells[i];
      for (const [id, g] of chunk.groups) {
        let m = merged.get(id);
        if (!m) merged.set(id, (m = { ...g, count: 0, ranges: [] }));
        m.count += g.count;
        for (const r of g.ranges) if (m.ranges.length < GROUP_RELATED) m.ranges.push(shift === 0 ? r : shifted(r, shift));
      }
    }
    const shared = [...merged].filter(([, g]) => g.count >= SHARED_MIN && (g.column < 0 || g.count >= SHARED_SHARE * filled[g.column]));
    if (shared.length === 0) return all;
    const headers: Finding[] = [];
    for (const [id, g] of shared) {
      counts[g.severity] -= g.count - 1;
      counts.hint += g.count;
      const col = g.column >= 0 ? this.columns[g.column] : undefined;
      const more = g.count > g.ranges.length ? `; the first ${g.ranges.length} are listed` : '';
      const f: Finding = {
        code: g.code,
        severity: g.severity,
        message: printable(
          col
            ? `${g.count} of the ${filled[g.column]} values in ${col.name.trim()} ${g.says} (each cell is marked as a hint${more}).`
            : `${g.count} places in this file ${g.says} (each is marked as a hint${more}).`,
        ),
        range: col ? this.state.columnRanges[g.column] : g.ranges[0],
        data: { group: id, count: g.count, ...(col ? { column: g.column, filled: filled[g.column] } : {}) },
        related: g.ranges.map((range) => ({ range, message: 'one of them' })),
      };
      if (col) f.attribute = col.name.trim();
      headers.push(f);
    }
    const ids = new Set(shared.map(([id]) => id));
    const hint = (f: Finding): Finding =>
      f.severity !== 'hint' && typeof f.data?.group === 'string' && ids.has(f.data.group) ? { ...f, severity: 'hint' } : f;
    return [...all.map(hint), ...headers];
  }

  /** The per-row Entra ID findings of a tenant mismatch taken out of `all` and `counts`, and its one warning put in. */
  private oneTenantWarning(all: Finding[], counts: SeverityCounts, m: TenantMismatch, dialect: Dialect): Finding[] {
    const out = new FindingCollector(this.settings, dialect);
    const person = out.severityOf('entra-person-unmatched');
    const manager = out.severityOf('entra-manager-unmatched');
    if (person) counts[person] -= m.personsUnmatched;
    if (manager) counts[manager] -= m.managersUnmatched;
    reportTenantMismatch(
      { out, state: this.state, columns: this.columns, settings: this.settings, dialect },
      m,
      this.state.entra?.source ?? this.entraSource ?? 'the Entra ID users file',
    );
    addCounts(counts, out.counts);
    return [...all.filter((f) => f.code !== 'entra-person-unmatched' && f.code !== 'entra-manager-unmatched'), ...out.findings];
  }

  /** The people of the last finish (who manages whom), for the reporting-lines view. */
  get peopleIndex(): PeopleIndex | undefined {
    return this.lastPeople?.index;
  }

  /** The people verdicts of the last finish, for an edit that changed no person, manager or line. */
  private lastPeople?: { findings: Finding[]; counts: SeverityCounts; index?: PeopleIndex };

  /** The file has ended (or been edited): the cross-row rules report over the chunks, and the findings come sorted. */
  finish(reusePeople = false): ValidationResult {
    if (this.awaiting.length > 0) throw new Error('finish() while chunks await their cross-check');
    const guess = this.guess ?? detectDialect([], this.settings.dialect);
    const chunks = this.state.chunks;
    const people = chunks.reduce((n, c) => n + c.state.dataRows, 0);
    const result: ValidationResult = {
      orgData: false,
      dialect: guess.dialect,
      guess,
      findings: [],
      total: 0,
      counts: noCounts(),
      people,
      ruleFailures: this.failures,
    };
    // not org data: nothing to say (a file named on the command line is checked all the same)
    if (!this.options.force && (!this.started || !this.guess?.isOrgData)) return result;
    result.orgData = true;
    const out = new FindingCollector(this.settings, guess.dialect);
    if (!this.sawText) {
      out.reportRange(
        'empty-file',
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        'The file is empty: add a header row (for example Microsoft_PersonEmail) and one row per person.',
      );
    } else if (!this.stopped && !this.options.readOnly) {
      const fin: FinishContext = { out, state: this.state, columns: this.columns, settings: this.settings, dialect: guess.dialect };
      // the people verdicts (duplicates, hierarchy) cost most: kept when an edit left people unchanged
      if (!reusePeople || !this.lastPeople) {
        const peopleOut = new FindingCollector(this.settings, guess.dialect);
        let index: PeopleIndex | undefined;
        try {
          index = finishPeople({ ...fin, out: peopleOut });
        } catch (e) {
          this.fail('people', e);
        }
        try {
          finishEntra({ ...fin, out: peopleOut }, this.elsewhereMembers);
        } catch (e) {
          this.fail('entra', e);
        }
        this.lastPeople = { findings: peopleOut.findings, counts: peopleOut.counts, index };
      }
      const index = this.lastPeople.index;
      for (const r of RULES) {
        if (!r.finish) continue;
        try {
          r.finish(fin, index);
        } catch (e) {
          this.fail(r.name, e);
        }
      }
      out.findings.push(...this.lastPeople.findings);
      addCounts(out.counts, this.lastPeople.counts);
    }
    // the chunks' findings, moved to where their lines are now, and the file's own
    let all: Finding[] = [];
    const counts = addCounts(noCounts(), out.counts);
    for (const { state: chunk, lineBase } of chunks) {
      addCounts(counts, chunk.counts);
      const shift = lineBase - chunk.recordedLineBase;
      for (const f of chunk.findings) all.push(shift === 0 ? f : moved(f, shift));
    }
    all.push(...out.findings);
    // another tenant's export: one warning, not one a row
    const mismatch = this.sawText && !this.stopped && !this.options.readOnly ? tenantMismatch(guess.dialect, this.state) : undefined;
    if (mismatch) all = this.oneTenantWarning(all, counts, mismatch, guess.dialect);
    all = this.sayShared(all, counts);
    result.counts = counts;
    return sorted(result, all, this.settings);
  }
}

function moved(f: Finding, shift: number): Finding {
  const m: Finding = { ...f, range: shifted(f.range, shift) };
  if (f.related) m.related = f.related.map((r) => ({ ...r, range: shifted(r.range, shift) }));
  return m;
}

export function validate(text: string, settings: OrgDataSettings = DEFAULT_SETTINGS, options: ValidateOptions = {}): ValidationResult {
  return analyze(text, settings, options).result;
}

export function analyze(text: string, settings: OrgDataSettings = DEFAULT_SETTINGS, options: ValidateOptions = {}): Analysis {
  return analyzeTable(parseCsv(text, undefined, detectDelimiter(text)), settings, options);
}

export function analyzeTable(table: CsvTable, settings: OrgDataSettings, options: ValidateOptions = {}): Analysis {
  const v = new Validation(settings, options);
  const doc = v.chunk(table);
  const result = v.finish();
  return { result, doc: result.orgData && doc && doc.columns.length > 0 ? doc : undefined };
}

/**
 * The findings in file order, within the cap, and the note on what is not shown; result.counts set. The cap
 * ranks by severity: as many errors as fit, then warnings, information and hints, each in file order, so a
 * verdict on warnings is explained by warnings shown, not hidden behind a thousand earlier hints.
 */
function sorted(result: ValidationResult, findings: Finding[], settings: OrgDataSettings): ValidationResult {
  const cap = settings.maxProblems;
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  if (findings.length > cap) {
    const kept = keptOf(findings);
    let left = cap;
    const room = noCounts();
    for (const s of SEVERITIES) {
      room[s] = Math.min(left, kept[s]);
      left -= room[s];
    }
    findings = withinRoom(findings, room);
  }
  result.total = countAll(result.counts);
  const shown = keptOf(findings);
  // what the cap left out, by severity (with --quiet, what is not an error is left out on request, not by the cap)
  const hidden = mapKept((s) => (settings.onlyErrors && s !== 'error' ? 0 : result.counts[s] - shown[s]));
  const hiddenAll = countAll(hidden);
  if (hiddenAll > 0) {
    const parts = SEVERITIES.filter((s) => hidden[s] > 0).map((s) => `${hidden[s]} ${plural(s, hidden[s])}`);
    findings.unshift({
      code: 'too-many-problems',
      severity: 'information',
      message: `${hiddenAll} more ${hiddenAll === 1 ? 'problem is' : 'problems are'} not shown (${parts.join(', ')}; orgdata.maxProblems is ${cap}, the most severe are shown first): fix these first, or raise the setting.`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      data: { hidden: hiddenAll, shown: findings.length, hiddenErrors: hidden.error, hiddenBySeverity: hidden },
    });
  }
  result.findings = findings;
  return result;
}

function plural(s: keyof SeverityCounts, n: number): string {
  return s === 'information' || n === 1 ? s : `${s}s`;
}
