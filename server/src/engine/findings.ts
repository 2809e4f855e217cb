/** What a rule reports, and the collector that applies severity settings and the problem cap. */
import { defaultSeverity, type Code, type Severity } from './codes';
import type { Dialect } from './catalog';
import { LineIndex, type Range } from './positions';
import type { OrgDataSettings } from './settings';

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

export interface ReportExtras {
  attribute?: string;
  data?: Record<string, unknown>;
  related?: { start: number; end: number; message: string }[];
}

/** Collects findings with offsets, turning them into ranges once, and stops storing at the cap. */
export class FindingCollector {
  readonly findings: Finding[] = [];
  /** every finding counted, stored or not */
  total = 0;
  private readonly lines: LineIndex;

  constructor(
    text: string,
    private readonly settings: OrgDataSettings,
    private readonly dialect: Dialect,
  ) {
    this.lines = new LineIndex(text);
  }

  get lineIndex(): LineIndex {
    return this.lines;
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

  report(code: Code, start: number, end: number, message: string, extras?: ReportExtras): void {
    const severity = this.severityOf(code);
    if (severity === undefined) return;
    this.total++;
    if (this.findings.length >= this.settings.maxProblems) return;
    const f: Finding = { code, severity, message, range: this.lines.range(start, end) };
    if (extras?.attribute !== undefined) f.attribute = extras.attribute;
    if (extras?.data) f.data = extras.data;
    if (extras?.related?.length) {
      f.related = extras.related.map((r) => ({ range: this.lines.range(r.start, r.end), message: r.message }));
    }
    this.findings.push(f);
  }
}
