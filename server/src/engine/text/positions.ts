/** Offsets to LSP-style positions (zero-based line, UTF-16 character), with CR, LF and CRLF all ending lines. */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Scratch space for line starts while a text is scanned. */
let scratch = new Int32Array(4096);

/**
 * Where the lines after the first start: one past each line break (CRLF, CR or LF). indexOf searches
 * natively, far faster than a loop over charCodeAt for the sparse breaks of a CSV; the next CR and LF are
 * remembered, so a text with one stray CR is not searched again on every line.
 */
export function lineBreaks(s: string): Int32Array {
  let n = 0;
  const push = (at: number): void => {
    if (n === scratch.length) {
      const grown = new Int32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[n++] = at;
  };
  let cr = s.indexOf('\r');
  let lf = s.indexOf('\n');
  while (cr >= 0 || lf >= 0) {
    if (lf < 0 || (cr >= 0 && cr < lf)) {
      if (lf === cr + 1) {
        push(lf + 1);
        lf = s.indexOf('\n', lf + 1);
      } else push(cr + 1);
      cr = s.indexOf('\r', cr + 1);
    } else {
      push(lf + 1);
      lf = s.indexOf('\n', lf + 1);
    }
  }
  return scratch.slice(0, n);
}

/** Offsets of a text to positions and back: a LineIndex, or one moved down to where its chunk is in a file. */
export interface Lines {
  positionAt(offset: number): Position;
  offsetAt(pos: Position): number;
  range(start: number, end: number): Range;
}

/** A chunk's lines as file positions: the chunk starts on file line `lineBase`. */
export function fileLines(index: LineIndex, lineBase: number): Lines {
  if (lineBase === 0) return index;
  const down = (p: Position): Position => ({ line: p.line + lineBase, character: p.character });
  return {
    positionAt: (offset) => down(index.positionAt(offset)),
    // a line above the chunk is its start
    offsetAt: (pos) => (pos.line < lineBase ? 0 : index.offsetAt({ line: pos.line - lineBase, character: pos.character })),
    range: (start, end) => ({ start: down(index.positionAt(start)), end: down(index.positionAt(end)) }),
  };
}

export class LineIndex implements Lines {
  private readonly lineStarts: Int32Array;

  constructor(readonly text: string) {
    const breaks = lineBreaks(text);
    this.lineStarts = new Int32Array(breaks.length + 1);
    this.lineStarts.set(breaks, 1);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** the line of the last answer: rules go down the rows, so the next is mostly on it or the next line */
  private hint = 0;

  positionAt(offset: number): Position {
    const line = this.lineAt(offset);
    return { line, character: offset - this.lineStarts[line] };
  }

  /** The line of an offset, without making a Position (rules ask it for every row). */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    const h = this.hint;
    if (starts[h] <= offset) {
      if (h + 1 === starts.length || offset < starts[h + 1]) return h;
      if (h + 2 === starts.length || offset < starts[h + 2]) return (this.hint = h + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.hint = lo);
  }

  /** Where a line starts. */
  lineStart(line: number): number {
    return this.lineStarts[line];
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** As LSP: a character past the end of its line means the end of the line (before its line break). */
  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line];
    let end = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return start + Math.max(0, Math.min(pos.character, end - start));
  }
}
