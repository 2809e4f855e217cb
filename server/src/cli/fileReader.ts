/**
 * Streams a CSV file from disk through the engine in chunks of whole rows, so that memory stays bounded
 * whatever the file's size: bytes are decoded as they come (a character split between two reads is kept
 * whole), and each chunk ends before the last, possibly incomplete, row, which starts the next one.
 */
import * as fs from 'node:fs';
import { EntraProblem, type EntraThread } from './entraThread';
import { StringDecoder } from 'node:string_decoder';
import {
  completeRows,
  parseCsv,
  detectDelimiter,
  type Delimiter,
  sliceTable,
  Validation,
  type OrgDataDocument,
  type OrgDataSettings,
  type ValidateOptions,
  type ValidationResult,
  type ByteOffsetOf,
  type ByteRangeReader,
} from '../engine';

/**
 * Bytes read at a time. Small reads first: a chunk under 128 KB keeps its text, its tables and the rules'
 * per-chunk arrays and maps in V8's young generation, whose memory is used again and again, where a bigger
 * one gets fresh memory for each (on 100,000 rows, 4 MB reads took 0.80-0.82 s and 64 KB reads 0.64 s;
 * issue 28). Each chunk also keeps a few KB for the checks across rows besides their data, so past the
 * first 32 MB the reads grow to 4 MB, and a multi-GB file stays within its memory (1 GB: 473 MB at peak,
 * against 487 MB with small reads for 64 MB and 680 MB with small reads throughout).
 * ORGDATA_READ_BYTES lets tests make a small file span many reads: one size for every read, or
 * "SMALL,LARGE,UP_TO" for reads of SMALL bytes up to UP_TO bytes, then of LARGE.
 */
const [SMALL_READ_BYTES, LARGE_READ_BYTES, SMALL_READS_UP_TO] = readSizes(process.env.ORGDATA_READ_BYTES);
function readSizes(setting: string | undefined): [number, number, number] {
  const sizes = (setting ?? '').split(',').map(Number);
  if (sizes.every((n) => Number.isInteger(n) && n > 0)) {
    if (sizes.length === 1) return [sizes[0], sizes[0], 0];
    if (sizes.length === 3) return [sizes[0], sizes[1], sizes[2]];
  }
  return [60 * 1024, 4 * 1024 * 1024, 32 * 1024 * 1024];
}
/** How much to read next, after `read` bytes. */
function readSize(read: number): number {
  return read < SMALL_READS_UP_TO ? SMALL_READ_BYTES : LARGE_READ_BYTES;
}
/** A quoted cell may span reads; past this much carried-over text, an open quote is taken as never closed. */
const MAX_CARRY_CHARS = 64 * 1024 * 1024;

export interface StreamOptions extends Omit<ValidateOptions, 'fileBytes' | 'encodingProblem'> {
  /** called after each chunk with the bytes read so far and the file's size */
  onProgress?: (read: number, size: number) => void;
  /**
   * called with each chunk's rows, after the rules ran on them (the preview subcommand); with `locateRows`,
   * also with where the chunk's text lies in the file, when that is known exactly (see ChunkBytes)
   */
  onChunk?: (doc: OrgDataDocument, bytes?: ByteOffsetOf) => void | 'stop';
  locateRows?: boolean;
  /** the thread that reads the Entra ID users file and makes the cross-check (see entraThread) */
  entraThread?: EntraThread;
}

export type StreamResult = ValidationResult & { binary?: string };

/** The path that stands for standard input (orgdata-lint -): read from descriptor 0, whatever it is (a pipe, a socket, a file). */
export const STDIN_PATH = '/dev/stdin';

/**
 * A read into buf, or 0 at the end; standard input may be non-blocking (EAGAIN: nothing yet), so it is
 * waited for in short sleeps rather than taken for the end.
 */
