/**
 * --fix and --diff: the safe fixes (the editor's quick fixes that guess nothing) on whole files. --fix
 * writes each changed file in place, atomically (a file beside it, then a rename), in the encoding it came
 * in, byte-order mark and line endings included; --diff prints what --fix would change and writes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixText } from '../../engine';
import type { Options } from '../args';
import { sniff, STDIN_PATH } from '../fileReader';
import { ioMessage } from '../io';
import type { Target } from '../targets';
import { unifiedDiff } from '../unifiedDiff';

/** --fix reads a file whole; past this it would not fit a JavaScript string. */
const MAX_FIX_BYTES = 400 * 1024 * 1024;

interface Encoded {
  text: string;
  encode: (text: string) => Buffer;
}

/** The file's text, and how to write it back byte for byte as it came; or why it cannot be fixed. */
export function decodeForFix(bytes: Buffer): Encoded | string {
  const kind = sniff(bytes.subarray(0, 64 * 1024));
  if (kind === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.toString('utf16le'), encode: (t) => Buffer.from(t, 'utf16le') };
  if (kind === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16();
    return { text: swapped.toString('utf16le'), encode: (t) => Buffer.from(t, 'utf16le').swap16() };
  }
  if (kind !== 'utf-8') return 'not a UTF-8 or UTF-16 text file with a byte-order mark';
  const text = bytes.toString('utf8');
  // a byte that is not UTF-8 would be written back as U+FFFD: such a file is left alone
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes))
    return 'it holds bytes that are not UTF-8 (save it as "CSV UTF-8" first)';
  return { text, encode: (t) => Buffer.from(t, 'utf8') };
}

interface FileFix {
  before: string;
  after: string;
  fixed: number;
  encoded: Encoded;
}

function fixOne(file: Target, opts: Options): FileFix | string {
  const fd = file.path === STDIN_PATH ? 0 : fs.openSync(file.path, 'r');
  try {
    if (file.path !== STDIN_PATH && fs.fstatSync(fd).size > MAX_FIX_BYTES)
      return `too large for --fix (it reads a file whole; at most ${MAX_FIX_BYTES / 1024 / 1024} MB)`;
    const encoded = decodeForFix(fs.readFileSync(fd));
    if (typeof encoded === 'string') return encoded;
    const result = fixText(encoded.text, file.settings ?? opts.settings, { force: file.named });
    return { before: encoded.text, after: result.text, fixed: result.fixed, encoded };
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}

/** Writes the file through a file beside it and a rename, keeping its mode: never half a file. */
function writeAtomically(file: string, bytes: Buffer): void {
  const mode = fs.statSync(file).mode;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.orgdata-fix-${process.pid}`);
  try {
    fs.writeFileSync(temp, bytes, { mode });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** --fix: each file's safe fixes written in place. False when a file could not be read or written. */
export function fixFiles(opts: Options, files: Target[], stderr: (s: string) => void): boolean {
  let ok = true;
  let fixed = 0;
  let changed = 0;
  for (const file of files) {
    const name = file.display ?? file.path;
    let r: FileFix | string;
    try {
      r = fixOne(file, opts);
    } catch (e) {
      stderr(`orgdata-lint: ${ioMessage(name, e)}`);
      ok = false;
      continue;
    }
    if (typeof r === 'string') {
      stderr(`orgdata-lint: ${name}: not fixed: ${r}`);
      continue;
    }
    if (r.after === r.before) continue;
    try {
      writeAtomically(file.path, r.encoded.encode(r.after));
    } catch (e) {
      stderr(`orgdata-lint: ${name}: cannot write the fixed file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      ok = false;
      continue;
    }
    fixed += r.fixed;
    changed++;
  }
  if (fixed > 0) stderr(`orgdata-lint: fixed ${plural(fixed, 'problem')} in ${plural(changed, 'file')}`);
  return ok;
}

/** --diff: what --fix would change, as a unified diff; exit 1 when there is anything to fix, 2 on a file error. */
export function diffFixes(opts: Options, files: Target[], stdout: (s: string) => void, stderr: (s: string) => void): number {
  let fixable = 0;
  let changed = 0;
  let ioError = false;
  for (const file of files) {
    const name = file.display ?? file.path;
    try {
      const r = fixOne(file, opts);
      if (typeof r === 'string') {
        stderr(`orgdata-lint: ${name}: cannot be fixed: ${r}`);
        continue;
      }
      const d = unifiedDiff(r.before, r.after, `a/${name}`, `b/${name}`);
      if (!d) continue;
      stdout(d.slice(0, -1));
      fixable += r.fixed;
      changed++;
    } catch (e) {
      stderr(`orgdata-lint: ${ioMessage(name, e)}`);
      ioError = true;
    }
  }
  if (fixable > 0) stderr(`orgdata-lint: --fix would fix ${plural(fixable, 'problem')} in ${plural(changed, 'file')}`);
  return ioError ? 2 : fixable > 0 ? 1 : 0;
}
