/** Completion: attribute names in the header row, allowed values in an enumeration column. */
import { attributeMarkdown, typeLabel } from './attributeDocs';
import { attributesOf } from '../catalog/catalog';
import { cellAtOffset } from '../text/csv';
import type { RuleContext } from '../analysis/context';
import type { Position, Range } from '../text/positions';

export interface CompletionEntry {
  label: string;
  detail: string;
  documentation: string;
  /** the cell the completion replaces */
  range: Range;
  kind: 'attribute' | 'value';
  sortText: string;
}

export function completionsAt(doc: RuleContext, pos: Position): CompletionEntry[] {
  const lines = doc.out.lineIndex;
  const offset = lines.offsetAt(pos);
  const at = cellAtOffset(doc.table, offset);
  if (!at) return [];
  const range = lines.range(doc.table.cellStart[at.cell], doc.table.cellEnd[at.cell]);
  // a completion edits one line (LSP): a cell with a line break in it is no name or value to complete
  if (range.start.line !== range.end.line) return [];
  if (at.row < doc.firstRow) {
    const present = new Set(doc.columns.filter((c, i) => i !== at.col).map((c) => c.name.trim().toLowerCase()));
    return attributesOf(doc.dialect)
      .filter((a) => !present.has(a.name.toLowerCase()))
      .map((a, i) => ({
        label: a.name,
        detail: typeLabel(a),
        documentation: attributeMarkdown(a),
        range,
        kind: 'attribute' as const,
        // required attributes first, then the catalog's order
        sortText: `${a.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      }));
  }
  const attr = doc.columns[at.col]?.attribute;
  if (!attr?.enumValues) return [];
  return attr.enumValues.map((v, i) => ({
    label: v,
    detail: attr.name,
    documentation: attr.description,
    range,
    kind: 'value' as const,
    sortText: String(i).padStart(3, '0'),
  }));
}
