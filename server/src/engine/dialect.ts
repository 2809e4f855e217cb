/** Which dialect a header speaks, and whether a CSV is org data at all (so other CSVs get no findings). */
import { ATTRIBUTES, hasOdsPrefix, type Dialect } from './catalog';

const vivaNamesLower = new Set(ATTRIBUTES.filter((a) => a.dialect === 'viva').map((a) => a.name.toLowerCase()));
/** Names that alone make a CSV a Viva Insights file: common words such as Organization or Location do not. */
const vivaMarkersLower = new Set(['personid', 'managerid']);

export interface DialectGuess {
  dialect: Dialect;
  /** header cells that belong to ODS (Microsoft_ prefix) and to Viva Insights (its field names) */
  odsCount: number;
  vivaCount: number;
  /** the header names an attribute of either dialect */
  isOrgData: boolean;
}

export function belongsToOds(name: string): boolean {
  return hasOdsPrefix(name.trim());
}

export function belongsToViva(name: string): boolean {
  return vivaNamesLower.has(name.trim().toLowerCase());
}

export function detectDialect(headerNames: readonly string[], override: 'auto' | Dialect = 'auto'): DialectGuess {
  let odsCount = 0;
  let vivaCount = 0;
  let marker = false;
  for (const raw of headerNames) {
    const name = raw.trim();
    if (hasOdsPrefix(name)) {
      odsCount++;
      marker = true;
    } else if (vivaNamesLower.has(name.toLowerCase())) {
      vivaCount++;
      if (vivaMarkersLower.has(name.toLowerCase())) marker = true;
    }
  }
  const dialect: Dialect = override !== 'auto' ? override : vivaCount > odsCount ? 'viva' : 'ods';
  return { dialect, odsCount, vivaCount, isOrgData: marker };
}

/**
 * A cheap look at the first line only, for deciding whether to validate a document at all.
 * A header that is one column with semicolons or tabs still counts: that is a finding, not another file.
 */
export function looksLikeOrgData(text: string): boolean {
  let end = text.length;
  const lf = text.indexOf('\n');
  if (lf >= 0) end = lf;
  const cr = text.indexOf('\r');
  if (cr >= 0 && cr < end) end = cr;
  const first = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, Math.min(end, 64 * 1024));
  for (const cell of first.split(/[,;\t]/)) {
    const name = cell.trim().replace(/^"|"$/g, '').trim();
    if (hasOdsPrefix(name) || vivaMarkersLower.has(name.toLowerCase())) return true;
  }
  return false;
}
