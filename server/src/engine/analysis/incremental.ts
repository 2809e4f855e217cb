/**
 * An editor's document checked in blocks of rows, so that an edit re-parses and re-checks only the blocks
 * it touches; the checks across rows (duplicates, the hierarchy, coverage) are then recomputed from every
 * block's kept contribution, which is linear in the people but needs no parsing. When an edit could change
 * more than its blocks (the header, or a quote left open that may pair with one further down), the whole
 * document is checked again.
 */
import { LOCAL_UPLOAD_LIMIT_BYTES } from '../catalog/catalog';
import {
  completeRows,
  detectDelimiter,
  ownTable,
  parseCsv as parseWith,
  sliceTable,
  TableStorage,
  type CsvTable,
  type Delimiter,
} from '../text/csv';
import type { RuleContext } from './context';
import { LineIndex } from '../text/positions';
import { utf8Length } from '../text/strings';
import type { OrgDataSettings } from '../catalog/settings';
import type { TextSource } from '../text/pieceText';
import { type ChunkState, type FileState } from './state';
import type { PeopleIndex } from './rules/people';
import { hash64 } from '../text/hash';
import { Validation, type ChunkResult, type ValidateOptions, type ValidationResult } from './validate';
import { addKept, keptOf, mapKept, noneKept, SEVERITIES, withinRoom, type Kept } from './findings';
import type { Severity } from '../catalog/codes';

/** Rows a block: small enough that an edit re-checks a few milliseconds of work. */
export const BLOCK_ROWS = 2048;
/** Characters parsed at a time when a big document is first checked. */
const PIECE_CHARS = 4 * 1024 * 1024;
/** Below this, a document is parsed in one go (and may be one block). */
const SMALL_CHARS = 1024 * 1024;

interface Block {
  /** offset of the block's first character in the document */
  start: number;
  length: number;
  lineBase: number;
  /** line breaks in the block */
  lines: number;
  /** its UTF-8 size, when the document's size matters (over the upload limit) */
  bytes: number;
  /** the first block: where its header row ends, relative to the block */
  headerEnd: number;
  /** what its check found and keeps for the checks across rows */
  chunk?: ChunkState;
  /** the rules' context: kept for the first block only (the header's, read by the editor features) */
  ctx?: RuleContext;
  /**
   * the severities whose findings were let go (they come after orgdata.maxProblems others of their
   * budget, see Kept); counted all the same
   */
  dropped?: Partial<Record<Severity, boolean>>;
}

/** A replaced span: [start, oldEnd) of the checked text became [start, newEnd) of the new one. */
export interface Splice {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export class IncrementalAnalysis {
  private validation!: Validation;
  private blocks: Block[] = [];
  private text: TextSource = '';
  private textBytes?: number;
  private whole?: RuleContext;
  /** the header's separator: every block is parsed with it (an edit of the header checks the whole again) */
  private delimiter: Delimiter = ',';
  /** contexts of blocks the editor features asked for, until the next update */
  private readonly blockContexts = new Map<Block, RuleContext>();
  result!: ValidationResult;
  /** how the last update was done, for tests and the bench */
  lastUpdate: 'full' | 'blocks' = 'full';
  /** whether the last update kept the people verdicts (no person, manager or line changed) */
  peopleKept = false;

  /** how many findings the blocks hold, for tests and the bench */
  get findingsHeld(): number {
    return this.blocks.reduce((n, b) => n + (b.chunk?.findings.length ?? 0), 0);
  }

  constructor(
    text: TextSource,
    private readonly settings: OrgDataSettings,
    private readonly options: ValidateOptions = {},
  ) {
    this.build(text);
  }

  /** What the rules keep across the document: the people index the navigation reads. */
  get state(): FileState {
    return this.validation.state;
  }

  private parse(text: string, storage?: TableStorage): CsvTable {
    return parseWith(text, storage, this.delimiter);
  }

  /** Who manages whom, as the last check found it (undefined before a check with people). */
  get peopleIndex(): PeopleIndex | undefined {
    return this.validation.peopleIndex;
  }

