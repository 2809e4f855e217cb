/** orgdata-lint profile: how each column of a file is filled, without the values of private columns unless asked. */
import { NOTHING_TO_PROFILE, ProfileBuilder, profileJson, profileMarkdown, profileText } from '../../engine';
import type { Options } from '../args';
import { shownName, streamChunks } from '../io';

/** The profile subcommand: the file streamed through the profile, chunk by chunk, then one report. */
export function profile(opts: Options, file: string, stdout: (s: string) => void, stderr: (s: string) => void): number {
  const builder = new ProfileBuilder(opts.settings, opts.minGroupSize, opts.showValues);
  if (!streamChunks(file, opts.settings, (doc) => builder.add(doc), stderr)) return 2;
  const p = builder.result();
  const name = shownName(file, opts.stdinFilename);
  if (p.columns.length === 0) {
    stderr(`orgdata-lint: ${name}: ${NOTHING_TO_PROFILE}`);
    return 2;
  }
  stdout(opts.format === 'json' ? profileJson(p) : opts.format === 'markdown' ? profileMarkdown(name, p) : profileText(name, p));
  return 0;
}
