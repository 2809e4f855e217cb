/** Which dialect a header speaks, and whether a CSV is org data at all (so other CSVs get no findings). */
import { ATTRIBUTES, hasOdsPrefix, type Dialect } from './catalog';

const vivaNamesLower = new Set(ATTRIBUTES.filter((a) => a.dialect === 'viva').map((a) => a.name.toLowerCase()));
/**
 * The Viva Insights names no HR system uses for anything else: only they count for the dialect. Everyday
 * column names (Organization, Location, HireDate, Layer, CountryOrRegion, HourlyRate, …) prove nothing.
 */
export const VIVA_MARKERS: readonly string[] = [
  'PersonId',
  'ManagerId',
  'EffectiveDate',
  'FunctionType',
  'LevelDesignation',
  'SupervisorIndicator',
  'WeeklyBadgeOnsiteDays',
];
const vivaMarkersLower = new Set(VIVA_MARKERS.map((n) => n.toLowerCase()));
/** Names that alone make a CSV org data at all (a CSV with only EffectiveDate is not). */
const orgDataMarkersLower = new Set(['personid', 'managerid']);

export interface DialectGuess {
  dialect: Dialect;
  /** header cells that mark ODS (Microsoft_ prefix) and Viva Insights (VIVA_MARKERS) */
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

/**
 * The dialect counts unmistakable markers only: Microsoft_ headers for ODS, VIVA_MARKERS for Viva
 * Insights, the larger count winning (a tie is ODS, the current uploader). So Microsoft_PersonEmail with
 * Location and HireDate is ODS, and PersonId, ManagerId, EffectiveDate with one stray Microsoft_JobTitle
 * is Viva Insights, whose stray column is then the finding.
 */
export function detectDialect(headerNames: readonly string[], override: 'auto' | Dialect = 'auto'): DialectGuess {
  let odsCount = 0;
  let vivaCount = 0;
  let marker = false;
  for (const raw of headerNames) {
    const name = raw.trim();
    const lower = name.toLowerCase();
    if (hasOdsPrefix(name)) {
      odsCount++;
      marker = true;
    } else if (vivaMarkersLower.has(lower)) {
      vivaCount++;
      if (orgDataMarkersLower.has(lower)) marker = true;
    }
  }
  const dialect: Dialect = override !== 'auto' ? override : vivaCount > odsCount ? 'viva' : 'ods';
  return { dialect, odsCount, vivaCount, isOrgData: marker };
}

/**
 * A cheap look at the first line only, for deciding whether to validate a document at all.
 * A header that is one column with semicolons or tabs still counts: that is a finding, not another file.
 */
export function looksLikeOrgData(text: string, mapping: Readonly<Record<string, string>> = {}): boolean {
  let end = text.length;
  const lf = text.indexOf('\n');
  if (lf >= 0) end = lf;
  const cr = text.indexOf('\r');
  if (cr >= 0 && cr < end) end = cr;
  const first = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, Math.min(end, 64 * 1024));
  const names = first.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"|"$/g, '').trim());
  for (const name of names) if (hasOdsPrefix(name) || orgDataMarkersLower.has(name.toLowerCase())) return true;
  // an HR export whose columns orgdata.columns maps is org data too
  return mappedNames(names, mapping) !== undefined;
}

/**
 * A column mapping's target for each header name (undefined: not mapped), or undefined when the mapping
 * does not apply: it is empty, or the header holds none of its names (the file is the upload itself). A
 * name matches as written, or else without regard to case.
 */
export function mappedNames(names: readonly string[], mapping: Readonly<Record<string, string>>): (string | undefined)[] | undefined {
  const keys = Object.keys(mapping);
  if (keys.length === 0) return undefined;
  const lower = new Map(keys.map((k) => [k.toLowerCase(), mapping[k]]));
  const mapped = names.map((n) => mapping[n.trim()] ?? lower.get(n.trim().toLowerCase()));
  return mapped.some((m) => m !== undefined) ? mapped : undefined;
}