  /** The context over the whole document that hover, completion, quick fixes and the preview read. */
  get doc(): RuleContext | undefined {
    if (!this.result.orgData) return undefined;
    // (a check that stopped after its first block, such as a semicolon file's, holds only part of it)
    if (this.blocks.length === 1 && this.blocks[0].ctx && this.blocks[0].length === this.text.length) {
      // a one-block document: its first block is all of it
      const ctx = this.blocks[0].ctx;
      return ctx.columns.length > 0 ? ctx : undefined;
    }
    this.whole ??= this.validation.contextFor(this.parse(this.text.slice(0, this.text.length)));
    return this.whole;
  }

  /**
   * A context over the first block only (the header and the first rows): enough for what concerns the
   * header (outline, header completion and quick fixes), without parsing a big document whole.
   */
  get headerDoc(): RuleContext | undefined {
    if (!this.result.orgData) return undefined;
    const ctx = this.blocks[0]?.ctx;
    return ctx && ctx.columns.length > 0 ? ctx : this.doc;
  }

  /** `text`: the document now (a string, or a PieceText that an edit did not copy whole); `edit`: what changed since the last update. */
  /**
   * A context over the rows of the block that holds a line (the header's block: with the header), in file
   * positions: enough for hover, completion, a quick fix and the preview of one row, without parsing a big
   * document whole. With more lines, in other blocks: the whole document.
   */
  contextAt(line: number, ...more: number[]): RuleContext | undefined {
    if (!this.result.orgData) return undefined;
    const i = this.blockAt(line);
    // lines in several blocks: the whole document
    if (more.some((l) => this.blockAt(l) !== i)) return this.doc;
    if (i === 0) return this.headerDoc;
    const block = this.blocks[i];
    let ctx = this.blockContexts.get(block);
    if (!ctx) {
      ctx = this.validation.contextFor(this.parse(this.text.slice(block.start, block.start + block.length)), false, block.lineBase);
      if (!ctx) return undefined;
      // a few at a time: the blocks around the cursor
      if (this.blockContexts.size >= 4) this.blockContexts.delete(this.blockContexts.keys().next().value!);
      this.blockContexts.set(block, ctx);
    }
    return ctx;
  }

  private blockAt(line: number): number {
    let i = this.blocks.length - 1;
    while (i > 0 && this.blocks[i].lineBase > line) i--;
    return i;
  }

  /** The file line of the first row of the person with this address (as the checks matched it), if any. */
  personLine(email: string): number | undefined {
    const [h1, h2] = hash64(email.trim().toLowerCase());
    const number = this.validation.state.emails.find(h1, h2);
    if (number < 0) return undefined;
    for (const { state: chunk, lineBase } of this.validation.state.chunks) {
      const found = chunk.personNumber.indexOf(number);
      if (found >= 0) return chunk.personCell.line(found) + lineBase - chunk.recordedLineBase;
    }
    return undefined;
  }

  update(text: TextSource, edit?: Splice): void {
    this.whole = undefined;
    this.blockContexts.clear();
    if (!edit || !this.updateBlocks(text, edit)) this.build(text);
  }

