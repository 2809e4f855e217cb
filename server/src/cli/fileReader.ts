/**
 * Streams a CSV file from disk through the engine in chunks of whole rows, so that memory stays bounded
 * whatever the file's size: bytes are decoded as they come (a character split between two reads is kept
 * whole), and each chunk ends before the last, possibly incomplete, row, which starts the next one.
 */
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import {
  completeRows,
  parseCsv,
  sliceTable,
  Validation,
  type OrgDataDocument,
  type OrgDataSettings,
  type ValidateOptions,
  type ValidationResult,
} from '../engine';

/** Bytes read at a time: 4 MB keeps the garbage of each chunk small (measured: 16 MB doubles peak memory, no faster). ORGDATA_READ_BYTES lets tests make a small file span many reads. */
const READ_BYTES = Number(process.env.ORGDATA_READ_BYTES) > 0 ? Number(process.env.ORGDATA_READ_BYTES) : 4 * 1024 * 1024;
/** A quoted cell may span reads; past this much carried-over text, an open quote is taken as never closed. */
const MAX_CARRY_CHARS = 64 * 1024 * 1024;

export interface StreamOptions extends Omit<ValidateOptions, 'fileBytes' | 'encodingProblem'> {
  /** called after each chunk with the bytes read so far and the file's size */
  onProgress?: (read: number, size: number) => void;
  /** called with each chunk's rows, after the rules ran on them (the preview subcommand) */
  onChunk?: (doc: OrgDataDocument) => void | 'stop';
}

export type StreamResult = ValidationResult & { binary?: string };

export function validateFileStream(path: string, settings: OrgDataSettings, options: StreamOptions = {}): StreamResult {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(READ_BYTES);
    let n = fs.readSync(fd, buf, 0, READ_BYTES, null);
    let read = n;

    // what the first bytes say about the encoding
    const encoding = sniff(buf.subarray(0, Math.min(n, SNIFF_BYTES)));
    let encodingProblem: string | undefined;
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      encodingProblem = 'The file is saved as UTF-16 (Unicode); the upload takes UTF-8 only: save it as "CSV UTF-8 (Comma delimited)".';
    } else if (encoding === 'binary') {
      const v = new Validation(settings, { ...options, force: true });
      const result = v.finish();
      return { ...result, orgData: true, findings: [], binary: 'This is not a text file (it contains binary data): export the data as "CSV UTF-8 (Comma delimited)" and check that file.' };
    }

    // Node's StringDecoder keeps a character split between reads whole, and decodes several times faster
    // than TextDecoder; UTF-16 big-endian, which it lacks, is rare enough for TextDecoder
    const decoder = decoderFor(encoding);
    const validation = new Validation(settings, { ...options, fileBytes: size, encodingProblem });
    let pending = '';
    let stopped = false;
    for (;;) {
      const final = n === 0;
      const text = pending + (final ? decoder.end() : decoder.write(buf.subarray(0, n)));
      const table = parseCsv(text);
      if (final) {
        deliver(validation.chunk(table));
        break;
      }
      // the last row may go on in the next read, and so may a quoted cell still open
      const keep = completeRows(table, MAX_CARRY_CHARS);
      if (keep >= 1) {
        deliver(validation.chunk(sliceTable(table, 0, keep)));
        if (stopped) break;
        pending = text.slice(table.rowStart[keep]);
      } else {
        pending = text; // not one whole row yet: read on
      }
      options.onProgress?.(read, size);
      n = fs.readSync(fd, buf, 0, READ_BYTES, null);
      read += n;
    }
    options.onProgress?.(size, size);
    return validation.finish();

    function deliver(doc: OrgDataDocument | undefined): void {
      if (doc && options.onChunk && options.onChunk(doc) === 'stop') stopped = true;
    }
  } finally {
    fs.closeSync(fd);
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
  for (let i = 0; i < b.length; i++) if (b[i] === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
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
