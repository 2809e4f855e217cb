/** Hover: what a header cell's attribute is, and what a data cell means for the person of its row. */
import { attributeMarkdown, customAttributeMarkdown } from './attributeDocs';
import { isDeleteMarker } from './catalog';
import { cellAtOffset, cellValue, isEmptyCell } from './csv';
import { cellAt, columnOf, RowKind, type RuleContext } from './context';
import type { Position, Range } from './positions';
import { provenanceMarkdown } from './codes';
import type { Finding } from './findings';

export interface HoverResult {
  markdown: string;
  range: Range;
}

/**
 * The hover at a position. `findings`: those of the document on this cell, whose provenance (documented,
 * with the page, or orgdata's decision and why) the hover adds.
 */
export function hoverAt(doc: RuleContext, pos: Position, findings: readonly Finding[] = []): HoverResult | undefined {
  const h = cellHover(doc, pos);
  if (!h) return undefined;
  const codes = [...new Set(findings.filter((f) => contains(f.range, h.range)).map((f) => f.code))];
  if (codes.length === 0) return h;
  return { markdown: `${h.markdown}\n\n---\n\n${codes.map((c) => `- ${provenanceMarkdown(c)}`).join('\n')}`, range: h.range };
}

/** Whether a finding's range lies on the cell (a header finding over the whole header line counts for each cell). */
function contains(r: Range, cell: Range): boolean {
  const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, cell.start) ? before(cell.end, r.end) : before(r.start, cell.end);
}

function cellHover(doc: RuleContext, pos: Position): HoverResult | undefined {
  const lines = doc.out.lineIndex;
  const at = cellAtOffset(doc.table, lines.offsetAt(pos));
  if (!at) return undefined;
  const range = lines.range(doc.table.cellStart[at.cell], doc.table.cellEnd[at.cell]);
  const col = doc.columns[at.col];
  if (at.row < doc.firstRow) {
    if (!col || col.name.trim() === '') return undefined;
    if (col.attribute) return { markdown: attributeMarkdown(col.attribute), range };
    const declared = doc.settings.customAttributes.some((c) => c.toLowerCase() === col.name.trim().toLowerCase());
    return { markdown: customAttributeMarkdown(col.name.trim(), doc.dialect, declared), range };
  }
  if (!col || doc.rowKind[at.row] !== RowKind.Data) return undefined;
  const parts: string[] = [];
  const person = columnOf(doc, (a) => a.role === 'person');
  const who = person && person !== col ? cellValue(doc.table, cellAt(doc, at.row, person.index)).trim() : '';
  parts.push(`**${col.name.trim()}**${who ? ` of \`${who}\`` : ''} · line ${pos.line + 1}`);
  const meaning = cellMeaning(doc, at.cell, col.attribute?.deleteNumber, col.attribute?.role === 'person');
  if (meaning) parts.push('', meaning);
  return { markdown: parts.join('\n'), range };
}

function cellMeaning(doc: RuleContext, cell: number, deleteNumber: number | undefined, isPerson: boolean): string | undefined {
  if (isPerson) return 'Identifies the person this row describes.';
  if (isEmptyCell(doc.table, cell)) return 'Blank: the value already stored for this person stays as it is. To delete it, write `\'\'`.';
  const v = cellValue(doc.table, cell).trim();
  if (isDeleteMarker(v)) return `\`${v}\` deletes the stored value when the file is uploaded${v === "'''" ? ' (`\'\'\'` is how Excel saves `\'\'`)' : ''}.`;
  if (deleteNumber !== undefined && v === String(deleteNumber)) return `\`${v}\` deletes the stored value when the file is uploaded.`;
  return undefined;
}
