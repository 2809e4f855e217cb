/** File-level information: what the Copilot dashboard and the upload page will say about the whole file. */
import { COPILOT_COVERAGE, isDeleteMarker, LOCAL_UPLOAD_LIMIT_BYTES } from '../catalog';
import { cellValue, isEmptyCell } from '../csv';
import { cellAt, RowKind, type Column, type RuleContext } from '../context';
import type { FinishContext } from '../finish';

/** The manager and organization columns, whose coverage the Copilot dashboard checks. */
function coverageColumns(columns: readonly Column[]): Column[] {
  return columns.filter((c) => c.attribute && (c.attribute.role === 'manager' || c.attribute.counterpart === 'Organization' || c.attribute.name === 'Organization'));
}

/** Per chunk: count the filled cells. */
export function checkCoverage(ctx: RuleContext): void {
  const { table, out } = ctx;
  if (!out.wants('coverage-low')) return;
  for (const col of coverageColumns(ctx.columns)) {
    let filled = 0;
    for (let r = ctx.firstRow; r < table.rowCount; r++) {
      if (ctx.rowKind[r] !== RowKind.Data) continue;
      const cell = cellAt(ctx, r, col.index);
      if (isEmptyCell(table, cell)) continue;
      // only a short cell can be a deletion marker: no string is made for the others
      if (table.cellEnd[cell] - table.cellStart[cell] <= 5 && isDeleteMarker(cellValue(table, cell))) continue;
      filled++;
    }
    ctx.chunk.filled.set(col.index, filled);
  }
}

export function finishCoverage(fin: FinishContext): void {
  const { out, state } = fin;
  const rows = state.chunks.reduce((n, c) => n + c.state.dataRows, 0);
  if (rows > 0 && out.wants('coverage-low')) {
    for (const col of coverageColumns(fin.columns)) {
      let filled = state.chunks.reduce((n, c) => n + (c.state.filled.get(col.index) ?? 0), 0);
      // the top leader has no manager by design: one blank manager cell is not a gap (our decision)
      if (col.attribute?.role === 'manager' && filled < rows) filled++;
      const share = filled / rows;
      if (share >= COPILOT_COVERAGE) continue;
      const pct = Math.floor(share * 1000) / 10;
      out.reportRange('coverage-low', state.columnRanges[col.index],
        `${col.name} is filled in for ${pct}% of people (${filled} of ${rows}); the Copilot dashboard rejects an upload below 95%: fill in the blanks.`,
        { attribute: col.name, data: { filled, rows } });
    }
  }
  const bytes = state.fileBytes;
  if (bytes !== undefined && bytes > LOCAL_UPLOAD_LIMIT_BYTES) {
    out.reportRange('file-too-large', state.headerRange,
      `This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the upload page takes at most 25 MB from your computer: upload it through SharePoint (up to 5 GB).`,
      { data: { bytes } });
  }
}
