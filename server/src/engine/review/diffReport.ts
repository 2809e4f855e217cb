/** orgdata-lint diff: what the upload will change, as JSON, text for a terminal, or Markdown for a pull request. */
import { markdownCell as md } from '../text/markdown';
import type { Change, UploadDiff } from './diff';

/** Past this many changes the text and Markdown reports stop listing them, and say how many more. */
const LISTED = 200;

const ABSENT_MEANS =
  "An upload leaves the stored data of people it does not name as it is: to delete a person, upload their row with every attribute '' (and Layer -1).";

export function diffJson(d: UploadDiff): string {
  return JSON.stringify(d, null, 2);
}

const HIDDEN = '(values not shown: sensitive data)';

/** The columns the upload will not import, one line each, with the name probably meant. */
function notImportedLines(d: UploadDiff): string[] {
  return (d.notImported ?? []).map(
    (c) => `${c.column}: not imported (${c.reason})${c.meant?.length ? `; probably meant ${c.meant.join(' or ')}` : ''}`,
  );
}

function duplicatedLine(d: UploadDiff): string | undefined {
  const dup = d.duplicated ?? [];
  if (dup.length === 0) return undefined;
  return `${dup.length === 1 ? 'this person has' : 'these people have'} more than one row (the first is compared; merge them before the upload): ${dup.slice(0, 20).join(', ')}${dup.length > 20 ? `, and ${dup.length - 20} more` : ''}`;
}

function summary(d: UploadDiff): string {
  const p = d.people;
  return `${p.added.length} added, ${p.changed} changed, ${p.unchanged} unchanged, ${p.absent.length} absent (not deleted); ${d.changes.length} value changes`;
}

/** Per attribute: how many values are added, changed and deleted. */
function byAttribute(d: UploadDiff): [string, Record<Change['kind'], number>][] {
  const counts = new Map<string, Record<Change['kind'], number>>();
  for (const c of d.changes) {
    const n = counts.get(c.attribute) ?? { added: 0, changed: 0, deleted: 0 };
    n[c.kind]++;
    counts.set(c.attribute, n);
  }
  return [...counts];
}

const show = (v: string | null): string => (v === null ? '(none)' : `'${v}'`);

export function diffText(oldFile: string, newFile: string, d: UploadDiff): string {
  const out = [`${newFile} against ${oldFile}: ${summary(d)}`];
  const attributes = byAttribute(d);
  if (attributes.length > 0) {
    out.push('');
    for (const [name, n] of attributes) out.push(`${name}: ${n.changed} changed, ${n.added} added, ${n.deleted} deleted`);
  }
  if (d.changes.length > 0) {
    out.push('');
    let person = '';
    for (const c of d.changes.slice(0, LISTED)) {
      if (c.person !== person) out.push((person = c.person));
      out.push(
        c.valuesHidden ? `  ${c.attribute} ${c.kind} ${HIDDEN}` : `  ${c.attribute} ${c.kind}: ${show(c.before)} -> ${show(c.after)}`,
      );
    }
    if (d.changes.length > LISTED) out.push(`  … and ${d.changes.length - LISTED} more changes (see --format json)`);
  }
  if (d.people.added.length > 0)
    out.push(
      '',
      `added: ${d.people.added.slice(0, 20).join(', ')}${d.people.added.length > 20 ? `, and ${d.people.added.length - 20} more` : ''}`,
    );
  if (d.people.absent.length > 0)
    out.push(
      '',
      `absent: ${d.people.absent.slice(0, 20).join(', ')}${d.people.absent.length > 20 ? `, and ${d.people.absent.length - 20} more` : ''}`,
      ABSENT_MEANS,
    );
  const ignored = notImportedLines(d);
  if (ignored.length > 0) out.push('', 'columns the upload will not import (no change counted):', ...ignored.map((l) => `  ${l}`));
  const dup = duplicatedLine(d);
  if (dup) out.push('', dup);
  return out.join('\n');
}

export function diffMarkdown(oldFile: string, newFile: string, d: UploadDiff): string {
  const out = [`### Upload changes: \`${md(newFile)}\` against \`${md(oldFile)}\``, '', `People: ${summary(d)}.`];
  const attributes = byAttribute(d);
  if (attributes.length > 0) {
    out.push('', '| attribute | changed | added | deleted |', '|---|---:|---:|---:|');
    for (const [name, n] of attributes) out.push(`| ${md(name)} | ${n.changed} | ${n.added} | ${n.deleted} |`);
  }
  if (d.changes.length > 0) {
    out.push('', '| person | attribute | change | before | after |', '|---|---|---|---|---|');
    for (const c of d.changes.slice(0, LISTED))
      out.push(
        c.valuesHidden
          ? `| ${md(c.person)} | ${md(c.attribute)} | ${c.kind} | ${HIDDEN} | |`
          : `| ${md(c.person)} | ${md(c.attribute)} | ${c.kind} | ${md(c.before)} | ${md(c.after)} |`,
      );
    if (d.changes.length > LISTED)
      out.push('', `…and ${d.changes.length - LISTED} more changes (\`orgdata-lint diff --format json\` lists them all).`);
  }
  const absent = d.people.absent.length;
  if (absent > 0) out.push('', `${absent} ${absent === 1 ? 'person is' : 'people are'} absent from the new file. ${ABSENT_MEANS}`);
  const ignored = notImportedLines(d);
  if (ignored.length > 0) out.push('', 'Columns the upload will not import (no change counted):', '', ...ignored.map((l) => `- ${md(l)}`));
  const dup = duplicatedLine(d);
  if (dup) out.push('', md(dup.charAt(0).toUpperCase() + dup.slice(1)) + '.');
  return out.join('\n');
}
