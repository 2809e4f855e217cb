import * as assert from 'node:assert/strict';
import { normalizeSettings, validate, type Finding } from '../server/src/engine';

export function check(csv: string, settings: Record<string, unknown> = {}, force = false): Finding[] {
  return validate(csv, normalizeSettings(settings), { force }).findings;
}

/** "code L:C-L:C" for each finding: what a user sees in the Problems panel, without the wording. */
export function brief(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);
}

export function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** Exactly one finding of `code`, at the given range; returns it for message checks. */
export function one(findings: Finding[], code: string, range: [number, number, number, number]): Finding {
  const hits = only(findings, code);
  assert.equal(hits.length, 1, `expected one ${code}, got: ${JSON.stringify(brief(findings))}`);
  const f = hits[0];
  assert.deepEqual([f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], range, `${code} range`);
  return f;
}

export function none(findings: Finding[], code?: string): void {
  const hits = code ? only(findings, code) : findings;
  assert.deepEqual(brief(hits), [], code ? `no ${code} expected` : 'no findings expected');
}

export const ODS = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization';
export const VIVA = 'PersonId,ManagerId,Organization,EffectiveDate';

/** Lines joined with LF, with a final newline. */
export function lines(...rows: string[]): string {
  return rows.join('\n') + '\n';
}