  private build(text: TextSource): void {
    this.lastUpdate = 'full';
    this.peopleKept = false;
    this.text = text;
    this.delimiter = detectDelimiter(text.slice(0, Math.min(text.length, 1 << 16)));
    this.textBytes = text.length * 3 > LOCAL_UPLOAD_LIMIT_BYTES ? utf8LengthOf(text) : undefined;
    this.blocks = [];
    // a small document is one block, whose context the editor features use
    if (text.length <= SMALL_CHARS) {
      const table = this.parse(text.slice(0, text.length));
      if (table.rowCount <= BLOCK_ROWS) {
        this.validation = new Validation(this.settings, { ...this.options, textBytes: this.textBytes });
        this.blocks.push(this.checkBlock(table, 0, 0, true, true));
        this.finish();
        return;
      }
    }
    // a big one is parsed a piece at a time (so the whole is never in typed arrays at once) and cut into blocks
    let lineBase = 0;
    let offset = 0;
    let first = true;
    // the pieces' and blocks' tables are dropped once checked: parsed into the same arrays each time
    // (the first block's context is kept: its table gets arrays of its own)
    const pieceStorage = new TableStorage();
    const blockStorage = new TableStorage();
    // findings the blocks so far keep: once they fill orgdata.maxProblems, later blocks only count theirs
    // (finish() would let them go anyway; an edit that brings such a block into the window checks it again)
    let stored = noneKept();
    const max = this.settings.maxProblems;
    while (offset < text.length || first) {
      let size = PIECE_CHARS;
      let piece = this.parse(text.slice(offset, offset + size), pieceStorage);
      let rows = offset + size >= text.length ? piece.rowCount : completeRows(piece);
      while (rows === 0 && offset + size < text.length) {
        size *= 2; // one row longer than a piece: read on
        piece = this.parse(text.slice(offset, offset + size), pieceStorage);
        rows = offset + size >= text.length ? piece.rowCount : completeRows(piece);
      }
      if (first) this.validation = new Validation(this.settings, { ...this.options, textBytes: this.textBytes });
      for (let from = 0; from < Math.max(1, rows); from += BLOCK_ROWS) {
        const to = Math.min(rows, from + BLOCK_ROWS);
        const keep = first && from === 0;
        const part =
          rows === 0 ? ownTable(piece) : keep ? ownTable(sliceTable(piece, from, to)) : sliceTable(piece, from, to, blockStorage);
        // a block starts where its table's text does: a slice from row 0 keeps the text's start (a byte-order mark)
        // a budget already full only counts (see Kept)
        const caps: Kept = mapKept((s) => (stored[s] >= max ? 0 : max));
        const block = this.checkBlock(part, offset + (rows === 0 || from === 0 ? 0 : piece.rowStart[from]), lineBase, keep, keep, caps);
        if (block.chunk) block.dropped = droppedWith(block.chunk, caps);
        stored = addKept(stored, keptOf(block.chunk?.findings ?? []));
        this.blocks.push(block);
        lineBase += block.lines;
        if (!block.chunk) {
          this.finish();
          return; // not org data, or nothing more to check
        }
      }
      first = false;
      if (rows === 0) break;
      offset += rows < piece.rowCount ? piece.rowStart[rows] : piece.text.length;
    }
    this.finish();
  }

  /** Checks a block; keeps its context only when it is the whole document (its text and cells are big). */
  private checkBlock(table: CsvTable, start: number, lineBase: number, first: boolean, keepContext = false, caps?: Kept): Block {
    const lines = new LineIndex(table.text);
    const checked: ChunkResult | undefined = this.validation.check(table, lines, lineBase, first, caps);
    return {
      start,
      length: table.text.length,
      lineBase,
      lines: lines.lineCount - 1,
      bytes: this.textBytes !== undefined ? utf8Length(table.text, 0, table.text.length) : 0,
      headerEnd: first && table.rowCount > 0 ? table.rowEnd[0] : 0,
      chunk: checked?.chunk,
      ctx: keepContext ? checked?.ctx : undefined,
    };
  }

  /**
   * Only the first orgdata.maxProblems findings in the file are shown, so a block whose findings all come
   * after that many others keeps their count but lets them go: a file wrong on every row would otherwise
   * hold the cap's worth of findings for each of its blocks. An edit that brings such a block back into
   * the window checks it again.
   */
  private finish(reusePeople = false): void {
    const cap = this.settings.maxProblems;
    let stored = noneKept();
    const room = (s: Severity): boolean => stored[s] < cap;
    for (let i = 0; i < this.blocks.length && SEVERITIES.some(room); i++) {
      let b = this.blocks[i];
      const dropped = b.dropped;
      if (dropped && SEVERITIES.some((s) => dropped[s] && room(s))) {
        b = this.blocks[i] = this.checkBlock(this.parse(this.text.slice(b.start, b.start + b.length)), b.start, b.lineBase, false);
      }
      stored = addKept(stored, keptOf(b.chunk?.findings ?? []));
    }
    this.validation.state.chunks = this.blocks.filter((b) => b.chunk).map((b) => ({ state: b.chunk!, lineBase: b.lineBase }));
    this.validation.state.fileBytes = this.textBytes;
    this.result = this.validation.finish(reusePeople);
    stored = noneKept();
    for (const b of this.blocks) {
      if (!b.chunk) continue;
      if (SEVERITIES.some((s) => !room(s))) {
        const had = keptOf(b.chunk.findings);
        b.chunk.findings = withinRoom(
          b.chunk.findings,
          mapKept((s) => (room(s) ? had[s] : 0)),
        );
        for (const s of SEVERITIES) if (!room(s) && had[s] > 0) (b.dropped ??= {})[s] = true;
      }
      stored = addKept(stored, keptOf(b.chunk.findings));
    }
  }

