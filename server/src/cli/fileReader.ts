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
    let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
    let encodingProblem: string | undefined;
    if (n >= 2 && buf[0] === 0xff && buf[1] === 0xfe) encoding = 'utf-16le';
    else if (n >= 2 && buf[0] === 0xfe && buf[1] === 0xff) encoding = 'utf-16be';
    if (encoding !== 'utf-8') {
      encodingProblem = 'The file is saved as UTF-16 (Unicode); the upload takes UTF-8 only: save it as "CSV UTF-8 (Comma delimited)".';
    } else if (buf.subarray(0, Math.min(n, 64 * 1024)).indexOf(0) >= 0) {
      const v = new Validation(settings, { ...options, force: true });
      const result = v.finish();
      return { ...result, orgData: true, findings: [], binary: 'This is not a text file (it contains binary data): export the data as "CSV UTF-8 (comma delimited)" and check that file.' };
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
