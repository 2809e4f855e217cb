/** orgdata-lint profile: a file's column profile as JSON, text for a terminal, or Markdown for a pull request. */
import { markdownCell as md } from '../text/markdown';
import type { ColumnProfile, FileProfile, ValueCount } from './profile';

/** Past this many rows a Markdown section is cut, with a count of what was left out. */
const MARKDOWN_ROWS = 50;

export function profileJson(p: FileProfile): string {
  return JSON.stringify(p, null, 2);
}

const pct = (n: number, of: number): string => (of === 0 ? '0%' : `${((100 * n) / of).toFixed(n === of || n === 0 ? 0 : 1)}%`);
const list = (xs: ValueCount[]): string => xs.map((x) => `${x.value} (${x.count})`).join(', ');

function rowsOf(p: FileProfile, c: ColumnProfile): number {
  return c.filled + c.blank + c.deleted || p.rows;
}

export function profileText(file: string, p: FileProfile): string {
  const out = [`${file}: ${p.people} people, ${p.rows} rows, ${p.columns.length} columns`];
  for (const c of p.columns) {
    const rows = rowsOf(p, c);
    out.push('');
    out.push(
      `${c.name}${c.attribute ? '' : ' (custom)'}: ${pct(c.filled, rows)} filled (${c.filled}), ${c.blank} blank, ${c.deleted} deleted, ${c.distinct} distinct`,
    );
    if (c.valuesHidden)
      out.push(
        `  values not shown (${c.valuesHidden}; --show-values shows them)${c.smallGroupCount ? `; groups under ${p.minGroupSize} people: ${c.smallGroupCount}` : ''}`,
      );
    if (c.top.length > 0) out.push(`  top: ${list(c.top)}${c.complete ? '' : ' (counted among the first distinct values)'}`);
    if (c.invalid > 0) out.push(`  not valid ${c.type}: ${c.invalid}, such as ${list(c.invalidValues)}`);
    if (c.smallGroups && c.smallGroups.length > 0)
      out.push(
        `  groups under ${p.minGroupSize} people: ${c.smallGroups.length}: ${list(c.smallGroups.slice(0, 10))}${c.smallGroups.length > 10 ? `, and ${c.smallGroups.length - 10} more` : ''}`,
      );
  }
  return out.join('\n');
}

export function profileMarkdown(file: string, p: FileProfile): string {
  const out = [
    `### Column profile: \`${md(file)}\``,
    '',
    `${p.people} people, ${p.rows} rows. Small groups: values held by fewer than ${p.minGroupSize} people (Viva Insights hides them; they can identify people).`,
    '',
    '| column | filled | blank | deleted | distinct | top values | not valid | small groups |',
    '|---|---:|---:|---:|---:|---|---:|---|',
  ];
  const shown = p.columns.slice(0, MARKDOWN_ROWS);
  for (const c of shown) {
    const small = c.valuesHidden
      ? c.smallGroupCount !== undefined
        ? String(c.smallGroupCount)
        : ''
      : c.smallGroups
        ? `${c.smallGroups.length}${c.smallGroups.length ? `: ${md(list(c.smallGroups.slice(0, 3)))}${c.smallGroups.length > 3 ? ', …' : ''}` : ''}`
        : '';
    const top = c.valuesHidden ? `*not shown (${md(c.valuesHidden)})*` : md(list(c.top.slice(0, 3)));
    out.push(
      `| ${md(c.name)} | ${pct(c.filled, rowsOf(p, c))} | ${c.blank} | ${c.deleted} | ${c.distinct} | ${top} | ${c.invalid} | ${small} |`,
    );
  }
  if (p.columns.length > shown.length) out.push('', `…and ${p.columns.length - shown.length} more columns (see --format json).`);
  return out.join('\n');
}
