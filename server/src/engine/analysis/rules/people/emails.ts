/**
 * The address cells of the people rules: a person's and a manager's (checked, and keyed by the hash of the
 * trimmed, lower-cased address), every other email column's (checked), assistants and dot-line managers
 * (kept for navigation), the addresses of rows with the wrong number of cells, and each row's snapshot.
 */
import { isDeleteMarker, isMarkerOrLookalike } from '../../../catalog/catalog';
import { CellFlag, cellValue, isEmptyCell, type CsvTable } from '../../../text/csv';
import { cellAt, columnOf, RowKind, type Column, type RuleContext } from '../../context';
import { addressMatches, emailProblem, isMailboxAt, parseDate } from '../../../catalog/formats';
import { ownCopy } from '../../../text/strings';
import { hash64 } from '../../../text/hash';

/** The one wording of invalid-email, for every column that holds addresses. */
export function invalidEmailMessage(name: string, problem: string): string {
  return `${name} must be an email address, but ${problem}: enter the full address, such as name@contoso.com.`;
}

/**
 * A row with the wrong number of cells is not checked (its cells would be misaligned), but it says who is
 * in it: every valid address it holds is kept, so that the people it manages are not told that their
 * manager has no row. One stray comma gives one finding, the column count, not one per report.
 */
export function noteMisaligned(ctx: RuleContext, row: number): void {
  const { table, chunk } = ctx;
  const first = table.rowFirstCell[row];
  const end = table.rowFirstCell[row + 1];
  for (let cell = first; cell < end; cell++) {
    const at = ctx.text.indexOf('@', table.cellStart[cell]);
    if (at < 0 || at >= table.cellEnd[cell]) continue;
    const value = cellValue(table, cell).trim();
    if (!emailProblem(value)) chunk.misalignedHash.push2(...hash64(value.toLowerCase()));
  }
}

/** The addresses of an assistant or dot-line manager cell, kept for the navigation (go to, references, rename). */
export function noteColleagues(ctx: RuleContext, col: Column, cell: number, personEntry: number, snapshot: number): void {
  const { table, chunk } = ctx;
  if (isEmptyCell(table, cell)) return;
  const value = cellValue(table, cell);
  if (isDeleteMarker(value.trim())) return;
  const flags = table.cellFlags[cell];
  // where the value's characters are in the text: after an opening quote, and as they are unless a doubled quote moved them
  const at = (flags & CellFlag.EscapedQuote) === 0 ? table.cellStart[cell] + (flags & CellFlag.Quoted ? 1 : 0) : -1;
  for (const { address, index } of addressMatches(value)) {
    // each address its own place, so that navigation acts on the one under the cursor, not the cell's first
    const range =
      at >= 0 ? ctx.out.rangeOf(at + index, at + index + address.length) : ctx.out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
    chunk.colleaguePerson.push(personEntry);
    chunk.colleagueNumber.push(ctx.state.emails.of(...hash64(address.toLowerCase())));
    chunk.colleagueSnapshot.push(snapshot);
    chunk.colleagueKind.push(col.attribute!.relation === 'assistant' ? 0 : 1);
    chunk.colleagueCell.push(range.start.line, range.start.character, range.end.character);
  }
}

/**
 * In a Viva Insights file with an EffectiveDate column, each row's snapshot number (the same date written
 * two ways is one snapshot); undefined elsewhere, where every row is one snapshot.
 */
export function snapshotReader(ctx: RuleContext): ((row: number) => number) | undefined {
  if (ctx.dialect !== 'viva') return undefined;
  const col = columnOf(ctx, (a) => a.snapshotKey === true);
  if (!col) return undefined;
  const { table } = ctx;
  const snapshots = ctx.state.snapshots;
  const format = ctx.settings.dateFormat;
  // a history file repeats a dozen dates: each text is read as a date once a chunk
  const known = new Map<string, number>();
  return (row) => {
    const text = cellValue(table, cellAt(ctx, row, col.index)).trim();
    let n = known.get(text);
    if (n === undefined) {
      const date = text.length > 0 ? parseDate(text, format) : '';
      n = snapshots.of(typeof date === 'number' ? date : undefined, ownCopy(text));
      if (known.size < 4096) known.set(ownCopy(text), n);
    }
    return n;
  };
}