  /** Re-checks only the blocks an edit touched; false when it must check the whole document instead. */
  private updateBlocks(text: TextSource, edit: Splice): boolean {
    const blocks = this.blocks;
    // a one-block document is checked whole: it is small, and its context serves the editor features
    if (blocks.length <= 1 || !blocks.every((b) => b.chunk) || this.result.findings.some((f) => f.code === 'empty-file')) return false;
    // the header row decides the columns: an edit there changes every block
    if (edit.start <= blocks[0].start + blocks[0].headerEnd + 2) return false;
    let first = 0;
    while (first + 1 < blocks.length && blocks[first + 1].start <= edit.start) first++;
    let last = first;
    while (last + 1 < blocks.length && blocks[last + 1].start < edit.oldEnd) last++;
    // the block after too: an edit at a block's end may join its last row to the next block's first
    if (last + 1 < blocks.length) last++;

    const delta = edit.newEnd - edit.oldEnd;
    const regionStart = blocks[first].start;
    const oldRegionEnd = blocks[last].start + blocks[last].length;
    const regionText = text.slice(regionStart, oldRegionEnd + delta);
    const region = this.parse(regionText);
    // a quote left open may pair with one in a block further down: only a whole parse can tell
    if (region.unclosedQuotes.length > 0) return false;
    // the region must still end at a row's start (a line break), or at the end of the document
    const endsAtRow = oldRegionEnd + delta === text.length || /[\r\n]$/.test(regionText);
    if (!endsAtRow) return false;

    const fresh: Block[] = [];
    let lineBase = blocks[first].lineBase;
    for (let from = 0; from < region.rowCount; from += BLOCK_ROWS) {
      const to = Math.min(region.rowCount, from + BLOCK_ROWS);
      const isFirst = first === 0 && from === 0;
      const block = this.checkBlock(
        sliceTable(region, from, to),
        regionStart + (from === 0 ? 0 : region.rowStart[from]),
        lineBase,
        isFirst,
        isFirst,
      );
      if (!block.chunk) return false;
      fresh.push(block);
      lineBase += block.lines;
    }
    // addresses typed and edited away keep their numbers: start afresh once they outnumber the live ones
    if (this.validation.state.emails.count > 2 * this.result.people + IncrementalAnalysis.spareNumbers) {
      this.build(text);
      return true;
    }
    const oldLines = blocks.slice(first, last + 1).reduce((n, b) => n + b.lines, 0);
    const lineDelta = lineBase - blocks[first].lineBase - oldLines;
    if (this.textBytes !== undefined) {
      this.textBytes += fresh.reduce((n, b) => n + b.bytes, 0) - blocks.slice(first, last + 1).reduce((n, b) => n + b.bytes, 0);
    }
    // typing in a title or a department changes no person, manager or line: the people verdicts stand
    const replaced = blocks.slice(first, last + 1);
    const samePeople =
      lineDelta === 0 && fresh.length === replaced.length && fresh.every((b, i) => b.chunk!.samePeopleAs(replaced[i].chunk!));
    for (const b of blocks.slice(last + 1)) {
      b.start += delta;
      b.lineBase += lineDelta;
    }
    this.blocks = [...blocks.slice(0, first), ...fresh, ...blocks.slice(last + 1)];
    this.text = text;
    this.lastUpdate = 'blocks';
    this.peopleKept = samePeople;
    this.finish(samePeople);
    return true;
  }

  /** how many numbers of addresses no longer in the document are kept before a whole check starts afresh */
  static spareNumbers = 4096;
}

/** The UTF-8 size of a text, read a piece at a time. */
function utf8LengthOf(text: TextSource): number {
  let bytes = 0;
  for (let at = 0; at < text.length; at += PIECE_CHARS) {
    const piece = text.slice(at, Math.min(text.length, at + PIECE_CHARS));
    bytes += utf8Length(piece, 0, piece.length);
  }
  return bytes;
}

/** What a block checked with `caps` let go: findings of a budget that had no room. */
function droppedWith(chunk: ChunkState, caps: Kept): Block['dropped'] {
  let dropped: Block['dropped'];
  for (const s of SEVERITIES) if (caps[s] === 0 && chunk.counts[s] > 0) (dropped ??= {})[s] = true;
  return dropped;
}
