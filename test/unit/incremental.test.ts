import * as assert from 'node:assert/strict';
import {
  BLOCK_ROWS,
  cellValue,
  codeActionsFor,
  completionsAt,
  hoverAt,
  IncrementalAnalysis,
  normalizeSettings,
  parseEntraUsers,
  previewExport,
  rowAtLine,
  validate,
  type Finding,
} from '../../server/src/engine';
import { generateEntraUsers, generateOds } from '../../bench/generate';
import { seeded } from '../random';

const settings = normalizeSettings({ maxProblems: 100000 });

function brief(fs: Finding[]): string[] {
  return fs.map(
    (f) =>
      `${f.code} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message} ${JSON.stringify(f.related ?? [])}`,
  );
}

/** Applies a replacement to text and to the incremental analysis; the findings must equal a full check. */
function edit(a: IncrementalAnalysis, text: string, start: number, end: number, insert: string): string {
  const next = text.slice(0, start) + insert + text.slice(end);
  a.update(next, { start, oldEnd: end, newEnd: start + insert.length });
  assert.deepEqual(
    brief(a.result.findings),
    brief(validate(next, settings).findings),
    `after replacing ${start}-${end} with ${JSON.stringify(insert)}`,
  );
  assert.equal(a.result.people, validate(next, settings).people);
  return next;
}

describe('incremental re-checking of an edited document', () => {
  const base = generateOds(BLOCK_ROWS * 5 + 17);

  it('checks only the touched blocks, and finds exactly what a full check finds', () => {
    let text = base;
    const a = new IncrementalAnalysis(text, settings);
    assert.deepEqual(brief(a.result.findings), brief(validate(text, settings).findings));
    // an invalid email in the middle of block 3
    const at = text.indexOf('\r\n', Math.floor(text.length * 0.6)) + 2;
    text = edit(a, text, at, at + 1, '@');
    assert.equal(a.lastUpdate, 'blocks');
    assert.ok(a.result.findings.some((f) => f.code === 'invalid-email'));
    // and back
    text = edit(a, text, at, at + 1, base[at]);
    assert.equal(a.lastUpdate, 'blocks');
    assert.equal(a.peopleKept, false, 'an email changed: people judged again');
    assert.deepEqual(
      a.result.findings.filter((f) => f.code === 'invalid-email'),
      [],
    );
    // typing in a job title changes no person: the people verdicts are kept
    const title = text.indexOf('Software Engineer', at);
    text = edit(a, text, title, title + 8, 'Hardware');
    assert.equal(a.peopleKept, true);
  });

  it('cross-block verdicts follow: a duplicate far away, a loop, rows added and removed', () => {
    let text = base;
    const a = new IncrementalAnalysis(text, settings);
    const lines = text.split('\r\n');
    const firstEmail = lines[5].split(',')[0];
    // the last row becomes a duplicate of row 5
    const lastRowStart = text.lastIndexOf('\r\n', text.length - 3) + 2;
    const lastEmail = text.slice(lastRowStart).split(',')[0];
    text = edit(a, text, lastRowStart, lastRowStart + lastEmail.length, firstEmail.toUpperCase());
    assert.ok(a.result.findings.some((f) => f.code === 'duplicate-person'));
    // three new rows in block 1 (lines move below them)
    const mid = text.indexOf('\r\n', BLOCK_ROWS * 250) + 2;
    text = edit(a, text, mid, mid, 'x@contoso.com,,,,,,,,,,,,,,,,,,,\r\n\r\ny@contoso.com,a,b\r\n');
    assert.equal(a.lastUpdate, 'blocks');
    // a whole block's worth removed
    const cut = text.indexOf('\r\n', BLOCK_ROWS * 400) + 2;
    text = edit(a, text, cut, text.indexOf('\r\n', cut + BLOCK_ROWS * 260) + 2, '');
  });

  it('a quote left open, or an edit of the header, checks the whole document', () => {
    // rows without quotes: a quote typed into one pairs with the next quote anywhere below
    const rows = ['Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitle'];
    for (let i = 0; i < BLOCK_ROWS * 5; i++) rows.push(`p${i}@contoso.com,${i ? 'p0@contoso.com' : ''},Engineer`);
    let text = rows.join('\n') + '\n';
    const a = new IncrementalAnalysis(text, settings);
    const inBlock1 = text.indexOf('\n', text.length / 5 + 10) + 1;
    text = edit(a, text, inBlock1, inBlock1, '"');
    assert.equal(a.lastUpdate, 'full');
    const inBlock4 = text.indexOf('\n', (text.length * 4) / 5 + 10) + 1;
    text = edit(a, text, inBlock4, inBlock4, '"');
    assert.equal(a.lastUpdate, 'full');
    text = edit(a, text, inBlock1, inBlock1 + 1, '');
    text = edit(a, text, 0, 'Microsoft_PersonEmail'.length, 'Microsoft_PersonMail');
    assert.equal(a.lastUpdate, 'full');
    assert.ok(a.result.findings.some((f) => f.code === 'unknown-attribute'));
  });

  it('small documents are one block, with the editor features on it', () => {
    const a = new IncrementalAnalysis('Microsoft_PersonEmail,Microsoft_JobTitle\nadele@contoso.com,CEO\n', settings);
    assert.equal(a.doc?.columns.length, 2);
    const big = new IncrementalAnalysis(base, settings);
    assert.equal(big.doc?.table.rowCount, BLOCK_ROWS * 5 + 18);
  });
});

