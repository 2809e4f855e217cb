/**
 * A JSON message body read as its bytes arrive, for the language server's standard input. A long string
 * value (a document's text, 70 MB for 300,000 rows) is unescaped straight into one buffer, which becomes
 * the string; the rest of the message, a few hundred bytes, is parsed by JSON.parse. vscode-jsonrpc's own
 * reader keeps every chunk, joins them into one buffer, decodes that into one string and parses it: three
 * copies of the document made after it arrived, each on memory the system hands out fresh (issue 28).
 *
 * The result equals JSON.parse of the whole body, with one difference no UTF-8 document can show: a lone
 * surrogate escape (\ud800 alone) in a long string is read as U+FFFD, one character for one, since the
 * string is made from UTF-8 bytes.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** a string value this long (in bytes as sent) is unescaped as it comes */
const LONG_STRING_BYTES = 64 * 1024;

/** What the bytes outside long strings are: JSON text, scanned byte by byte (they are few). */
const enum Scan {
  /** between values */
  Out,
  /** in a short string (kept as sent) */
  InString,
  /** just after a backslash in a short string */
  InEscape,
  /** in a long string (unescaped into its buffer) */
  Long,
}

export class JsonBodyDecoder {
  /** the body without its long strings (each left as a placeholder) */
  private skeleton = Buffer.allocUnsafe(1024);
  private skeletonLength = 0;
  private scan = Scan.Out;
  /** containers open: true for an object; and whether the next string in the innermost object is a key */
  private readonly objects: boolean[] = [];
  private expectKey = false;
  /** where the current short string's opening quote is in the skeleton, and whether it is a key */
  private stringStart = 0;
  private stringIsKey = false;
  /** the long string being unescaped: its bytes so far */
  private long = Buffer.alloc(0);
  private longLength = 0;
  /** an escape cut short by the end of a chunk, put before the next one */
  private carry: Buffer | undefined;
  /** the long strings, by number */
  private readonly longs: string[] = [];
  private readonly placeholder = `\u0000orgdata-long-string-${Math.random().toString(36).slice(2)}-`;

  /** `length`: the body's size in bytes (its Content-Length) */
  constructor(private remaining: number) {}

  get done(): boolean {
    return this.remaining === 0;
  }

  /** Takes the next bytes of the body (no more than it has left). */
  write(chunk: Buffer): void {
    // (counted off after: a long string begun in this chunk sizes its buffer by what is left, this chunk included)
    const size = chunk.length;
    let at = 0;
    while (at < chunk.length) {
      if (this.scan === Scan.Long) {
        // an escape cut short (at the end of the last chunk, or where the string turned long) goes first
        if (this.carry) {
          chunk = Buffer.concat([this.carry, chunk.subarray(at)]);
          at = 0;
          this.carry = undefined;
        }
        const end = this.unescape(chunk, at, chunk.length);
        if (end < 0) break;
        this.endLong();
        at = end + 1;
        continue;
      }
      at = this.scanShort(chunk, at);
    }
    this.remaining -= size;
  }

  /** The message: the skeleton parsed, with its long strings put back. */
  finish(): unknown {
    if (this.scan === Scan.Long || this.carry) throw new SyntaxError('Unterminated string in JSON body');
    const message: unknown = JSON.parse(this.skeleton.toString('utf8', 0, this.skeletonLength));
    return this.longs.length === 0 ? message : this.restore(message);
  }

  /** Scans bytes outside long strings from `at`, copying them to the skeleton; returns where it stopped. */
  private scanShort(chunk: Buffer, at: number): number {
    const start = at;
    for (; at < chunk.length; at++) {
      const c = chunk[at];
      if (this.scan === Scan.InEscape) {
        this.scan = Scan.InString;
      } else if (this.scan === Scan.InString) {
        if (c === BACKSLASH) this.scan = Scan.InEscape;
        else if (c === QUOTE) this.scan = Scan.Out;
        else if (!this.stringIsKey && this.skeletonLength + (at - start) - this.stringStart > LONG_STRING_BYTES) {
          // a long value: what it has so far is unescaped into a buffer of its own, the rest as it comes
          this.append(chunk, start, at);
          this.beginLong();
          return at;
        }
      } else if (c === QUOTE) {
        this.scan = Scan.InString;
        this.stringStart = this.skeletonLength + (at - start);
        this.stringIsKey = this.objects.at(-1) === true && this.expectKey;
      } else if (c === 0x7b /* { */) {
        this.objects.push(true);
        this.expectKey = true;
      } else if (c === 0x5b /* [ */) {
        this.objects.push(false);
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        this.objects.pop();
        this.expectKey = false;
      } else if (c === 0x2c /* , */) {
        this.expectKey = this.objects.at(-1) === true;
      } else if (c === 0x3a /* : */) {
        this.expectKey = false;
      }
    }
    this.append(chunk, start, at);
    return at;
  }