function readInto(fd: number, buf: Buffer, length: number): number {
  for (;;) {
    try {
      return fs.readSync(fd, buf, 0, length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EOF') return 0;
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

export function validateFileStream(path: string, settings: OrgDataSettings, options: StreamOptions = {}): StreamResult {
  const stdin = path === STDIN_PATH;
  const fd = stdin ? 0 : fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(Math.max(SMALL_READ_BYTES, LARGE_READ_BYTES));
    let n = readInto(fd, buf, readSize(0));
    let read = n;

    // what the first bytes say about the encoding
    const encoding = sniff(buf.subarray(0, Math.min(n, SNIFF_BYTES)));
    let encodingProblem: string | undefined;
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      encodingProblem = 'The file is saved as UTF-16 (Unicode); the upload takes UTF-8 only: save it as "CSV UTF-8 (Comma delimited)".';
    } else if (encoding === 'binary') {
      const v = new Validation(settings, { ...options, force: true });
      const result = v.finish();
      return {
        ...result,
        orgData: true,
        findings: [],
        binary: 'This is not a text file (it contains binary data): export the data as "CSV UTF-8 (Comma delimited)" and check that file.',
      };
    }

    // Node's StringDecoder keeps a character split between reads whole, and decodes several times faster
    // than TextDecoder; UTF-16 big-endian, which it lacks, is rare enough for TextDecoder
    const decoder = decoderFor(encoding);
    const thread = options.entraThread;
    const validation = new Validation(settings, { ...options, ...thread?.options(), fileBytes: size, encodingProblem });
    let pending = '';
    let stopped = false;
    // the header's separator, from the first read: a semicolon or tab file is read with its own
    let delimiter: Delimiter | undefined;
    // the file's byte offset of the chunk text's start: UTF-8 only (after its byte-order mark), and NaN
    // for good once a character was undecodable (its U+FFFD no longer says how many bytes it replaced)
    // (the Entra ID thread reads each chunk's text from the file itself where it can: see EntraThread.locate)
    // (standard input cannot be read again: its rows are kept as copies, its text sent to the thread)
    const located = !stdin && (options.locateRows || (thread !== undefined && fs.fstatSync(fd).isFile()));
    let textByte = located && encoding === 'utf-8' ? (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0) : NaN;
    for (;;) {
      const final = n === 0;
      const text = pending + (final ? decoder.end() : decoder.write(buf.subarray(0, n)));
      delimiter ??= detectDelimiter(text);
      const table = parseCsv(text, undefined, delimiter);
      const bytes = Number.isNaN(textByte) || text.indexOf('\uFFFD') >= 0 ? undefined : new ChunkBytes(text, textByte);
      if (final) {
        thread?.locate(path, bytes && [textByte, bytes.offsetOf(text.length)]);
        deliver(validation.chunk(table), bytes);
        break;
      }
      // the last row may go on in the next read, and so may a quoted cell still open
      const keep = completeRows(table, MAX_CARRY_CHARS);
      if (keep >= 1) {
        thread?.locate(path, bytes && [textByte, bytes.offsetOf(table.rowStart[keep])]);
        deliver(validation.chunk(sliceTable(table, 0, keep)), bytes);
        if (stopped) break;
        pending = text.slice(table.rowStart[keep]);
        textByte = bytes ? bytes.offsetOf(table.rowStart[keep]) : NaN;
      } else {
        pending = text; // not one whole row yet: read on
      }
      options.onProgress?.(read, size);
      n = readInto(fd, buf, readSize(read));
      read += n;
    }
    options.onProgress?.(size, size);
    thread?.finishFile(validation);
    return validation.finish();

    function deliver(doc: OrgDataDocument | undefined, bytes: ChunkBytes | undefined): void {
      thread?.collect(validation);
      if (doc && options.onChunk && options.onChunk(doc, bytes?.offsetOf) === 'stop') stopped = true;
    }
  } catch (e) {
    // (a read that failed half way: what the Entra ID thread was given of this file is let go)
    if (options.entraThread && !(e instanceof EntraProblem)) options.entraThread.discardFile();
    throw e;
  } finally {
    if (!stdin) fs.closeSync(fd);
  }
}

/**
 * Where a chunk's characters lie in a UTF-8 file: the byte offset of the character at a text offset,
 * counted on from the last offset asked (rows are asked in order, so each character is counted once).
 */
class ChunkBytes {
  private char = 0;
  private byte: number;
  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.byte = start;
  }

  readonly offsetOf: ByteOffsetOf = (offset) => {
    if (offset < this.char) {
      this.byte -= Buffer.byteLength(this.text.slice(offset, this.char));
    } else if (offset > this.char) {
      this.byte += Buffer.byteLength(this.text.slice(this.char, offset));
    }
    this.char = offset;
    return this.byte;
  };
}

/**
 * Reads ranges of a file's bytes back as text, through a window that grows while the ranges asked follow
 * one another (a diff whose files share their order reads the file once more, in large reads) and shrinks
 * when they jump about (one small read a row).
 */
export class FileRanges implements ByteRangeReader {
  private static readonly MIN = 4 * 1024;
  private static readonly MAX = 1024 * 1024;
  private readonly fd: number;
  private window = Buffer.allocUnsafe(FileRanges.MIN);
  private size = 64 * 1024;
  private from = 0;
  private to = 0;
  /** ranges served from the current window */
  private served = 0;

  constructor(readonly path: string) {
    // (standard input is never read back: its rows are kept as copies, see validateFileStream)
    this.fd = path === STDIN_PATH ? -1 : fs.openSync(path, 'r');
  }

  read(start: number, end: number): string {
    if (start < this.from || end > this.to) this.fill(start, end);
    this.served++;
    return this.window.toString('utf8', start - this.from, end - this.from);
  }

  private fill(start: number, end: number): void {
    this.size = this.served > 1 ? Math.min(this.size * 2, FileRanges.MAX) : Math.max(this.size / 2, FileRanges.MIN);
    const want = Math.max(this.size, end - start);
    if (this.window.length < want) this.window = Buffer.allocUnsafe(want);
    const n = fs.readSync(this.fd, this.window, 0, want, start);
    this.from = start;
    this.to = start + n;
    this.served = 0;
    if (this.to < end) throw new Error(`${this.path} changed while it was read`);
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
  }
}

/** How many bytes at the start of a file tell its encoding. */
const SNIFF_BYTES = 64 * 1024;

/**
 * The encoding of a file from its first bytes: a byte-order mark; UTF-16 without one, from the zero bytes
 * its ASCII characters have on one side (even offsets: big-endian, odd: little-endian); binary data, from
 * zero bytes anywhere else or from more than a tenth of the text being control characters or bytes
 * that are no UTF-8 (a Windows-1252 file has an accented letter here and there, not a tenth).
 */
export function sniff(b: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'binary' {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const half = b.length / 2;
  if (oddZeros > half * 0.3 && evenZeros < oddZeros * 0.05) return 'utf-16le';
  if (evenZeros > half * 0.3 && oddZeros < evenZeros * 0.05) return 'utf-16be';
  if (evenZeros + oddZeros > 0) return 'binary';
  if (b.length === 0) return 'utf-8';
  // a cut at the end may split a character: drop up to three bytes there
  const text = new TextDecoder('utf-8').decode(b.subarray(0, b.length >= SNIFF_BYTES ? b.length - 3 : b.length));
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) odd++;
  }
  return odd > text.length * 0.1 ? 'binary' : 'utf-8';
}

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

function decoderFor(encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Decoder {
  let bom = true;
  // the byte-order mark is not part of the first header (the editor drops it too)
  const dropBom = (s: string): string => {
    if (!bom || s.length === 0) return s;
    bom = false;
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  };
  if (encoding === 'utf-16be') {
    const d = new TextDecoder('utf-16be');
    return { write: (b) => dropBom(d.decode(b, { stream: true })), end: () => dropBom(d.decode()) };
  }
  const d = new StringDecoder(encoding === 'utf-8' ? 'utf8' : 'utf16le');
  return { write: (b) => dropBom(d.write(b)), end: () => dropBom(d.end()) };
}
