/**
 * The upload file made from an HR export (orgdata-lint convert, "Create Upload File"): the safe fixes
 * made (fixText), then the columns orgdata.columns maps, under their mapped names, in the export's order;
 * the others left out. Values are written with RFC 4180's quoting (in quotes when they hold a comma, a
 * quote or a line break); each row keeps its own line break, so a finding stays on the same line.
 */
import { readColumns } from '../analysis/context';
import type { ValidateOptions } from '../analysis/validate';
import type { OrgDataSettings } from '../catalog/settings';
import { cellValue, detectDelimiter, parseCsv, rowCellCount } from '../text/csv';
import { convertDelimiter } from './edits';
import { fixText } from './fixAll';

export interface Converted {
  text: string;
  /** findings the safe fixes repaired */
  fixed: number;
  /** the export's columns left out, by name */
  dropped: string[];
  /** whether orgdata.columns applied to the header (when not, the file is taken as an upload already) */
  mapped: boolean;
}

/** A value as RFC 4180 writes it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function convertExport(text: string, settings: OrgDataSettings, options: ValidateOptions = {}): Converted {
  const fixed = fixText(text, settings, options);
  // commas whatever the settings (wrong-delimiter turned off leaves the fixes a semicolon file)
  const delimiter = detectDelimiter(fixed.text);
  if (delimiter !== ',') fixed.text = convertDelimiter(fixed.text, delimiter);
  const t = parseCsv(fixed.text);
  const columns = readColumns(t, settings.columns);
  const kept = columns.filter((c) => !c.excluded);
  if (kept.length === columns.length && !columns.some((c) => c.mappedFrom !== undefined))
    return { text: fixed.text, fixed: fixed.fixed, dropped: [], mapped: false };
  const parts: string[] = [];
  if (t.text.charCodeAt(0) === 0xfeff) parts.push('\uFEFF');
  for (let r = 0; r < t.rowCount; r++) {
    const first = t.rowFirstCell[r];
    const count = rowCellCount(t, r);
    if (r === 0) parts.push(kept.map((c) => csvField(c.name)).join(','));
    else if (count === 1 && first < t.cellEnd.length && t.cellStart[first] === t.cellEnd[first]) parts.push('');
    else parts.push(kept.map((c) => (c.index < count ? csvField(cellValue(t, first + c.index)) : '')).join(','));
    // the row's own line break (none after the last row when the file has none)
    parts.push(r + 1 < t.rowCount ? t.text.slice(t.rowEnd[r], t.rowStart[r + 1]) : t.text.slice(t.rowEnd[r]));
  }
  return { text: parts.join(''), fixed: fixed.fixed, dropped: columns.filter((c) => c.excluded).map((c) => c.name.trim()), mapped: true };
}
