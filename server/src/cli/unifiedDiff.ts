/**
 * The unified diff of a file and its fixed text, for `--diff`. The fixes never add or reorder lines (they
 * change lines in place and delete blank ones), so the lines are paired in one linear pass rather than by a
 * general diff, whose time grows with the square of the changes (a delimiter conversion changes every line).
 * The pairing is exact for that kind of change, and for any other it still gives a diff that applies.
 */
const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The lines with their own line breaks (CRLF stays CRLF, so that patch(1) applies the diff to the file). */
function splitLines(text: string): { lines: string[]; finalBreak: boolean } {
  const lines = text.match(/[^\r\n]*(\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
  return { lines, finalBreak: text === '' || /[\r\n]$/.test(text) };
}

/** A line as it compares for pairing: without its break. */
const bare = (line: string): string => line.replace(/[\r\n]+$/, '');

function pair(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let deletions = Math.max(0, a.length - b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (i < a.length && (j >= b.length || (deletions > 0 && (a[i + 1] === b[j] || bare(a[i]).trim() === '')))) {
      ops.push({ kind: '-', line: a[i++] });
      deletions--;
    } else if (i < a.length) {
      ops.push({ kind: '-', line: a[i++] }, { kind: '+', line: b[j++] });
    } else ops.push({ kind: '+', line: b[j++] });
  }
  return ops;
}

/** The diff of `before` and `after` under the names given (every line ends with its break), or '' when they are the same. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = pair(a.lines, b.lines);
  // each op's line number on each side (1-based), and the ops that hold each side's last line
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let oldLast = -1;
  let newLast = -1;
  for (let o = 0, x = 1, y = 1; o < ops.length; o++) {
    oldAt.push(x);
    newAt.push(y);
    if (ops[o].kind !== '+') {
      x++;
      oldLast = o;
    }
    if (ops[o].kind !== '-') {
      y++;
      newLast = o;
    }
  }
  const changes: number[] = [];
  ops.forEach((o, i) => o.kind !== ' ' && changes.push(i));
  const out = [`--- ${oldName}\n`, `+++ ${newName}\n`];
  const MARK = '\\ No newline at end of file';
  for (let c = 0; c < changes.length;) {
    // a hunk: changes at most 2 × CONTEXT unchanged lines apart, with CONTEXT lines around them
    let last = c;
    while (last + 1 < changes.length && changes[last + 1] - changes[last] - 1 <= 2 * CONTEXT) last++;
    const from = Math.max(0, changes[c] - CONTEXT);
    const to = Math.min(ops.length, changes[last] + 1 + CONTEXT);
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(
      `@@ -${oldCount === 0 ? oldAt[from] - 1 : oldAt[from]},${oldCount} +${newCount === 0 ? newAt[from] - 1 : newAt[from]},${newCount} @@\n`,
    );
    const line = (i: number): void => {
      const lacks = (i === oldLast && ops[i].kind !== '+' && !a.finalBreak) || (i === newLast && ops[i].kind !== '-' && !b.finalBreak);
      out.push(ops[i].kind + (lacks ? ops[i].line + '\n' + MARK + '\n' : ops[i].line));
    };
    // within a run of changes, the removed lines first, then the added ones, as diff(1) prints them
    for (let i = from; i < to;) {
      if (ops[i].kind === ' ') {
        line(i++);
        continue;
      }
      const run: number[] = [];
      while (i < to && ops[i].kind !== ' ') run.push(i++);
      for (const r of run) if (ops[r].kind === '-') line(r);
      for (const r of run) if (ops[r].kind === '+') line(r);
    }
    c = last + 1;
  }
  return out.join('');
}
