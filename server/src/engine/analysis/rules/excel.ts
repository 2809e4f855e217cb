/**
 * What Excel does to a file, which the uploader takes without complaint and stores wrong: a lone ' where
 * '' was typed (Excel eats one quote), '' in Microsoft_Layer (a Layer is deleted with -1), ''' written into
 * the file, skills separated by semicolons, and UTF-8 that was read as Windows-1252 and saved again
 * ("MÃ¼ller"). Each finding carries the repaired value in `data.replacement` for its quick fix.
 */
import { cellAtOffset, cellValue } from '../../text/csv';
import { RowKind, type Column, type RuleContext } from '../context';
import { deleteMarkerLookalike } from '../../catalog/catalog';
import { GroupKeys } from '../findings';
import { repairMojibake, MOJIBAKE_START } from '../../text/mojibake';
import { isAsciiText } from '../../text/strings';
import { HASH_MUL1, HASH_MUL2, HASH_SEED1, HASH_SEED2, hashFinishedInto } from '../../text/hash';
import type { RuleModule } from '../ruleModule';

export function checkExcelTraps(ctx: RuleContext): void {
  // most files are plain ASCII: Node says so eight times faster than a search finds nothing, once for both searches
  const ascii = isAsciiText(ctx.text);
  if (ctx.dialect === 'ods') {
    checkQuotes(ctx);
    if (!ascii) checkLookalikes(ctx);
    checkSkills(ctx);
    checkOfficeLocation(ctx);
  }
  if (!ascii) checkMojibake(ctx);
}

/** The characters a look-alike of '' or -1 starts with (none is ASCII: a plain ASCII chunk has none). */
const LOOKALIKE_START = /[\u2018\u2019\u201a\u201b\u2032\u00b4\uff07\u201c\u201d\u201e\u201f\u2033\uff02\u2010-\u2015\u2212\ufe63\uff0d]/g;

/** '' typed with typographic quotes, -1 with another dash: uploaded as text, not as a deletion. */
function checkLookalikes(ctx: RuleContext): void {
  if (!ctx.out.wants('delete-marker-lookalike')) return;
  const { table, out, text } = ctx;
  const re = new RegExp(LOOKALIKE_START.source, 'g');
  re.lastIndex = table.rowStart[ctx.firstRow] ?? text.length;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const found = dataCellAt(ctx, m.index);
    if (!found) continue;
    const { cell, col } = found;
    re.lastIndex = Math.max(re.lastIndex, table.cellEnd[cell]);
    const v = cellValue(table, cell).trim();
    const meant = deleteMarkerLookalike(v, col.attribute?.deleteNumber);
    if (meant === undefined) continue;
    const name = col.name.trim();
    out.report(
      'delete-marker-lookalike',
      table.cellStart[cell],
      table.cellEnd[cell],
      `${name} holds ${v}, which looks like the deletion marker ${meant} but is other characters (typed through a word processor?): it uploads as text. Write ${meant} to delete the stored value.`,
      { attribute: name, data: { replacement: meant } },
    );
  }
}

/** Columns whose values are imported: attributes and custom attributes (not the person's own email). */
function imported(col: Column | undefined): boolean {
  return col !== undefined && (col.attribute !== undefined || col.custom === true);
}

/** The data cell at a chunk offset, if it is in an imported column of a data row. */
function dataCellAt(ctx: RuleContext, offset: number): { cell: number; col: Column } | undefined {
  const at = cellAtOffset(ctx.table, offset);
  if (!at || at.row < ctx.firstRow || ctx.rowKind[at.row] !== RowKind.Data) return undefined;
  const col = ctx.columns[at.col];
  return imported(col) ? { cell: at.cell, col } : undefined;
}

/** Each imported data cell of the chunk that holds `ch`, once: found by that character in the text, which is rare. */
function cellsHolding(ctx: RuleContext, ch: string, visit: (cell: number, col: Column) => void): void {
  const { table, text } = ctx;
  const end = table.rowCount > 0 ? table.rowEnd[table.rowCount - 1] : 0;
  for (let i = text.indexOf(ch, table.rowStart[ctx.firstRow] ?? end); i >= 0 && i < end; i = text.indexOf(ch, i + 1)) {
    const found = dataCellAt(ctx, i);
    if (!found) continue;
    i = Math.max(i, table.cellEnd[found.cell]);
    visit(found.cell, found.col);
  }
}

