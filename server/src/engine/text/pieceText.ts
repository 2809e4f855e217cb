/**
 * A long text kept as pieces of about 256K characters, each with its own line starts. An edit rebuilds
 * the pieces it touches and shares the rest, so that a keystroke in a 70 MB document costs microseconds,
 * where one string would be copied whole (about 40 ms) the first time anything reads it after the edit.
 * Immutable: `replace` returns a new PieceText, so a checked version stays what it was.
 *
 * Lines follow LSP: a line ends at "\r\n", "\r" or "\n"; a "\r\n" is never split between two pieces.
 */
import { lineBreaks, type Position } from './positions';
import { nodeBuffer, ownCopy, type NodeBuffer } from './strings';

/** A text that can be read in slices: a string, or a PieceText. */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** Big enough that V8 keeps each piece in a space of its own, returned whole when the piece goes. */
const PIECE_CHARS = 256 * 1024;

/** Cuts a text into pieces of about `size`, never between "\r" and "\n". */
function cut(text: string, into: string[], size = PIECE_CHARS): void {
  let at = 0;
  while (text.length - at > 2 * size) {
    let end = at + size;
    if (text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) end++;
    into.push(text.slice(at, end));
    at = end;
  }
  into.push(at === 0 ? text : text.slice(at));
}

/** one buffer for every copy: a buffer each would leave memory the allocator keeps */
let latin1Buffer: NodeBuffer | undefined;
let latin1Size = 0;
/** Node makes a string of a megabyte or more outside V8's heap, where it is freed the moment it goes */
const COPY_CHARS = 1024 * 1024;

/** A part of a text as a string of its own: one byte a character when it can be (Node only), and never a view into the text it was cut from. */
function compact(piece: string): string {
  if (!/[^\x00-\xff]/.test(piece)) {
    if (latin1Size < piece.length) {
      latin1Size = Math.max(piece.length, 3 * COPY_CHARS);
      latin1Buffer = nodeBuffer!.allocUnsafeSlow(latin1Size);
    }
    const n = latin1Buffer!.write(piece, 0, piece.length, 'latin1');
    return latin1Buffer!.toString('latin1', 0, n);
  }
  return ownCopy(piece);
}

export class PieceText implements TextSource {
  readonly length: number;
  /** line breaks in all: the text has one line more */
  private readonly breakCount: number;
  /** offset of each piece, and one past the last */
  private readonly starts: Float64Array;
  /** breaks before each piece, and in all */
  private readonly breaksBefore: Int32Array;
  private flat?: string;

  private constructor(
    private readonly pieces: string[],
    private readonly breaks: Int32Array[],
  ) {
    this.starts = new Float64Array(pieces.length + 1);
    this.breaksBefore = new Int32Array(pieces.length + 1);
    for (let i = 0; i < pieces.length; i++) {
      this.starts[i + 1] = this.starts[i] + pieces[i].length;
      this.breaksBefore[i + 1] = this.breaksBefore[i] + breaks[i].length;
    }
    this.length = this.starts[pieces.length];
    this.breakCount = this.breaksBefore[pieces.length];
  }

  static of(text: string): PieceText {
    const pieces: string[] = [];
    // one character past U+00FF (a name such as Łukasz) makes V8 keep the whole text two bytes a
    // character: then it is copied a megabyte at a time, one byte a character wherever it can be, and
    // cut from the copies, so that the original can go
    const wide = nodeBuffer !== undefined && /[^\x00-\xff]/.test(text);
    if (wide) {
      const window: string[] = [];
      cut(text, window, COPY_CHARS);
      for (const part of window) cut(compact(part), pieces);
      latin1Buffer = undefined;
      latin1Size = 0;
    } else cut(text, pieces);
    const made = new PieceText(pieces, pieces.map(lineBreaks));
    // otherwise the pieces share the string's memory: reading it whole costs nothing more
    if (!wide) made.flat = text;
    return made;
  }

  get lineCount(): number {
    return this.breakCount + 1;
  }

  /** The whole text as one string (made once per PieceText, on demand). */
  toString(): string {
    this.flat ??= this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    return this.flat;
  }

  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.flat !== undefined) return this.flat.slice(start, end);
    let i = this.pieceAt(start);
    const from = start - this.starts[i];
    if (end <= this.starts[i + 1]) return this.pieces[i].slice(from, end - this.starts[i]);
    const parts = [this.pieces[i].slice(from)];
    for (i++; this.starts[i + 1] < end; i++) parts.push(this.pieces[i]);
    parts.push(this.pieces[i].slice(0, end - this.starts[i]));
    return parts.join('');
  }

  charCodeAt(offset: number): number {
    const i = this.pieceAt(offset);
    return this.pieces[i].charCodeAt(offset - this.starts[i]);
  }

  /** The text with [start, end) replaced by `text`; only the pieces the edit touches are rebuilt. */
  replace(start: number, end: number, text: string): PieceText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    let first = this.pieceAt(start);
    // the piece where the replaced span ends (an empty span ends where it starts)
    let last = end > start ? this.pieceAt(end - 1) : first;
    let middle = this.pieces[first].slice(0, start - this.starts[first]) + text + this.pieces[last].slice(end - this.starts[last]);
    // keep "\r\n" in one piece, and join a small result to its neighbour so that pieces stay large
    while (first > 0 && ((middle.charCodeAt(0) === 10 && this.pieces[first - 1].endsWith('\r')) || middle.length < PIECE_CHARS / 4)) {
      first--;
      middle = this.pieces[first] + middle;
    }
    while (
      last + 1 < this.pieces.length &&
      ((middle.endsWith('\r') && this.pieces[last + 1].charCodeAt(0) === 10) || middle.length < PIECE_CHARS / 4)
    ) {
      last++;
      middle += this.pieces[last];
    }
    const fresh: string[] = [];
    cut(middle, fresh);
    const pieces = this.pieces.slice(0, first).concat(fresh, this.pieces.slice(last + 1));
    const breaks = this.breaks.slice(0, first).concat(fresh.map(lineBreaks), this.breaks.slice(last + 1));
    return new PieceText(pieces, breaks);
  }

  /** The offset where a line starts (0-based; past the last line: the text's length). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line > this.breakCount) return this.length;
    // the break that ends line - 1: in the piece with breaksBefore[i] < line <= breaksBefore[i + 1]
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.breaksBefore[mid] < line) lo = mid;
      else hi = mid - 1;
    }
    return this.starts[lo] + this.breaks[lo][line - 1 - this.breaksBefore[lo]];
  }

  /** As vscode-languageserver-textdocument: a character past the line's end is its end (before the line break). */
  offsetAt(position: Position): number {
    if (position.line > this.breakCount) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = this.lineStart(position.line);
    if (position.character <= 0) return lineOffset;
    const next = this.lineStart(position.line + 1);
    return this.beforeEol(Math.min(lineOffset + position.character, next), lineOffset);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const i = this.pieceAt(offset);
    // the breaks up to `offset` are those of the earlier pieces and those of this one that end at or before it
    const within = offset - this.starts[i];
    const b = this.breaks[i];
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid] <= within) lo = mid + 1;
      else hi = mid;
    }
    const line = this.breaksBefore[i] + lo;
    const lineOffset = this.lineStart(line);
    return { line, character: this.beforeEol(offset, lineOffset) - lineOffset };
  }

  private beforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset) {
      const ch = this.charCodeAt(offset - 1);
      if (ch !== 10 && ch !== 13) break;
      offset--;
    }
    return offset;
  }

  /** The piece holding `offset` (the last piece for the text's end). */
  private pieceAt(offset: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
