/** orgdata-lint preview: the Preview Export JSON of one person, or of everyone as JSON Lines. */
import * as fs from 'node:fs';
import { peopleOf, previewExport, rowOfPerson } from '../../engine';
import type { EntraLoad } from '../../entraFile';
import type { Options } from '../args';
import { validateFileStream } from '../fileReader';
import { ioMessage, noteDelimiter } from '../io';

/** The preview subcommand: one person as JSON, or everyone as JSON Lines, streamed chunk by chunk. */
export function preview(opts: Options, file: string, entra: EntraLoad, stdout: (s: string) => void, stderr: (s: string) => void): number {
  let out: number | undefined;
  const write = (s: string): void => {
    if (out !== undefined) fs.writeSync(out, s + '\n');
    else stdout(s);
  };
  const previewOptions = { precedence: opts.settings.precedence, entra: entra.directory };
  let found = false;
  let personError: string | undefined;
  let skipped = 0;
  let noted = false;
  try {
    if (opts.out) out = fs.openSync(opts.out, 'w');
    const result = validateFileStream(file, opts.settings, {
      force: true,
      entra: entra.directory,
      onChunk: (doc) => {
        if (!noted) noted = noteDelimiter(file, doc, stderr);
        if (opts.person !== undefined) {
          const row = rowOfPerson(doc, opts.person);
          if (row === undefined) return undefined;
          const p = previewExport(doc, row, previewOptions);
          if ('error' in p) personError = p.error;
          else write(JSON.stringify(p, null, 2));
          found = true;
          return 'stop';
        }
        for (const person of peopleOf(doc)) {
          const p = previewExport(doc, person.row, previewOptions);
          if ('error' in p) skipped++;
          else write(JSON.stringify(p));
        }
        return undefined;
      },
    });
    if (result.binary) {
      stderr(`orgdata-lint: ${file}: ${result.binary}`);
      return 2;
    }
    if (!result.orgData || result.findings.some((f) => f.code === 'empty-file')) {
      stderr(`orgdata-lint: ${file}: not an org-data file with people in it`);
      return 2;
    }
  } catch (e) {
    stderr(`orgdata-lint: ${ioMessage(opts.out && out === undefined ? opts.out : file, e)}`);
    return 2;
  } finally {
    if (out !== undefined) fs.closeSync(out);
  }
  if (opts.person !== undefined && !found) {
    stderr(`orgdata-lint: ${file}: no row for ${opts.person}`);
    return 2;
  }
  if (personError) {
    stderr(`orgdata-lint: ${file}: ${personError}`);
    return 2;
  }
  if (opts.person === undefined && skipped > 0)
    stderr(`orgdata-lint: ${skipped} rows without a valid person email were left out (the upload drops them)`);
  return 0;
}