describe('editor features on a big document', () => {
  it('the header context covers the first rows only; the whole document is parsed when asked', () => {
    const text = generateOds(BLOCK_ROWS * 3);
    const a = new IncrementalAnalysis(text, settings);
    assert.equal(a.headerDoc?.table.rowCount, BLOCK_ROWS);
    assert.equal(a.headerDoc?.columns.length, 20);
    assert.equal(a.doc?.table.rowCount, BLOCK_ROWS * 3 + 1);
  });
});

describe('editor features on the rows around a line', () => {
  it('hover, completion, quick fixes and the preview answer from one block exactly as from the whole document', () => {
    // enumeration values to complete, a blank row, and a quoted value over two lines in the last block
    const lines = generateOds(BLOCK_ROWS * 3 + 40).split('\r\n');
    lines[0] += ',Microsoft_SupervisorIndicator';
    for (let i = 1; i < lines.length - 1; i++) lines[i] += i % 3 ? ',IC' : ',';
    lines[BLOCK_ROWS * 2 + 7] = '';
    lines[BLOCK_ROWS + 3] = '';
    lines[BLOCK_ROWS * 2 + 9] = lines[BLOCK_ROWS * 2 + 9].replace(/,IC$/, ',Mgnr');
    for (const i of [BLOCK_ROWS * 3 + 1, BLOCK_ROWS * 3 + 9]) lines[i] = ' ' + lines[i];
    lines[BLOCK_ROWS * 3 + 5] = lines[BLOCK_ROWS * 3 + 5].replace('Software Engineer', '"Software\r\nEngineer"');
    const text = lines.join('\r\n');
    const a = new IncrementalAnalysis(text, settings);
    const whole = a.doc!;
    const rand = seeded(9);
    let hovers = 0;
    let previews = 0;
    let valueCompletions = 0;
    for (let k = 0; k < 300; k++) {
      const line = k < 4 ? [0, 1, BLOCK_ROWS * 2 + 7, BLOCK_ROWS * 3 + 6][k] : rand(text.split('\r\n').length + 2);
      const ctx = a.contextAt(line)!;
      assert.ok(ctx.table.rowCount <= BLOCK_ROWS + 1, 'one block, never the whole document');
      // anywhere on the line, or its end (the last column, an enumeration)
      const character = k % 2 ? rand(200) : 100_000;
      const pos = { line, character };
      const hover = hoverAt(ctx, pos);
      assert.deepEqual(hover, hoverAt(whole, pos), `hover at ${line}:${character}`);
      if (hover) hovers++;
      const completions = completionsAt(ctx, pos);
      assert.deepEqual(completions, completionsAt(whole, pos), `completion at ${line}:${character}`);
      if (completions.length > 0 && line > 0) valueCompletions++;
      const row = rowAtLine(ctx, line);
      assert.equal(row === undefined, rowAtLine(whole, line) === undefined, `row at ${line}`);
      if (row !== undefined) {
        const options = { precedence: 'organizationalData' as const };
        assert.deepEqual(
          previewExport(ctx, row, options),
          previewExport(whole, rowAtLine(whole, line)!, options),
          `preview of line ${line}`,
        );
        previews++;
      }
    }
    assert.ok(
      hovers > 200 && previews > 200 && valueCompletions > 0,
      `${hovers} hovers, ${previews} previews, ${valueCompletions} value completions`,
    );
    // every quick fix of every finding: the same from the finding's block as from the whole document
    const codes = new Set<string>();
    for (const f of a.result.findings) {
      const d = { code: f.code, range: f.range, data: f.data };
      const fromBlock = codeActionsFor(a.contextAt(f.range.start.line)!, f.range, [d], () => whole);
      assert.deepEqual(fromBlock, codeActionsFor(whole, f.range, [d]), `${f.code} on line ${f.range.start.line}`);
      if (fromBlock.length > 0) codes.add(f.code);
    }
    assert.deepEqual([...codes].sort(), ['blank-row', 'email-spaces', 'unrecognized-value']);
    // a person found by address: their first row, in whichever block
    const person = lines[BLOCK_ROWS * 2 + 500].split(',')[0];
    assert.equal(a.personLine(person.toUpperCase()), BLOCK_ROWS * 2 + 500);
    assert.equal(a.personLine('nobody@contoso.com'), undefined);
  });
});