  private beginLong(): void {
    // the value's bytes so far, after its opening quote, leave the skeleton for the long string's buffer
    const from = this.stringStart + 1;
    const sofar = Buffer.from(this.skeleton.subarray(from, this.skeletonLength));
    this.skeletonLength = from;
    this.scan = Scan.Long;
    // (never longer than what is left of the body: its pages are touched only as far as it is written)
    this.long = Buffer.allocUnsafe(sofar.length + this.remaining);
    this.longLength = 0;
    // (it has no closing quote; an escape it ends in the middle of waits in carry, before the rest of the chunk)
    this.unescape(sofar, 0, sofar.length);
  }

  private endLong(): void {
    const k = this.longs.length;
    this.longs.push(this.long.toString('utf8', 0, this.longLength));
    this.long = Buffer.alloc(0);
    this.append(Buffer.from(`${JSON.stringify(this.placeholder + k).slice(1, -1)}"`), 0, undefined);
    this.scan = Scan.Out;
  }

  /**
   * Unescapes src[from, to) onto the long string; returns the index of its closing quote, or -1 when it goes
   * on (an escape cut short at `to` is kept for the next chunk).
   */
  private unescape(src: Buffer, from: number, to: number): number {
    let at = from;
    let quote = -1;
    let slash = -1;
    const out = this.long;
    let w = this.longLength;
    for (;;) {
      if (quote < at) quote = indexIn(src, QUOTE, at, to);
      if (slash < at) slash = indexIn(src, BACKSLASH, at, to);
      const stop = Math.min(quote, slash);
      if (stop > at) w += src.copy(out, w, at, stop);
      at = stop;
      if (at === to) break;
      if (at === quote) {
        this.longLength = w;
        return at;
      }
      // an escape: \" \\ \/ \b \f \n \r \t, or \uXXXX (two of them for a surrogate pair)
      if (at + 1 >= to) break;
      const e = src[at + 1];
      if (e !== 0x75 /* u */) {
        out[w++] = e === 0x6e ? 10 : e === 0x72 ? 13 : e === 0x74 ? 9 : e === 0x62 ? 8 : e === 0x66 ? 12 : e;
        if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && !SHORT_ESCAPES.has(e))
          throw new SyntaxError(`Bad escaped character in JSON at byte ${at + 1}`);
        at += 2;
        continue;
      }
      if (at + 6 > to) break;
      let code = hex4(src, at + 2);
      let used = 6;
      if (code >= 0xd800 && code <= 0xdbff) {
        // a high surrogate: a pair with the low one after it, if it is there
        if (at + 12 > to && mayBeEscapeStart(src, at + 6, to)) break;
        const low = at + 12 <= to && src[at + 6] === BACKSLASH && src[at + 7] === 0x75 ? hex4(src, at + 8) : -1;
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          used = 12;
        } else code = 0xfffd;
      } else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
      w += out.write(String.fromCodePoint(code), w, 'utf8');
      at += used;
    }
    this.longLength = w;
    if (at < to) this.carry = Buffer.from(src.subarray(at, to));
    return -1;
  }

  private append(src: Buffer, from: number, to: number | undefined): void {
    const end = to ?? src.length;
    const n = end - from;
    if (this.skeletonLength + n > this.skeleton.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.skeleton.length, this.skeletonLength + n));
      this.skeleton.copy(grown, 0, 0, this.skeletonLength);
      this.skeleton = grown;
    }
    this.skeletonLength += src.copy(this.skeleton, this.skeletonLength, from, end);
  }

  /** The parsed skeleton with each placeholder replaced by its long string. */
  private restore(value: unknown): unknown {
    if (typeof value === 'string') {
      return value.startsWith(this.placeholder) ? this.longs[Number(value.slice(this.placeholder.length))] : value;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.restore(value[i]);
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      for (const key of Object.keys(o)) o[key] = this.restore(o[key]);
    }
    return value;
  }
}

const SHORT_ESCAPES = new Set([0x6e, 0x72, 0x74, 0x62, 0x66]);

/** The index of a byte in src[from, to), or `to`. */
function indexIn(src: Buffer, byte: number, from: number, to: number): number {
  const i = src.indexOf(byte, from);
  return i < 0 || i > to ? to : i;
}

/** Whether src[from, to), fewer bytes than an escape \uXXXX, may be the start of one (the rest in the next chunk). */
function mayBeEscapeStart(src: Buffer, from: number, to: number): boolean {
  return (from >= to || src[from] === BACKSLASH) && (from + 1 >= to || src[from + 1] === 0x75);
}

function hex4(src: Buffer, at: number): number {
  let v = 0;
  for (let i = at; i < at + 4; i++) {
    const c = src[i];
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) throw new SyntaxError(`Bad Unicode escape in JSON at byte ${at}`);
    v = (v << 4) | d;
  }
  return v;
}
