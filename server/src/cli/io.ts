/** What the commands share about files: the words for a failed read, a progress line, and a file streamed through the engine. */
import type { ByteOffsetOf, OrgDataDocument, OrgDataSettings } from '../engine';
import { STDIN_PATH, validateFileStream } from './fileReader';

/** A file's name in a report and a message: standard input by --stdin-filename, or <stdin>. */
export function shownName(file: string, stdinFilename: string | undefined): string {
  return file === STDIN_PATH ? (stdinFilename ?? '<stdin>') : file;
}

export function ioMessage(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'ENOENT'
          ? 'no such file'
          : (code ?? 'error');
  return `${file}: cannot read the file (${why})`;
}

/** A progress line on stderr for big files, when a person is watching. */
export function progressFor(file: string, stderr: NodeJS.WriteStream): ((read: number, size: number) => void) | undefined {
  if (!stderr.isTTY) return undefined;
  // (written when the percentage moves: the reader's first chunks are small, hundreds of them)
  let shown = -1;
  return (read, size) => {
    if (size < 50 * 1024 * 1024) return;
    const percent = Math.floor((read / size) * 100);
    if (percent === shown) return;
    shown = percent;
    const mb = (b: number): string => (b / 1024 / 1024).toFixed(0);
    stderr.write(`\rorgdata-lint: ${file} ${percent}% (${mb(read)} of ${mb(size)} MB)`);
    if (read >= size) stderr.write('\r\x1b[K');
  };
}

/** Streams a file's chunks to `take`; false (after one line on stderr) when it cannot be read as text. */
export function streamChunks(
  file: string,
  settings: OrgDataSettings,
  take: (doc: OrgDataDocument, bytes?: ByteOffsetOf) => void,
  stderr: (s: string) => void,
  locateRows = false,
): boolean {
  try {
    let noted = false;
    const result = validateFileStream(file, settings, {
      force: true,
      readOnly: true,
      locateRows,
      onChunk: (doc, bytes) => {
        if (!noted) noted = noteDelimiter(file, doc, stderr);
        take(doc, bytes);
      },
    });
    if (result.binary) {
      stderr(`orgdata-lint: ${file}: ${result.binary}`);
      return false;
    }
    return true;
  } catch (e) {
    stderr(`orgdata-lint: ${ioMessage(file, e)}`);
    return false;
  }
}

/**
 * A semicolon or tab file is read with its own separator, and the command's report is what the file will
 * give once converted; one line says so, since the upload would read it as one column. Returns true.
 */
export function noteDelimiter(file: string, doc: OrgDataDocument, stderr: (s: string) => void): boolean {
  const sep = doc.table.delimiter;
  if (sep !== ',')
    stderr(
      `orgdata-lint: ${file}: separated by ${sep === ';' ? 'semicolons' : 'tabs'}, which the upload reads as one column: read as it will be once converted to commas (orgdata-lint --fix converts it)`,
    );
  return true;
}