describe('incremental re-checking under random edits', () => {
  it('200 random edits (commas, quotes, line breaks, emails, deletions) always agree with a full check', function () {
    this.timeout(120_000);
    let text = generateOds(BLOCK_ROWS * 3 + 100);
    const a = new IncrementalAnalysis(text, settings);
    const inserts = [',', '"', '\r\n', '\n', 'x', '@', "''", 'a@contoso.com', '', '"q,"', '\r\n\r\n', '-1', '=1+1'];
    const rand = seeded(42);
    const kinds = { blocks: 0, full: 0, peopleKept: 0 };
    for (let i = 0; i < 200; i++) {
      // mostly below the header, where edits are re-checked by blocks
      const start = 2000 + rand(text.length - 2000);
      const end = Math.min(text.length, start + (rand(4) === 0 ? rand(400) : rand(3)));
      text = edit(a, text, start, end, inserts[rand(inserts.length)]);
      kinds[a.lastUpdate]++;
      if (a.peopleKept) kinds.peopleKept++;
    }
    assert.ok(kinds.blocks > 100, `most edits re-check blocks only: ${JSON.stringify(kinds)}`);
    assert.ok(kinds.peopleKept > 0, `and some keep the people verdicts: ${JSON.stringify(kinds)}`);
  });
});

describe('a semicolon document, edited', () => {
  it('is read with its separator block by block, and 100 random edits (semicolons, commas, quotes, lines) agree with a full check', function () {
    this.timeout(120_000);
    // the generator's commas become semicolons (its values hold no comma or semicolon of their own)
    let text = generateOds(BLOCK_ROWS * 3 + 50).replace(/,/g, ';');
    const a = new IncrementalAnalysis(text, settings);
    assert.deepEqual(brief(a.result.findings), brief(validate(text, settings).findings));
    assert.equal(a.result.findings.filter((f) => f.code === 'wrong-delimiter').length, 1);
    const inserts = [';', ',', '"', '\r\n', 'x', '@', ' a@contoso.com ', '', '"q;"', '\r\n\r\n'];
    const rand = seeded(7);
    let blocks = 0;
    for (let i = 0; i < 100; i++) {
      const start = 2000 + rand(text.length - 2000);
      const end = Math.min(text.length, start + rand(3));
      text = edit(a, text, start, end, inserts[rand(inserts.length)]);
      if (a.lastUpdate === 'blocks') blocks++;
    }
    assert.ok(blocks > 50, `most edits re-check blocks only: ${blocks}`);
    // an edit of the header that makes it comma-separated: the whole is read again, with commas
    text = edit(a, text, 0, text.indexOf(';'), 'Microsoft_PersonEmail,x');
    assert.equal(a.lastUpdate, 'full');
  });
});

