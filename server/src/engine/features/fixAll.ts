/**
 * Fix all: the safe fixes of a whole document at once, for `orgdata-lint --fix` and `--diff` and the
 * editor's source.fixAll.orgdata. Each edit is the one the finding's quick fix makes (safeFixFor), so the
 * command line, the editor's light bulb and fix on save never disagree.
 */
import type { RuleContext } from '../analysis/context';
import { analyze, type ValidateOptions } from '../analysis/validate';
import type { Finding } from '../analysis/findings';
import type { OrgDataSettings } from '../catalog/settings';
import type { Delimiter } from '../text/csv';
import { safeFixFor } from './codeActions';
import { LineIndex } from '../text/positions';
import { applyEdits, convertDelimiter, type TextEdit } from './edits';

/** Passes of --fix: a fix can bring another to light (a header renamed, then its column's values checked), as in ESLint. */
const MAX_PASSES = 10;
/** Findings a pass may fix: every one, not orgdata.maxProblems of them. */
const ALL = 1 << 30;

export interface SafeEdits {
  /** non-overlapping edits, in document order */
  edits: TextEdit[];
  /** the findings they fix */
  fixed: number;
  /** a semicolon or tab file: converted to commas once the edits are made */
  convert?: Delimiter;
}

/**
 * The safe fixes of a document's findings. Where two would touch the same text, the first is kept and the
 * other waits for the next pass (identical edits, from two findings about one cell, count once).
 */
export function safeEditsOf(doc: RuleContext, findings: readonly Finding[]): SafeEdits {
  const lines = doc.out.lineIndex;
  const spans: { start: number; end: number; edit: TextEdit }[] = [];
  let convert: Delimiter | undefined;
  let fixed = 0;
  for (const f of findings) {
    const action = safeFixFor(doc, f);
    if (!action) continue;
    if (action.lazy?.kind === 'convertDelimiter') {
      convert = action.lazy.delimiter as Delimiter;
      fixed++;
      continue;
    }
    for (const edit of action.edits ?? [])
      spans.push({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), edit });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const edits: TextEdit[] = [];
  let end = -1;
  let last: (typeof spans)[number] | undefined;
  for (const s of spans) {
    if (last && s.start === last.start && s.end === last.end && s.edit.newText === last.edit.newText) continue;
    // touching is fine (two blank lines in a row); overlapping waits for the next pass
    if (s.start < end || (s.start === end && s.start === s.end && last?.start === last?.end)) continue;
    edits.push(s.edit);
    end = s.end;
    last = s;
    fixed++;
  }
  return { edits, fixed, convert };
}

/** The document with its safe fixes made, as one text: what "fix all" gives in one go. */
export function fixedText(doc: RuleContext, plan: SafeEdits): string {
  const text = applyEdits(doc.text, doc.out.lineIndex, plan.edits);
  return plan.convert ? convertDelimiter(text, plan.convert) : text;
}

/** The kind of the editor's fix all action, for editor.codeActionsOnSave and Source Action…. */
export const FIX_ALL_KIND = 'source.fixAll.orgdata';

/**
 * The editor's fix all of a document's text: exactly what `orgdata-lint --fix` makes of it (every finding,
 * pass after pass), as one edit of the part that changes (the text before and after it stays untouched,
 * and with it the editor's markers and cursor there).
 */
export function fixAllOf(text: string, settings: OrgDataSettings, options: ValidateOptions = {}): { edits: TextEdit[]; fixed: number } {
  const result = fixText(text, settings, options);
  if (result.fixed === 0 || result.text === text) return { edits: [], fixed: 0 };
  const after = result.text;
  let start = 0;
  while (start < text.length && start < after.length && text.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < text.length - start &&
    end < after.length - start &&
    text.charCodeAt(text.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  // (a pair of a CR and an LF is never split between the kept text and the edit)
  if (start > 0 && text[start - 1] === '\r' && text[start] === '\n') start--;
  const lines = new LineIndex(text);
  return {
    edits: [{ range: lines.range(start, text.length - end), newText: after.slice(start, after.length - end) }],
    fixed: result.fixed,
  };
}

export interface FixResult {
  text: string;
  /** findings fixed, over all passes */
  fixed: number;
  /** the findings left, from a last check of the fixed text */
  remaining: Finding[];
}

/** `orgdata-lint --fix` on one text: pass after pass until nothing safe is left to fix (at most MAX_PASSES). */
export function fixText(text: string, settings: OrgDataSettings, options: ValidateOptions = {}): FixResult {
  const all = { ...settings, maxProblems: ALL, onlyErrors: false };
  let fixed = 0;
  for (let pass = 0; ; pass++) {
    const { result, doc } = analyze(text, all, options);
    const plan = doc && pass < MAX_PASSES ? safeEditsOf(doc, result.findings) : undefined;
    if (!doc || !plan || plan.fixed === 0) return { text, fixed, remaining: result.findings };
    text = fixedText(doc, plan);
    fixed += plan.fixed;
  }
}
