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
  let shown = false;
  return (read, size) => {
    if (size < 50 * 1024 * 1024) return;
    const mb = (b: number): string => (b / 1024 / 1024).toFixed(0);
    shown = true;
    stderr.write(`\rorgdata-lint: ${file} ${Math.floor((read / size) * 100)}% (${mb(read)} of ${mb(size)} MB)`);
    if (read >= size && shown) stderr.write('\r\x1b[K');
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
    const result = validateFileStream(file, settings, { force: true, readOnly: true, onChunk: take, locateRows });
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
