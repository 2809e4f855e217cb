/** What a rule reports, and the collector that applies severity settings and the problem cap. */
import { defaultSeverity, type Code, type Severity } from '../catalog/codes';
import type { Dialect } from '../catalog/catalog';
import { fileLines, LineIndex, type Lines, type Range } from '../text/positions';
import type { OrgDataSettings } from '../catalog/settings';

export interface RelatedInformation {
  range: Range;
  message: string;
}

export interface Finding {
  code: Code;
  severity: Severity;
  message: string;
  range: Range;
  /** the attribute (header name) of the cell's column, when the finding is about a column or a cell */
  attribute?: string;
  /** machine-readable details for quick fixes, e.g. `{ candidates: [...] }` */
  data?: Record<string, unknown>;
  related?: RelatedInformation[];
}

/** How many findings of each severity were made, stored or not (the cap only limits what is kept). */
export type SeverityCounts = Record<Severity, number>;

export function noCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

/** How many findings the counts hold in all. */
export function countAll(c: SeverityCounts): number {
  return c.error + c.warning + c.information + c.hint;
}

/** a += b, severity by severity */
export function addCounts(a: SeverityCounts, b: SeverityCounts): SeverityCounts {
  a.error += b.error;
  a.warning += b.warning;
  a.information += b.information;
  a.hint += b.hint;
  return a;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * Findings kept, or room to keep them, in one budget per severity: each gets orgdata.maxProblems, and the
 * file shows the most severe first (see validate's sorted()): a warning after a thousand hints is shown,
 * not only counted, so a gate on warnings is always explained by what is shown.
 */
export type Kept = SeverityCounts;

export const noneKept = noCounts;

/** Room for `max` findings of each severity. */
export function roomFor(max: number): Kept {
  return { error: max, warning: max, information: max, hint: max };
}

export function keptOf(findings: readonly Finding[]): Kept {
  const kept = noCounts();
  for (const f of findings) kept[f.severity]++;
  return kept;
}

/** The findings that fit in `room`, in their order: each severity while there is room for it. */
export function withinRoom(findings: readonly Finding[], room: Kept): Finding[] {
  const left = { ...room };
  return findings.filter((f) => left[f.severity]-- > 0);
}

export function addKept(a: Kept, b: Kept): Kept {
  return addCounts({ ...a }, b);
}

/** What is left of `max` in each budget once `kept` are kept. */
export function roomLeft(max: number, kept: Kept): Kept {
  return mapKept((s) => Math.max(0, max - kept[s]));
}

export function mapKept(f: (s: Severity) => number): Kept {
  return { error: f('error'), warning: f('warning'), information: f('information'), hint: f('hint') };
}

export interface ReportExtras {
  attribute?: string;
  data?: Record<string, unknown>;
  /** offsets in the current chunk, or ranges kept from an earlier one */
  related?: ({ start: number; end: number; message: string } | RelatedInformation)[];
  /** a problem that a whole column may share (a currency style, a date family, …): see ProblemGroup */
  group?: GroupKey;
}

/** Which shared problem a cell finding is an instance of: its column (-1: the file) and a kind of the rule's. */
export interface GroupKey {
  column: number;
  kind: string;
  /** what the cells share, said of them all ("have a currency sign: remove it") */
  says: string;
}

/**
 * The cells of one code that share one problem, tallied past the cap: when most of a column has it, one
 * finding on the header says it and the cells become hints (validate's groupShared).
 */
export interface ProblemGroup extends GroupKey {
  /** groupId(code, key): how the chunks' tallies of one problem meet */
  id: string;
  code: Code;
  severity: Severity;
  count: number;
  /** the first cells, for the related information */
  ranges: Range[];
}

/** How many cells of a shared problem its finding lists. */
export const GROUP_RELATED = 5;

export function groupId(code: Code, g: { column: number; kind: string }): string {
  return `${code}\u0000${g.column}\u0000${g.kind}`;
}

/**
 * The group keys of one rule, made once per column and kind: a rule that reports on every row passes the
 * same object each time, which the collector tallies by identity (no string is made per finding).
 */
export class GroupKeys {
  private readonly keys = new Map<string, GroupKey>();
  constructor(private readonly column: number) {}
  of(kind: string, says: () => string): GroupKey {
    let key = this.keys.get(kind);
    if (!key) this.keys.set(kind, (key = { column: this.column, kind, says: says() }));
    return key;
  }
}

/** Control characters and line breaks (from a header name in a message) that must not reach a terminal or a log as such. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with each control character and line break written as an escape (\n, \u001b): a message is
 * one line, in a terminal, a CI log, a problem matcher or an editor.
 */
export function printable(text: string): string {
  return UNPRINTABLE.test(text)
    ? text.replace(UNPRINTABLE_ALL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

/**
 * Collects findings and stops storing at the cap (counting on). Rules report with offsets into the
 * current chunk, which become ranges of the whole file here; findings made when the file ends report
 * ranges they kept.
 */
export class FindingCollector {
  readonly findings: Finding[] = [];
  /** every finding counted by severity, stored or not: a verdict must not depend on the cap */
  readonly counts: SeverityCounts = noCounts();
  private lines: LineIndex;
  private lineBase = 0;
  /** how many of each severity are stored */
  private readonly stored: Kept = noCounts();

  constructor(
    private readonly settings: OrgDataSettings,
    private readonly dialect: Dialect,
    /** how many findings of each severity to store at most (the rest are only counted) */
    private readonly room: Kept = roomFor(settings.maxProblems),
  ) {
    this.lines = new LineIndex('');
  }

  /** The chunk rules now work on, and the file line its first line is. */
  setChunk(lines: LineIndex, lineBase: number): void {
    this.lines = lines;
    this.lineBase = lineBase;
  }

  /** Positions in the file for offsets of the current chunk, and back: what the editor features speak. */
  get lineIndex(): Lines {
    return fileLines(this.lines, this.lineBase);
  }

  /** The file line of an offset of the current chunk. */
  lineOf(offset: number): number {
    return this.lines.lineAt(offset) + this.lineBase;
  }

  /** The character of an offset of the current chunk on its line. */
  characterOf(offset: number): number {
    return offset - this.lines.lineStart(this.lines.lineAt(offset));
  }

  /** The file range of offsets of the current chunk. */
  rangeOf(start: number, end: number): Range {
    const r = this.lines.range(start, end);
    if (this.lineBase !== 0) {
      r.start.line += this.lineBase;
      r.end.line += this.lineBase;
    }
    return r;
  }

  /** The severity a code has under the current settings, or undefined when it is turned off. */
  severityOf(code: Code): Severity | undefined {
    const set = this.settings.severity[code];
    if (set === 'off') return undefined;
    return set ?? defaultSeverity(code, this.dialect);
  }

  /** Whether reporting `code` would store anything: lets a rule skip work for a code that is off. */
  wants(code: Code): boolean {
    return this.severityOf(code) !== undefined;
  }

  /** the shared problems of this chunk, by their key object (see GroupKeys) and code */
  private readonly tallies = new Map<GroupKey, ProblemGroup[]>();

  /** The shared problems of this chunk, by groupId. */
  get groups(): Map<string, ProblemGroup> {
    const out = new Map<string, ProblemGroup>();
    for (const list of this.tallies.values()) for (const g of list) out.set(g.id, g);
    return out;
  }

  report(code: Code, start: number, end: number, message: string, extras?: ReportExtras): void {
    if (extras?.group) {
      const g = this.tally(code, extras.group, start, end);
      if (!g || !this.count(code)) return;
      extras = { ...extras, data: { ...extras.data, group: g.id } };
    } else if (!this.count(code)) return;
    this.store(
      code,
      this.rangeOf(start, end),
      message,
      extras,
      extras?.related?.map((r) => ('range' in r ? r : { range: this.rangeOf(r.start, r.end), message: r.message })),
    );
  }

  /** Counts a cell of a shared problem (undefined: the code is off). */
  private tally(code: Code, key: GroupKey, start: number, end: number): ProblemGroup | undefined {
    let list = this.tallies.get(key);
    let g: ProblemGroup | undefined;
    if (list) for (let i = 0; i < list.length && !g; i++) if (list[i].code === code) g = list[i];
    if (!g) {
      const severity = this.severityOf(code);
      if (severity === undefined) return undefined;
      g = { id: groupId(code, key), code, severity, column: key.column, kind: key.kind, says: key.says, count: 0, ranges: [] };
      if (list) list.push(g);
      else this.tallies.set(key, (list = [g]));
    }
    g.count++;
    if (g.ranges.length < GROUP_RELATED) g.ranges.push(this.rangeOf(start, end));
    return g;
  }

  /** For findings made after their chunk is gone: ranges instead of offsets. */
  reportRange(code: Code, range: Range, message: string, extras?: Omit<ReportExtras, 'related'>, related?: RelatedInformation[]): void {
    if (!this.count(code)) return;
    this.store(code, range, message, extras, related);
  }

  /** each code's severity under the settings (null: off), looked up once: a rule may report millions */
  private readonly severities = new Map<Code, Severity | null>();

  private count(code: Code): boolean {
    let severity = this.severities.get(code);
    if (severity === undefined) this.severities.set(code, (severity = this.severityOf(code) ?? null));
    if (severity === null) return false;
    this.counts[severity]++;
    // (--quiet: every finding is counted, for --max-warnings, and only errors are kept to be shown)
    if (severity !== 'error' && this.settings.onlyErrors) return false;
    return this.stored[severity] < this.room[severity];
  }

  private store(
    code: Code,
    range: Range,
    message: string,
    extras: Omit<ReportExtras, 'related'> | undefined,
    related: RelatedInformation[] | undefined,
  ): void {
    const f: Finding = { code, severity: this.severityOf(code)!, message: printable(message), range };
    this.stored[f.severity]++;
    if (extras?.attribute !== undefined) f.attribute = extras.attribute;
    if (extras?.data) f.data = extras.data;
    if (related?.length) f.related = related;
    this.findings.push(f);
  }
}
