/** File-level information: what the Copilot dashboard and the upload page will say about the whole file. */
import { COPILOT_COVERAGE, isDeleteMarker, LOCAL_UPLOAD_LIMIT_BYTES } from '../catalog';
import { cellValue, isEmptyCell } from '../csv';
import { atHeader, cellAt, columnOf, RowKind, type RuleContext } from '../context';
import { utf8Length } from './structure';

export function checkCoverage(ctx: RuleContext): void {
  const { table, out } = ctx;
  if (ctx.dataRowCount > 0 && out.wants('coverage-low')) {
    const manager = columnOf(ctx, (a) => a.role === 'manager');
    const org = columnOf(ctx, (a) => a.counterpart === 'Organization' || a.name === 'Organization');
    for (const col of [manager, org]) {
      if (!col) continue;
      let filled = 0;
      for (let r = 1; r < table.rowCount; r++) {
        if (ctx.rowKind[r] !== RowKind.Data) continue;
        const cell = cellAt(ctx, r, col.index);
        if (isEmptyCell(table, cell)) continue;
        // only a short cell can be a deletion marker: no string is made for the others
        if (table.cellEnd[cell] - table.cellStart[cell] <= 5 && isDeleteMarker(cellValue(table, cell))) continue;
        filled++;
      }
      // the top leader has no manager by design: one blank manager cell is not a gap (our decision)
      if (col === manager && filled < ctx.dataRowCount) filled++;
      const share = filled / ctx.dataRowCount;
      if (share < COPILOT_COVERAGE) {
        const [s, e, extras] = atHeader(col);
        const pct = Math.floor(share * 1000) / 10;
        out.report('coverage-low', s, e,
          `${col.name} is filled in for ${pct}% of people (${filled} of ${ctx.dataRowCount}); the Copilot dashboard rejects an upload below 95%: fill in the blanks.`,
          { ...extras, data: { filled, rows: ctx.dataRowCount } });
      }
    }
  }
  // cheap bound first: a UTF-16 unit is at most 3 bytes of UTF-8
  if (table.text.length * 3 > LOCAL_UPLOAD_LIMIT_BYTES && out.wants('file-too-large')) {
    const bytes = utf8Length(table.text, 0, table.text.length);
    if (bytes > LOCAL_UPLOAD_LIMIT_BYTES) {
      out.report('file-too-large', table.rowStart[0], table.rowEnd[0],
        `This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the upload page takes at most 25 MB from your computer: upload it through SharePoint (up to 5 GB).`,
        { data: { bytes } });
    }
  }
}