/** Cells holding only quotes. */
function checkQuotes(ctx: RuleContext): void {
  const { table, out } = ctx;
  cellsHolding(ctx, "'", (cell, col) => {
    const s = table.cellStart[cell];
    const e = table.cellEnd[cell];
    // a quoted "'''" is the longest: 5 characters
    if (e - s > 5) return;
    const v = cellValue(table, cell).trim();
    const name = col.name.trim();
    if (col.attribute?.deleteNumber !== undefined && (v === "''" || v === "'''")) {
      out.report(
        'layer-delete-marker',
        s,
        e,
        `${name} is deleted with ${col.attribute.deleteNumber}, not with ${v}: write ${col.attribute.deleteNumber}.`,
        { attribute: name, data: { replacement: String(col.attribute.deleteNumber) } },
      );
    } else if (v === "'") {
      out.report(
        'lone-quote',
        s,
        e,
        `${name} holds a lone ', which uploads as a value: Excel kept one quote of '' (it eats one of what is typed). To delete the stored value, write '' (in Excel, type ''').`,
        { attribute: name, data: { replacement: "''" } },
      );
    } else if (v === "'''") {
      out.report(
        'typed-delete-marker',
        s,
        e,
        `${name} holds ''': the deletion marker in the file is '', and ''' is what one types in Excel to get it saved. Write ''.`,
        { attribute: name, data: { replacement: "''" } },
      );
    }
  });
}

/** Skills take commas; semicolons or pipes make the whole cell one skill. */
function checkSkills(ctx: RuleContext): void {
  const skills = ctx.columns.find((c) => c.attribute?.type === 'stringList');
  if (!skills || !ctx.out.wants('skills-separator')) return;
  const { table, out } = ctx;
  const seen = new Set<number>();
  const groups = new GroupKeys(skills.index);
  for (const separator of [';', '|']) {
    cellsHolding(ctx, separator, (cell, col) => {
      if (col !== skills || seen.has(cell)) return;
      seen.add(cell);
      const value = cellValue(table, cell);
      const replacement = skillsRepair(value);
      if (replacement === undefined) return;
      const used = [value.includes(';') ? 'semicolons' : '', value.includes('|') ? 'pipes' : ''].filter(Boolean).join(' and ');
      out.report(
        'skills-separator',
        table.cellStart[cell],
        table.cellEnd[cell],
        `${col.name.trim()} separates skills with ${used}, so the whole cell would be one skill name: separate them with commas (the cell in quotes).`,
        {
          attribute: col.name.trim(),
          data: { replacement },
          group: groups.of(used, () => `separate skills with ${used}, so each cell would be one skill name: separate them with commas`),
        },
      );
    });
  }
}