describe('incremental re-checking with the tenant\u2019s Entra ID users', () => {
  it('150 random edits of people, managers, values and lines, in any block: always what a fresh check with the users finds', function () {
    this.timeout(120_000);
    const people = BLOCK_ROWS * 3 + 100;
    const entra = parseEntraUsers(generateEntraUsers(people), 'users.csv');
    let text = generateOds(people);
    // and a cap that the cross-check's findings cross, so that which are kept matters too
    for (const capped of [settings, normalizeSettings({ maxProblems: 300 })]) {
      const a = new IncrementalAnalysis(text, capped, { entra });
      // addresses the tenant has, has not, and values Entra ID hides or shows as they are
      const inserts = [
        'nobody@contoso.com',
        'adele.vance0@contoso.com',
        'ghost@contoso.com',
        'Team Lead',
        'Finance',
        'Building 9, Floor 9',
        '\r\n',
        ',',
        'x',
        '',
      ];
      const rand = seeded(capped === settings ? 7 : 8);
      for (let i = 0; i < 75; i++) {
        // a whole cell: from after a comma or a line break (a person cell) to the next comma or line end
        const from = text.indexOf(rand(3) === 0 ? '\n' : ',', 2000 + rand(text.length - 2000));
        if (from < 0) continue;
        let to = from + 1;
        while (to < text.length && text[to] !== ',' && text[to] !== '\r' && text[to] !== '\n' && text[to] !== '"') to++;
        const insert = inserts[rand(inserts.length)];
        const next = text.slice(0, from + 1) + insert + text.slice(to);
        a.update(next, { start: from + 1, oldEnd: to, newEnd: from + 1 + insert.length });
        // under a cap, a fresh check in the editor (by blocks too) keeps what it keeps; without one, all there is
        const fresh = capped === settings ? validate(next, capped, { entra }) : new IncrementalAnalysis(next, capped, { entra }).result;
        assert.deepEqual(brief(a.result.findings), brief(fresh.findings), `edit ${i}: ${JSON.stringify(insert)} at ${from + 1}`);
        assert.equal(a.result.total, fresh.total);
        text = next;
      }
    }
    const codes = new Set<string>(validate(text, settings, { entra }).findings.map((f) => f.code));
    for (const code of ['entra-person-unmatched', 'entra-manager-unmatched', 'shadowed-by-entra', 'entra-members-missing'])
      assert.ok(codes.has(code), code);
  });
});

