import * as assert from 'node:assert/strict';
import { LspClient } from './lspClient';
import { fixText, normalizeSettings } from '../../server/src/engine';

const URI = 'file:///ws/people.csv';
const DOC =
  'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitel,DateOfBirth\r\n' +
  'ceo@contoso.com,,CEO,1/1/1970\r\n' +
  'cfo@contoso.com,ceo@contoso.com,CFO,"2/2/1980"\r\n';

interface Action {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit?: {
    changes: Record<
      string,
      { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]
    >;
  };
  command?: { command: string; arguments: unknown[] };
  data?: unknown;
}

/** Applies LSP text edits to a text (line/character positions), as an editor does. */
function applyEdits(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }): number => starts[p.line] + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start)))
    out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

describe('language server features over stdio', () => {
  let client: LspClient;
  afterEach(() => client?.kill());

  async function start(
    capabilities: Record<string, unknown> = {
      workspace: { configuration: true },
      textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } },
    },
  ) {
    client = new LspClient();
    const init = await client.initialize(capabilities);
    await client.open(URI, DOC);
    const published = await client.waitFor(URI);
    return { init, published };
  }

  it('announces hover, completion, quick fixes with resolve, and document symbols', async () => {
    const { init } = await start();
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.codeActionProvider, {
      codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll.orgdata'],
      resolveProvider: true,
    });
    assert.equal(init.capabilities.documentSymbolProvider, true);
    assert.ok(init.capabilities.completionProvider);
  });

  it('codeAction: rename a misspelt header, sent back with the diagnostic the client holds', async () => {
    const { published } = await start();
    const diagnostic = published.diagnostics.find((d) => d.code === 'unknown-attribute')!;
    const actions = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Rename to 'Microsoft_JobTitle'", "Add 'Microsoft_JobTitel' to orgdata.customAttributes"],
    );
    assert.equal(actions[0].isPreferred, true);
    assert.equal(applyEdits(DOC, actions[0].edit!.changes[URI]), DOC.replace('JobTitel', 'JobTitle'));
    assert.deepEqual(actions[1].command, {
      title: 'Add to orgdata.customAttributes',
      command: 'orgdata.addCustomAttribute',
      arguments: ['Microsoft_JobTitel'],
    });
  });

  it('codeAction/resolve: removing a sensitive column is computed when chosen', async () => {
    const { published } = await start();
    const diagnostic = published.diagnostics.find((d) => d.code === 'sensitive-column')!;
    const [action] = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    assert.equal(action.title, "Remove column 'DateOfBirth'");
    assert.equal(action.edit, undefined);
    const resolved = await client.conn.sendRequest<Action>('codeAction/resolve', action);
    assert.equal(
      applyEdits(DOC, resolved.edit!.changes[URI]),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitel\r\nceo@contoso.com,,CEO\r\ncfo@contoso.com,ceo@contoso.com,CFO\r\n',
    );
  });

  it('source.fixAll.orgdata (fix on save, Source Action…): the safe fixes of the whole file, exactly what orgdata-lint --fix makes in one pass', async () => {
    client = new LspClient();
    await client.initialize({ workspace: { configuration: true } });
    const uri = 'file:///ws/excel.csv';
    // semicolons, an address with spaces, a blank line, '' in Layer; and a misspelt header, which no safe fix touches
    const text =
      "Microsoft_PersonEmail;Microsoft_ManagerEmail;Microsoft_Layer;Microsoft_JobTitel\r\n ceo@contoso.com ;;0;CEO\r\n\r\ncfo@contoso.com;ceo@contoso.com;'';CFO, Finance\r\n";
    await client.open(uri, text);
    await client.waitFor(uri);
    for (const only of [['source.fixAll.orgdata'], ['source.fixAll'], ['source']]) {
      const actions = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      });
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind]),
        [['Fix all auto-fixable problems (4)', 'source.fixAll.orgdata']],
        only.join(),
      );
      assert.equal(
        applyEdits(text, actions[0].edit!.changes[uri]),
        'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Layer,Microsoft_JobTitel\r\nceo@contoso.com,,0,CEO\r\ncfo@contoso.com,ceo@contoso.com,-1,"CFO, Finance"\r\n',
      );
    }
    // exactly what orgdata-lint --fix makes of the same text, pass after pass: a header in the wrong case
    // brings its column's lone quote to light, which the second pass repairs
    const twice = "Microsoft_PersonEmail,microsoft_organization\na@contoso.com,'\n";
    await client.open('file:///ws/twice.csv', twice);
    await client.waitFor('file:///ws/twice.csv');
    const [all] = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: 'file:///ws/twice.csv' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const fixed = applyEdits(twice, all.edit!.changes['file:///ws/twice.csv']);
    assert.equal(fixed, fixText(twice, normalizeSettings({})).text);
    assert.equal(fixed, "Microsoft_PersonEmail,Microsoft_Organization\na@contoso.com,''\n");
    // a quick fix request gets no fix all; a clean file none either
    const quick = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.ok(quick.every((a) => a.kind !== 'source.fixAll.orgdata'));
    await client.open('file:///ws/clean.csv', 'Microsoft_PersonEmail,Microsoft_ManagerEmail\nceo@contoso.com,\n');
    await client.waitFor('file:///ws/clean.csv');
    const none = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: 'file:///ws/clean.csv' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(none, []);
  });

  it('codeAction without resolve support: the edit comes at once', async () => {
    const { published } = await start({ workspace: { configuration: true } });
    const diagnostic = published.diagnostics.find((d) => d.code === 'sensitive-column')!;
    const [action] = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    assert.ok(action.edit);
  });

  it('hover on a header cell and on a data cell', async () => {
    await start();
    const header = await client.conn.sendRequest<{ contents: { kind: string; value: string }; range: unknown }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 0, character: 25 },
    });
    assert.equal(header.contents.kind, 'markdown');
    assert.match(header.contents.value, /^\*\*Microsoft_ManagerEmail\*\* · email address/);
    assert.deepEqual(header.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 44 } });
    const cell = await client.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 1, character: 16 },
    });
    assert.match(cell.contents.value, /^\*\*Microsoft_ManagerEmail\*\* of `ceo@contoso.com` · line 2\n\nBlank: the value already stored/);
  });

  it('completion in the header offers the attributes not yet present', async () => {
    await start();
    const items = await client.conn.sendRequest<{ label: string; textEdit: { range: unknown } }[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: 0, character: 50 },
    });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Microsoft_JobTitle'));
    assert.ok(!labels.includes('Microsoft_PersonEmail'));
    assert.deepEqual(items[0].textEdit.range, { start: { line: 0, character: 45 }, end: { line: 0, character: 63 } });
  });

  it('document symbols: one per column', async () => {
    await start();
    const symbols = await client.conn.sendRequest<{ name: string; detail: string; kind: number }[]>('textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.kind]),
      [
        ['Microsoft_PersonEmail', 'email address', 8],
        ['Microsoft_ManagerEmail', 'email address', 8],
        ['Microsoft_JobTitel', 'not imported', 8],
        ['DateOfBirth', 'custom attribute', 8],
      ],
    );
  });

  it('orgdata.run onSave: checked when opened and saved, not as one types; orgdata.enable false: nothing', async () => {
    client = new LspClient();
    client.settings = { run: 'onSave' };
    await client.initialize({ workspace: { configuration: true } });
    await client.open(URI, DOC);
    const first = await client.waitFor(URI);
    assert.ok(!first.diagnostics.some((d) => d.code === 'invalid-email'));
    // an address broken by typing: no check until the save
    await client.change(URI, 2, [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, text: '' }]);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(client.published.filter((p) => p.uri === URI).length, 1, 'nothing published while typing');
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri: URI } });
    const saved = await client.waitFor(URI, (p) => p.diagnostics.some((d) => d.code === 'invalid-email'));
    assert.deepEqual(saved.diagnostics.find((d) => d.code === 'invalid-email')!.range.start, { line: 1, character: 0 });
    client.kill();

    client = new LspClient();
    client.settings = { enable: false };
    await client.initialize({ workspace: { configuration: true } });
    await client.open(URI, DOC);
    assert.deepEqual((await client.waitFor(URI)).diagnostics, []);
  });

  it('a status notification per analysed document: dialect, people, errors, warnings', async () => {
    client = new LspClient();
    const statuses: unknown[] = [];
    client.conn.onNotification('orgdata/status', (s) => statuses.push(s));
    await client.initialize();
    await client.open(URI, DOC);
    await client.waitFor(URI);
    assert.deepEqual(statuses, [{ uri: URI, orgData: true, dialect: 'ods', people: 2, errors: 1, warnings: 1, infos: 1 }]);
  });

  it('the status counts every finding, also past orgdata.maxProblems: an error the cap left out is still an error', async () => {
    client = new LspClient();
    client.settings = { maxProblems: 5 };
    const statuses: { errors: number; warnings: number }[] = [];
    client.conn.onNotification('orgdata/status', (s) => statuses.push(s));
    await client.initialize({ workspace: { configuration: true } });
    // twelve rows with a space after the manager's address (warnings), then eight without an @ (errors)
    const rows = ['Microsoft_PersonEmail,Microsoft_ManagerEmail'];
    for (let i = 1; i <= 12; i++) rows.push(`p${i}@contoso.com,p${i + 1}@contoso.com `);
    for (let i = 1; i <= 8; i++) rows.push(`no-at-sign-${i},p1@contoso.com`);
    await client.open(URI, rows.join('\n') + '\n');
    const published = await client.waitFor(URI);
    // errors first: five of the eight, on their lines, and the note says how many more there are
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code !== 'too-many-problems').map((d) => [d.code, d.range.start.line]),
      [13, 14, 15, 16, 17].map((line) => ['invalid-email', line]),
    );
    assert.match(
      published.diagnostics.find((d) => d.code === 'too-many-problems')!.message,
      /^17 more problems are not shown \(3 errors, 12 warnings, 1 information, 1 hint; orgdata\.maxProblems is 5, the most severe are shown first\): fix these first, or raise the setting\.$/,
    );
    assert.deepEqual(
      statuses.map((s) => [s.errors, s.warnings]),
      [[8, 12]],
    );
  });

  it('answers nothing, without error, on a CSV that is not org data', async () => {
    client = new LspClient();
    await client.initialize();
    await client.open('file:///ws/prices.csv', 'id,price\n1,2\n');
    await client.waitFor('file:///ws/prices.csv');
    assert.equal(
      await client.conn.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///ws/prices.csv' },
        position: { line: 0, character: 1 },
      }),
      null,
    );
    assert.deepEqual(await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///ws/prices.csv' } }), []);
  });
});
