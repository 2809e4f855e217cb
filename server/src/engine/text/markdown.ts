/** What the reports' Markdown shares. */

/** A value as a Markdown table cell: backslashes and pipes escaped, line breaks as one space; null as empty. */
export function markdownCell(s: string | null): string {
  return s === null
    ? ''
    : s
        .replace(/\\/g, '\\\\')
        .replace(/\|/g, '\\|')
        .replace(/[\r\n]+/g, ' ');
}
