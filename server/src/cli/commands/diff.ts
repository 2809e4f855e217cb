/** orgdata-lint diff: what uploading NEW will change for whom, against OLD. */
import { DiffBuilder, diffJson, diffMarkdown, diffText } from '../../engine';
import type { Options } from '../args';
import { FileRanges } from '../fileReader';
import { ioMessage, shownName, streamChunks } from '../io';
import type { Target } from '../targets';

/**
 * The diff subcommand: both files streamed, each person's latest row kept as its place in the file (read
 * back when compared), then one report.
 */
export function diff(
  opts: Options,
  oldTarget: Target,
  newTarget: Target,
  stdout: (s: string) => void,
  stderr: (s: string) => void,
): number {
  const [oldFile, newFile] = [oldTarget.path, newTarget.path];
  // each file read under its own settings: an HR export through its orgdata.json's mapping, an upload as it is
  const [oldSettings, newSettings] = [oldTarget.settings ?? opts.settings, newTarget.settings ?? opts.settings];
  const builder = new DiffBuilder(newSettings);
  let oldRows: FileRanges | undefined;
  let newRows: FileRanges | undefined;
  try {
    const old = (oldRows = new FileRanges(oldFile));
    if (!streamChunks(oldFile, oldSettings, (doc, offsetOf) => builder.addOld(doc, offsetOf && { offsetOf, file: old }), stderr, true))
      return 2;
    const now = (newRows = new FileRanges(newFile));
    if (!streamChunks(newFile, newSettings, (doc, offsetOf) => builder.addNew(doc, offsetOf && { offsetOf, file: now }), stderr, true))
      return 2;
    const missing = builder.missingPerson();
    if (missing) {
      stderr(
        `orgdata-lint: ${shownName(missing === 'old' ? oldFile : newFile, opts.stdinFilename)}: no person column (Microsoft_PersonEmail or PersonId), so its rows belong to no one`,
      );
      return 2;
    }
    const d = builder.result();
    const [oldName, newName] = [shownName(oldFile, opts.stdinFilename), shownName(newFile, opts.stdinFilename)];
    stdout(
      opts.format === 'json' ? diffJson(d) : opts.format === 'markdown' ? diffMarkdown(oldName, newName, d) : diffText(oldName, newName, d),
    );
    return 0;
  } catch (e) {
    const io = e as NodeJS.ErrnoException;
    stderr(`orgdata-lint: ${io.code ? ioMessage(io.path ?? oldFile, e) : String(io.message ?? e)}`);
    return 2;
  } finally {
    oldRows?.close();
    newRows?.close();
  }
}
