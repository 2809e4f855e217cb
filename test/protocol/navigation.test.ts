import * as assert from 'node:assert/strict';
import { applyEdits, LineIndex } from '../../server/src/engine';
import { email, generateOds, generateVivaHistory } from '../../bench/generate';
import { analyze, normalizeSettings, peopleOf } from '../../server/src/engine';
import { LspClient } from './lspClient';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type Item = { name: string; detail: string; range: Range; uri: string; data: unknown };

/** 300 people: person i (line i + 1) reports to person floor((i - 1) / 8); two assistant columns added. */
const PEOPLE = 300;
const BASE = generateOds(PEOPLE).split('\r\n');
const DOC =
  [
    BASE[0] + ',Microsoft_AssistantsEmail,Microsoft_DotLineManagersEmailAndLabel',
    ...BASE.slice(1, -1).map(
      (row, i) => `${row},${i === 9 ? email(1) : ''},${i === 20 ? `"${email(1).toUpperCase()}:Projects; ${email(2)}"` : ''}`,
    ),
  ].join('\r\n') + '\r\n';
const URI = 'file:///ws/people.csv';
const lineOf = (i: number): number => i + 1;
/** person i's display name, as the generator writes it from their address (alex.holloway1 is Alex Holloway) */
const nameOf = (i: number): string =>
  email(i)
    .split('@')[0]
    .replace(/\d+$/, '')
    .split('.')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
/** the range of person i's email cell, and of the manager cell on person i's line */
const personCell = (i: number): Range => ({
  start: { line: lineOf(i), character: 0 },
  end: { line: lineOf(i), character: email(i).length },
});
const managerCell = (i: number): Range => {
  const start = email(i).length + 1;
  return {
    start: { line: lineOf(i), character: start },
    end: { line: lineOf(i), character: start + email(Math.floor((i - 1) / 8)).length },
  };
};