describe('a document wrong on every row', () => {
  it('holds only the findings that can be shown, and brings back the rest when edits make room', () => {
    const capped = normalizeSettings({ maxProblems: 50, severity: { 'copilot-columns-missing': 'off' } });
    const rows = ['Microsoft_PersonEmail,Microsoft_Layer'];
    // wrong in the first block and from the fourth on; the second and third blocks are clean
    const clean = (line: number): boolean => line >= BLOCK_ROWS && line < BLOCK_ROWS * 3;
    for (let i = 1; i <= BLOCK_ROWS * 5; i++) rows.push(`p${i}@contoso.com,${clean(i) ? 1 : 'x'}`);
    let text = rows.join('\n') + '\n';
    const a = new IncrementalAnalysis(text, capped);
    const same = (): void => {
      const whole = validate(text, capped);
      assert.deepEqual(brief(a.result.findings), brief(whole.findings));
      assert.equal(a.result.total, whole.total);
    };
    same();
    assert.ok(a.findingsHeld <= 2 * 50, `held ${a.findingsHeld}, not one cap's worth per block`);
    // fix the first block: an edit there re-checks the first two blocks, and the fourth comes into view
    // (from the second row: an edit touching the header row checks the whole document)
    const start = text.indexOf('\np2@') + 1;
    const end = text.indexOf(`\np${BLOCK_ROWS}@`);
    text = text.replace('p1@contoso.com,x', 'p1@contoso.com,1');
    a.update(text);
    text = text.slice(0, start) + text.slice(start, end).replace(/,x$/gm, ',1') + text.slice(end);
    a.update(text, { start, oldEnd: end, newEnd: end });
    same();
    assert.equal(a.lastUpdate, 'blocks');
    // (the column shares one problem: one finding on its header, then the cells as hints)
    const firstCell = a.result.findings.find((f) => f.range.start.line > 0)!;
    assert.match(firstCell.message, /Microsoft_Layer must be a whole number/);
    assert.equal(firstCell.range.start.line, BLOCK_ROWS * 3);
    assert.ok(a.findingsHeld <= 2 * 50);
    // and break them again
    const rand = seeded(3);
    for (let i = 0; i < 30; i++) {
      const line = 1 + rand(BLOCK_ROWS * 5);
      const start = text.split('\n', line).join('\n').length + 1;
      const comma = text.indexOf(',', start);
      const value = text[comma + 1] === 'x' ? '1' : 'x';
      text = text.slice(0, comma + 1) + value + text.slice(comma + 2);
      a.update(text, { start: comma + 1, oldEnd: comma + 2, newEnd: comma + 2 });
      same();
    }
  });
});