/** Where isMailboxAt leaves a valid address's key hash. */
const keyHash = new Int32Array(2);

/** A valid address cell's key (trimmed, lower-cased), for an exact comparison where two hashes agree. */
export function addressOf(table: CsvTable, cell: number): string {
  return cellValue(table, cell).trim().toLowerCase();
}

/**
 * Checks a person or manager cell; for a valid address, the hash64 of its key (trimmed, lower-cased), which
 * the people index, duplicates and the Entra ID cross-check go by. The common case, a plain address with no
 * space around it, is read where it lies: two cells of every row made four strings each, and their tests
 * on those strings took a tenth of a 300,000-row check.
 */
export function checkEmailCell(ctx: RuleContext, col: Column, cell: number, isPerson: boolean): [number, number] | undefined {
  const { table, out, text } = ctx;
  const s = table.cellStart[cell];
  const e = table.cellEnd[cell];
  const f = table.cellFlags[cell];
  if ((f & (CellFlag.EscapedQuote | CellFlag.TextAfterQuote)) === 0) {
    const q = f & CellFlag.Quoted;
    const a = text.charCodeAt(s + q);
    const z = text.charCodeAt(e - q - 1);
    // (printable ASCII at both ends: nothing that trim() would take)
    if (e - q > s + q && a > 32 && a < 127 && z > 32 && z < 127 && isMailboxAt(text, s + q, e - q, keyHash))
      return [keyHash[0], keyHash[1]];
  }
  const name = col.name;
  if (isEmptyCell(table, cell)) {
    if (isPerson) {
      out.report('missing-person', s, e, `${name} is blank: every row needs the email of the person it describes, or the row is dropped.`, {
        attribute: name,
      });
    }
    return undefined;
  }
  const raw = cellValue(table, cell);
  // a deletion, or the lone quote Excel leaves of one (the Excel rules report that)
  if (!isPerson && (raw.trim() === "'" || isMarkerOrLookalike(raw))) return undefined;
  const value = raw.trim();
  if (value.length === 0) {
    out.report(
      isPerson ? 'missing-person' : 'invalid-email',
      s,
      e,
      `${name} holds only spaces: ${isPerson ? 'enter the email of the person this row describes' : "enter the manager's email, or leave the cell empty"}.`,
      { attribute: name },
    );
    return undefined;
  }
  if (value !== raw) {
    out.report('email-spaces', s, e, `${name} has spaces before or after the address: remove them.`, {
      attribute: name,
      data: { trimmed: value },
    });
  }
  const problem = emailProblem(value);
  if (problem) {
    out.report('invalid-email', s, e, invalidEmailMessage(name, problem), { attribute: name });
    return undefined;
  }
  return hash64(value.toLowerCase());
}

/**
 * Email columns other than the person's and the manager's (assistants, and any other of type email): each
 * filled cell must be an address. A deletion, Excel's lone quote and look-alikes of a deletion are said by
 * the Excel rules.
 */
export function checkOtherEmailColumns(ctx: RuleContext): void {
  const { table, out } = ctx;
  for (const col of ctx.columns) {
    const attr = col.attribute;
    if (!attr || attr.role || attr.type !== 'email') continue;
    const extras = { attribute: attr.name };
    for (let r = ctx.firstRow; r < table.rowCount; r++) {
      if (ctx.rowKind[r] !== RowKind.Data) continue;
      const cell = cellAt(ctx, r, col.index);
      if (isEmptyCell(table, cell)) continue;
      const value = cellValue(table, cell);
      if (value === "'" || isMarkerOrLookalike(value, attr.deleteNumber)) continue;
      const problem = emailProblem(value.trim());
      if (problem) out.report('invalid-email', table.cellStart[cell], table.cellEnd[cell], invalidEmailMessage(attr.name, problem), extras);
    }
  }
}