describe('reporting-line navigation over stdio', () => {
  let client: LspClient;
  afterEach(() => client?.kill());

  async function open(text = DOC, uri = URI): Promise<void> {
    client = new LspClient();
    const init = await client.initialize();
    for (const cap of [
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'callHierarchyProvider',
      'workspaceSymbolProvider',
    ]) {
      assert.ok((init.capabilities as Record<string, unknown>)[cap], cap);
    }
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    await client.open(uri, text);
    await client.waitFor(uri);
  }

  const at = (line: number, character: number, uri = URI) => ({ textDocument: { uri }, position: { line, character } });

  it('go to definition: a manager cell leads to the manager\u2019s row; an assistant and a dot-line manager too', async () => {
    await open();
    for (const i of [1, 9, 17, 200, 299]) {
      const def = await client.conn.sendRequest<{ uri: string; range: Range }>(
        'textDocument/definition',
        at(lineOf(i), managerCell(i).start.character + 2),
      );
      assert.deepEqual(def, { uri: URI, range: personCell(Math.floor((i - 1) / 8)) }, `person ${i}`);
    }
    const row10 = DOC.split('\r\n')[lineOf(9)];
    const assistant = await client.conn.sendRequest<{ range: Range }>(
      'textDocument/definition',
      at(lineOf(9), row10.length - 1 - email(1).length + 2),
    );
    assert.deepEqual(assistant.range, personCell(1));
    assert.equal(await client.conn.sendRequest('textDocument/definition', at(lineOf(5), 3)), null, 'a person cell is its own row');
  });

  it('references: direct reports\u2019 manager cells, assistant and dot-line cells; includeDeclaration adds the row', async () => {
    await open();
    const refs = await client.conn.sendRequest<{ range: Range }[]>('textDocument/references', {
      ...at(lineOf(1), 2),
      context: { includeDeclaration: true },
    });
    const lines = refs.map((r) => r.range.start.line);
    // person 1's own row, their reports 9..16, the assistant cell on line 10, the dot-line cell on line 21
    assert.deepEqual(lines, [2, 10, 10, 11, 12, 13, 14, 15, 16, 17, 21]);
    assert.deepEqual(refs[1].range, managerCell(9));
    const without = await client.conn.sendRequest<unknown[]>('textDocument/references', {
      ...at(lineOf(1), 2),
      context: { includeDeclaration: false },
    });
    assert.equal(without.length, 10);
  });

  it('document highlight: every cell with the address under the cursor, from a manager cell', async () => {
    await open();
    const hl = await client.conn.sendRequest<{ range: Range }[]>(
      'textDocument/documentHighlight',
      at(lineOf(9), managerCell(9).start.character),
    );
    assert.equal(hl.length, 11);
    assert.deepEqual(hl[0].range, personCell(1));
  });

  it('call hierarchy: an item per person; incoming calls are the direct reports, outgoing the manager', async () => {
    await open();
    const [item] = await client.conn.sendRequest<Item[]>('textDocument/prepareCallHierarchy', at(lineOf(1), 3));
    assert.equal(item.name, nameOf(1));
    assert.equal(item.detail, `${email(1)} · Account Executive · Sales`);
    assert.deepEqual(item.range, personCell(1));
    const incoming = await client.conn.sendRequest<{ from: Item; fromRanges: Range[] }[]>('callHierarchy/incomingCalls', { item });
    assert.deepEqual(
      incoming.map((c) => c.from.range),
      [9, 10, 11, 12, 13, 14, 15, 16].map(personCell),
    );
    assert.deepEqual(incoming[0].fromRanges, [managerCell(9)]);
    const outgoing = await client.conn.sendRequest<{ to: Item; fromRanges: Range[] }[]>('callHierarchy/outgoingCalls', { item });
    assert.deepEqual(
      outgoing.map((c) => [c.to.name, c.to.range]),
      [[nameOf(0), personCell(0)]],
    );
    assert.deepEqual(outgoing[0].fromRanges, [managerCell(1)]);
    const top = await client.conn.sendRequest<{ to: Item }[]>('callHierarchy/outgoingCalls', { item: outgoing[0].to });
    assert.deepEqual(top, [], 'the top leader has no manager');
  });

  it('rename: the person\u2019s row and every cell naming them, any case, quotes and labels kept; refused when it is no email or someone else\u2019s', async () => {
    await open();
    const prepared = await client.conn.sendRequest<{ range: Range; placeholder: string }>(
      'textDocument/prepareRename',
      at(lineOf(9), managerCell(9).start.character + 1),
    );
    assert.deepEqual(prepared, { range: managerCell(9), placeholder: email(1) });
    const edit = await client.conn.sendRequest<{ changes: Record<string, { range: Range; newText: string }[]> }>('textDocument/rename', {
      ...at(lineOf(1), 1),
      newName: 'alex.new@contoso.com',
    });
    const renamed = applyEdits(DOC, new LineIndex(DOC), edit.changes[URI]);
    assert.equal(edit.changes[URI].length, 11);
    assert.equal(
      renamed,
      DOC.split(email(1))
        .join('alex.new@contoso.com')
        .replace(`"${email(1).toUpperCase()}:Projects;`, '"alex.new@contoso.com:Projects;'),
    );
    await assert.rejects(
      client.conn.sendRequest('textDocument/rename', { ...at(lineOf(1), 1), newName: 'alex' }),
      /must be an email address/,
    );
    await assert.rejects(
      client.conn.sendRequest('textDocument/rename', { ...at(lineOf(1), 1), newName: email(2).toUpperCase() }),
      /already the email of another person/,
    );
  });

  it('a cell with several addresses: every feature acts on the address under the cursor, not the cell\u2019s first', async () => {
    await open();
    // line 21: "EMAIL1:Projects; email2" in the dot-line manager column
    const row = DOC.split('\r\n')[lineOf(20)];
    const second = row.lastIndexOf(email(2));
    const first = row.indexOf(email(1).toUpperCase());
    const onSecond = at(lineOf(20), second + 3);
    const def = await client.conn.sendRequest<{ range: Range }>('textDocument/definition', onSecond);
    assert.deepEqual(def.range, personCell(2));
    assert.deepEqual(
      (await client.conn.sendRequest<{ range: Range }>('textDocument/definition', at(lineOf(20), first + 3))).range,
      personCell(1),
    );
    const secondRange: Range = {
      start: { line: lineOf(20), character: second },
      end: { line: lineOf(20), character: second + email(2).length },
    };
    const hl = await client.conn.sendRequest<{ range: Range }[]>('textDocument/documentHighlight', onSecond);
    assert.deepEqual([hl[0].range, hl.some((h) => h.range.start.character === first)], [personCell(2), false]);
    assert.ok(hl.some((h) => JSON.stringify(h.range) === JSON.stringify(secondRange)));
    const refs = await client.conn.sendRequest<{ range: Range }[]>('textDocument/references', {
      ...onSecond,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(refs[0].range, personCell(2));
    const [item] = await client.conn.sendRequest<Item[]>('textDocument/prepareCallHierarchy', onSecond);
    assert.equal(item.name, nameOf(2));
    assert.deepEqual(await client.conn.sendRequest('textDocument/prepareRename', onSecond), { range: secondRange, placeholder: email(2) });
    const edit = await client.conn.sendRequest<{ changes: Record<string, { range: Range; newText: string }[]> }>('textDocument/rename', {
      ...onSecond,
      newName: 'second.new@contoso.com',
    });
    const renamed = applyEdits(DOC, new LineIndex(DOC), edit.changes[URI]);
    // person 2 renamed everywhere; person 1 (the cell's first address) untouched
    assert.equal(renamed, DOC.split(email(2)).join('second.new@contoso.com'));
  });

  it('workspace symbols: people by name or email', async () => {
    await open();
    const found = await client.conn.sendRequest<{ name: string; containerName: string; location: { range: Range } }[]>('workspace/symbol', {
      query: email(1).split('@')[0],
    });
    assert.deepEqual(found.map((s) => [s.name, s.containerName, s.location.range.start.line]).slice(0, 2), [
      [nameOf(1), email(1), 2],
      [nameOf(101), email(101), 102],
    ]);
  });

  it('workspace symbols on a file of several blocks: exactly the people a search of the whole list finds, for any query', async () => {
    // 5,000 people (three blocks); one row with a line break in its title, one without a display name
    const rows = generateOds(5000).split('\r\n');
    rows[4000] = rows[4000].replace(',Software Engineer,', ',"Software\nEngineer",');
    const cols = rows[0].split(',');
    const display = cols.indexOf('Microsoft_DisplayName');
    const cells = rows[2500].split(',');
    cells[display] = '';
    rows[2500] = cells.join(',');
    const text = rows.join('\r\n');
    const uri = 'file:///ws/big.csv';
    await open(text, uri);
    const whole = analyze(text, normalizeSettings({})).doc!;
    const people = peopleOf(whole);
    for (const query of [
      'holloway',
      'HOLLOWAY1',
      email(4000).split('@')[0],
      email(2500).split('@')[0],
      'contoso',
      'zz-nobody',
      'a',
      '',
      'alex h',
      nameOf(7),
    ]) {
      const q = query.trim().toLowerCase();
      const expected = people
        .filter((p) => !q || p.email.toLowerCase().includes(q) || p.name.toLowerCase().includes(q))
        .slice(0, 500)
        .map((p) => [p.name || p.email, p.line]);
      const found = await client.conn.sendRequest<{ name: string; location: { range: Range } }[]>('workspace/symbol', { query });
      assert.deepEqual(
        found.map((f) => [f.name, f.location.range.start.line]),
        expected,
        query,
      );
    }
  });

  it('a Viva Insights history file: the manager\u2019s row of the same EffectiveDate', async () => {
    const history = generateVivaHistory(40, 3, false, 0);
    const uri = 'file:///ws/history.csv';
    await open(history, uri);
    const rows = history.split('\r\n');
    // person 9 in the third snapshot reports to person 1 of the same snapshot
    const line = rows.findIndex((r) => r.startsWith(`${email(9)},10/1/2025`) || r.startsWith(`${email(9)},12/1/2025`));
    const date = rows[line].split(',')[1];
    const def = await client.conn.sendRequest<{ range: Range }>('textDocument/definition', at(line, rows[line].indexOf(email(1)) + 1, uri));
    assert.equal(rows[def.range.start.line].split(',').slice(0, 2).join(','), `${email(1)},${date}`);
    const refs = await client.conn.sendRequest<unknown[]>('textDocument/references', {
      ...at(def.range.start.line, 1, uri),
      context: { includeDeclaration: false },
    });
    assert.equal(refs.length, 8, 'the reports of that snapshot only');
  });
});