describe('errors first under the cap', () => {
  it('an error typed far past a cap full of warnings is shown, in the block it is in, and goes when undone', () => {
    const capped = normalizeSettings({ maxProblems: 50, severity: { 'copilot-columns-missing': 'off' } });
    const rows = ['Microsoft_PersonEmail,Microsoft_ManagerEmail'];
    // a space after every manager's address: a warning on every row, thousands past the cap
    for (let i = 1; i <= BLOCK_ROWS * 4; i++) rows.push(i === 1 ? 'p1@contoso.com,' : `p${i}@contoso.com,p1@contoso.com `);
    let text = rows.join('\n') + '\n';
    const a = new IncrementalAnalysis(text, capped);
    const line = BLOCK_ROWS * 3 + 7;
    const errorsOf = (): string[] => a.result.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.range.start.line}`);
    assert.deepEqual(errorsOf(), []);
    const edit = (from: string, to: string): void => {
      const at = text.indexOf(from);
      text = text.slice(0, at) + to + text.slice(at + from.length);
      a.update(text, { start: at, oldEnd: at + from.length, newEnd: at + to.length });
      const fresh = new IncrementalAnalysis(text, capped).result;
      assert.deepEqual(brief(a.result.findings), brief(fresh.findings));
      assert.deepEqual(a.result.counts, fresh.counts);
    };
    edit(`\np${line}@contoso.com,`, `\np${line}contoso.com,`);
    assert.deepEqual(errorsOf(), [`invalid-email ${line}`]);
    assert.equal(a.result.findings.length, 51, 'the cap and the note');
    assert.match(
      a.result.findings[0].message,
      /^\d+ more problems are not shown \(\d+ warnings; orgdata\.maxProblems is 50, the most severe are shown first\): fix these first/,
    );
    assert.deepEqual([a.result.counts.error, a.result.counts.warning], [1, BLOCK_ROWS * 4 - 1]);
    edit(`\np${line}contoso.com,`, `\np${line}@contoso.com,`);
    assert.deepEqual(errorsOf(), []);
    // (one budget a severity)
    assert.ok(a.findingsHeld <= 4 * 50, `held ${a.findingsHeld}`);
  });
});

describe('addresses typed and edited away', () => {
  it('keep their numbers until they outnumber the people; then the document is checked afresh', () => {
    const spare = IncrementalAnalysis.spareNumbers;
    IncrementalAnalysis.spareNumbers = 10;
    try {
      let text = generateOds(BLOCK_ROWS * 2 + 10);
      const a = new IncrementalAnalysis(text, settings);
      let full = 0;
      // 1,500 rows of the second block get new addresses, four times over: each round numbers 1,500 more
      for (let round = 0; round < 4; round++) {
        const start = text.split('\r\n', BLOCK_ROWS + 100).join('\r\n').length + 2;
        const lines = text.slice(start).split('\r\n');
        const end = start + lines.slice(0, 1500).join('\r\n').length;
        const renamed = lines
          .slice(0, 1500)
          .map((l, k) => l.replace(/^[^,]+/, `round${round}.${k}@contoso.com`))
          .join('\r\n');
        text = edit(a, text, start, end, renamed);
        if (a.lastUpdate === 'full') full++;
      }
      assert.equal(full, 1, 'one whole check, once the spare numbers ran out');
    } finally {
      IncrementalAnalysis.spareNumbers = spare;
    }
  });
});

describe('a document of several 4 MB pieces', () => {
  it('parsed into reused arrays, piece after piece, finds exactly what one parse of the whole finds', function () {
    this.timeout(60_000);
    // a duplicate and an invalid email in the third piece, a loop across the first and the last
    let text = generateOds(45_000);
    assert.ok(text.length > 9 * 1024 * 1024);
    const lines = text.split('\r\n');
    lines[40_000] = lines[40_000].replace(/^[^,]+/, lines[10].split(',')[0]);
    lines[41_000] = '@' + lines[41_000].slice(1);
    lines[1] = lines[1].replace(/^([^,]+),[^,]*/, `$1,${lines[44_000].split(',')[0]}`);
    lines[44_000] = lines[44_000].replace(/^([^,]+),[^,]*/, `$1,${lines[1].split(',')[0]}`);
    text = lines.join('\r\n');
    const a = new IncrementalAnalysis(text, settings);
    const whole = validate(text, settings);
    assert.deepEqual(brief(a.result.findings), brief(whole.findings));
    for (const code of ['duplicate-person', 'invalid-email', 'reporting-loop'])
      assert.ok(
        whole.findings.some((f) => f.code === code),
        code,
      );
    // the first rows' context, kept for the editor features, still reads its own rows after later pieces were parsed
    const head = a.headerDoc!.table;
    assert.equal(head.rowCount, BLOCK_ROWS);
    for (const row of [0, 5, BLOCK_ROWS - 1]) assert.equal(cellValue(head, head.rowFirstCell[row]), lines[row].split(',')[0]);
  });
});

describe('a big document with a byte-order mark', () => {
  it('is checked in blocks exactly as a whole, and edits agree too', () => {
    let text = '\uFEFF' + generateOds(BLOCK_ROWS * 3).replace(/^Microsoft_PersonEmail/, 'Microsoft_PersonEmail');
    text = text.replace('\r\n', ',Microsoft_JobTitel\r\n');
    const a = new IncrementalAnalysis(text, settings);
    assert.deepEqual(brief(a.result.findings), brief(validate(text, settings).findings));
    assert.ok(a.result.findings.length > 0);
    const at = text.indexOf('\r\n', text.length / 2) + 2;
    text = edit(a, text, at, at + 1, '@');
    // an edit in the first block, below the header: the header line's findings keep their place
    text = text.replace('Microsoft_ManagerEmail', 'Microsoft_ManagerMail');
    a.update(text);
    const inFirst = text.indexOf('\r\n', 5000) + 2;
    text = edit(a, text, inFirst, inFirst + 1, 'x');
    assert.equal(a.lastUpdate, 'blocks');
    const header = a.result.findings.find((f) => f.code === 'copilot-columns-missing')!;
    assert.deepEqual(header.range, { start: { line: 0, character: 1 }, end: { line: 0, character: text.indexOf('\r\n') } });
  });
});
