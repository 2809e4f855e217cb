/**
 * Bytes to text for callers that read files themselves (the CLI). The editor hands the server text that
 * it has already decoded; there, bytes that were not UTF-8 arrive as U+FFFD and a rule reports them.
 */

export interface DecodedText {
  text: string;
  /** set when the file cannot be checked as UTF-8 CSV at all, or was decoded from another encoding */
  problem?: { kind: 'binary' | 'utf16'; message: string };
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    return {
      text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)),
      problem: {
        kind: 'utf16',
        message: 'The file is saved as UTF-16 (Unicode); the upload takes UTF-8 only: save it as "CSV UTF-8 (comma delimited)".',
      },
    };
  }
  // A NUL byte never occurs in a UTF-8 CSV: this is a binary file (a spreadsheet, an archive, …).
  const probe = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  if (probe.indexOf(0) >= 0) {
    return {
      text: '',
      problem: {
        kind: 'binary',
        message: 'This is not a text file (it contains binary data): export the data as "CSV UTF-8 (comma delimited)" and check that file.',
      },
    };
  }
  return { text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes) };
}