/** Skills separated by semicolons or pipes, separated by commas; undefined for a single skill. */
export function skillsRepair(value: string): string | undefined {
  if (!/[;|]/.test(value)) return undefined;
  const names = value
    .split(/[;|,]/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  return names.length < 2 ? undefined : names.join(',');
}

/**
 * Words of a street or a home in many languages. A value is read as an address when it has one of these
 * and a house number (12 Baker Street, Hauptstraße 5, 1 Rue de Rivoli), or names a home: never for
 * building, floor, room or desk codes, or "Remote".
 */
const STREET_WORD =
  /(?:^|[\s,.])(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|terrace|parkway|pkwy|highway|hwy|close|crescent|square|sq|straße|strasse|str|weg|gasse|platz|allee|ring|damm|ufer|rue|chemin|calle|carrera|avenida|rua|via|viale|piazza|corso|laan|straat|plein|gracht|gata|gatan|gade|vej|veien|katu|ulica|ul)(?=$|[\s,.])|(?:straße|strasse|str\.|weg|gasse|platz|allee|gatan|gade|vej|veien|katu|straat|laan)(?=\s*\d)/i;
const HOUSE_NUMBER = /(?:^|[\s,])\d{1,5}[a-z]?(?=$|[\s,])/i;
const HOME = /(?:^|[\s,])(?:home|home office|residence|private address|my house)(?=$|[\s,])/i;
/** What location codes look like, which are never flagged: buildings, floors, rooms, desks, remote work. */
const LOCATION_CODE =
  /(?:^|[\s,])(?:building|bldg|floor|fl|level|room|rm|suite|desk|wing|tower|campus|remote|hybrid|office)(?=$|[\s,.\d])/i;

/** An office location that reads as a street or home address: everyone in the tenant sees it. */
function checkOfficeLocation(ctx: RuleContext): void {
  const col = ctx.columns.find((c) => c.attribute?.profilePath === 'positions/detail/company/officeLocation');
  if (!col || !ctx.out.wants('office-location-address')) return;
  const { table, out, text } = ctx;
  const verdicts = ctx.state.officeVerdicts;
  const key = new Int32Array(2);
  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    const cell = table.rowFirstCell[r] + col.index;
    const s = table.cellStart[cell];
    const e = table.cellEnd[cell];
    if (e - s < 4) continue;
    // each distinct cell text is read once (by its hash, made in place); the verdict is the value's alone
    let h1 = HASH_SEED1;
    let h2 = HASH_SEED2;
    for (let i = s; i < e; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, HASH_MUL1);
      h2 = Math.imul(h2 ^ ch, HASH_MUL2);
    }
    hashFinishedInto(h1, h2, key, 0);
    let verdict = verdicts.get(key[0], key[1]) - 1;
    if (verdict < 0) {
      verdict = officeVerdict(cellValue(table, cell).trim());
      verdicts.getOrSet(key[0], key[1], verdict + 1);
    }
    if (verdict === 0) continue;
    out.report(
      'office-location-address',
      s,
      e,
      `${col.name.trim()} reads as ${verdict === 1 ? 'a home' : 'a street address'}: it is a location code (building, floor, room), never a home or personal address, and everyone in the tenant sees it. Put the office's street in Microsoft_CompanyOfficeStreet and a location code here.`,
      { attribute: col.name.trim() },
    );
  }
}

/** 0: a location code (or anything else), 1: a home, 2: a street address. */
function officeVerdict(v: string): number {
  if (HOME.test(v)) return 1;
  return !LOCATION_CODE.test(v) && HOUSE_NUMBER.test(v) && STREET_WORD.test(v) ? 2 : 0;
}

/** Garbled text all over a file is one problem, how it was saved. */
const GARBLED = {
  column: -1,
  kind: 'mojibake',
  says: 'look like UTF-8 text that was read as Windows-1252 and saved again (Ã¼ for ü, â€™ for ’): export the file again as "CSV UTF-8", or use the repaired text of each',
};

/** UTF-8 read as Windows-1252: one search of the chunk's text, then only the cells it hits. */
function checkMojibake(ctx: RuleContext): void {
  if (!ctx.out.wants('mojibake')) return;
  const { table, out, text } = ctx;
  const re = new RegExp(MOJIBAKE_START.source, 'g');
  re.lastIndex = ctx.table.rowStart[ctx.firstRow] ?? text.length;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const found = dataCellAt(ctx, m.index);
    if (!found || found.col.attribute?.type === 'email') continue;
    const { cell, col } = found;
    const e = table.cellEnd[cell];
    re.lastIndex = Math.max(re.lastIndex, e);
    const repaired = repairMojibake(cellValue(table, cell));
    const name = col.name.trim();
    out.report(
      'mojibake',
      table.cellStart[cell],
      e,
      `${name} looks like UTF-8 text that was read as Windows-1252 and saved again (Ã¼ for ü, â€™ for ’): ${repaired !== undefined ? 'use the repaired text' : 'retype it'}, or export the file again as "CSV UTF-8".`,
      { attribute: name, data: repaired !== undefined ? { replacement: repaired } : {}, group: GARBLED },
    );
  }
}

export const excelRules: RuleModule = {
  name: 'excel',
  codes: [
    'lone-quote',
    'typed-delete-marker',
    'layer-delete-marker',
    'delete-marker-lookalike',
    'skills-separator',
    'office-location-address',
    'mojibake',
  ],
  rows: checkExcelTraps,
};
