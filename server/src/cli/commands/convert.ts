/**
 * orgdata-lint convert RAW -o UPLOAD: the upload file made from an HR export, as Microsoft expects it
 * (mapped headers, unmapped columns left out, UTF-8, commas, RFC 4180 quoting, the safe fixes made).
 * It never writes over RAW.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertExport } from '../../engine';
import type { Options } from '../args';
import { decodeForFix } from './fix';
import { ioMessage } from '../io';
import type { Target } from '../targets';

export function convert(opts: Options, raw: Target, stderr: (s: string) => void): number {
  const name = raw.display ?? raw.path;
  if (!opts.out) {
    stderr('orgdata-lint: convert needs -o UPLOAD, the file to write (see --help)');
    return 2;
  }
  if (fs.existsSync(opts.out) && fs.existsSync(raw.path) && fs.realpathSync(opts.out) === fs.realpathSync(raw.path)) {
    stderr(`orgdata-lint: ${opts.out}: convert does not write over the export it reads; name another file`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(raw.path === '/dev/stdin' ? 0 : raw.path);
  } catch (e) {
    stderr(`orgdata-lint: ${ioMessage(name, e)}`);
    return 2;
  }
  const decoded = decodeForFix(bytes);
  if (typeof decoded === 'string') {
    stderr(`orgdata-lint: ${name}: cannot convert: ${decoded}`);
    return 2;
  }
  const settings = raw.settings ?? opts.settings;
  const c = convertExport(decoded.text, settings, { force: true });
  try {
    // UTF-8, whatever the export came in (its byte-order mark kept, as Excel's "CSV UTF-8" writes one)
    fs.writeFileSync(opts.out, Buffer.from(c.text, 'utf8'));
  } catch (e) {
    stderr(`orgdata-lint: ${opts.out}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return 2;
  }
  const left = c.dropped.length ? `; left out: ${c.dropped.join(', ')}` : '';
  const how = c.mapped
    ? `mapped by ${Object.keys(settings.columns).length ? 'orgdata.columns' : 'the settings'}${left}`
    : 'no column mapping applied';
  stderr(
    `orgdata-lint: wrote ${path.relative(process.cwd(), opts.out) || opts.out} (${how}; ${c.fixed} ${c.fixed === 1 ? 'problem' : 'problems'} fixed); check it with orgdata-lint ${opts.out}`,
  );
  return 0;
}
