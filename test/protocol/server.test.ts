import * as assert from 'node:assert/strict';
import { LspClient } from './lspClient';

const HEADER = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitel,Microsoft_Organization';
const DOC = `${HEADER}\r\nceo@contoso.com,,CEO,Executive\r\nnot-an-email,ceo@contoso.com,CFO,Finance\r\n`;
const URI = 'file:///ws/people.csv';

function codes(p: { diagnostics: { code?: string | number }[] }): (string | number | undefined)[] {
  return p.diagnostics.map((d) => d.code);
}

describe('language server over stdio', function () {
  let client: LspClient;
  afterEach(() => client?.kill());

  it('initializes with incremental sync, pushes diagnostics on open, exits cleanly', async () => {
    client = new LspClient();
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.equal(init.capabilities.diagnosticProvider, undefined);
    await client.open(URI, DOC);
    const p = await client.waitFor(URI);
    assert.equal(p.version, 1);
    assert.deepEqual(codes(p), ['unknown-attribute', 'invalid-email']);
    const unknown = p.diagnostics[0];
    assert.deepEqual(unknown.range, { start: { line: 0, character: 45 }, end: { line: 0, character: 63 } });
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.source, 'orgdata');
    assert.match(unknown.message, /Did you mean 'Microsoft_JobTitle'\?/);
    assert.deepEqual(unknown.data?.candidates, ['Microsoft_JobTitle']);
    assert.equal(unknown.codeDescription?.href, 'https://learn.microsoft.com/en-us/viva/orgdata-attributes');
    assert.equal(await client.shutdown(), 0);
  });

  it('a CSV that is not org data gets an empty publication, whatever is wrong with it', async () => {
    client = new LspClient();
    await client.initialize();
    await client.open('file:///ws/prices.csv', 'id,name\n1,"unclosed\n');
    const p = await client.waitFor('file:///ws/prices.csv');
    assert.deepEqual(p.diagnostics, []);
  });

  it('an incremental edit that fixes a cell clears its diagnostic; a full-text change works too', async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(URI, DOC);
    await client.waitFor(URI, (p) => p.diagnostics.length === 2);
    // replace "not-an-email" (line 2, characters 0-12) with a real address
    await client.change(URI, 2, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } }, text: 'cfo@contoso.com' },
    ]);
    const fixed = await client.waitFor(URI, (p) => p.version === 2);
    assert.deepEqual(codes(fixed), ['unknown-attribute']);
    await client.change(URI, 3, [{ text: DOC.replace('JobTitel', 'JobTitle') }]);
    const clean = await client.waitFor(URI, (p) => p.version === 3);
    assert.deepEqual(codes(clean), ['invalid-email']);
  });

  it('rapid edits are debounced: only the newest version is published', async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(URI, DOC);
    await client.waitFor(URI);
    for (let v = 2; v <= 6; v++) await client.change(URI, v, [{ text: DOC + `p${v}@contoso.com,ceo@contoso.com,x,Sales\r\n` }]);
    await client.waitFor(URI, (p) => p.version === 6);
    const versions = client.published.filter((p) => p.uri === URI).map((p) => p.version);
    assert.deepEqual(versions, [1, 6]);
  });

  it('re-validates open files when settings change (severity off, custom attribute)', async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(URI, DOC);
    await client.waitFor(URI, (p) => p.diagnostics.length === 2);
    client.settings = { severity: { 'invalid-email': 'off' }, customAttributes: ['Microsoft_JobTitel'] };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { orgdata: client.settings } });
    const p = await client.waitFor(URI, (x) => x.diagnostics.length === 0);
    assert.deepEqual(p.diagnostics, []);
    assert.ok(client.configurationRequests >= 2, 'settings are fetched again from the client');
  });

  it('clients without configuration requests: settings from didChangeConfiguration', async () => {
    client = new LspClient();
    await client.initialize({});
    await client.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { orgdata: { severity: { 'unknown-attribute': 'warning' } } },
    });
    await client.open(URI, DOC);
    const p = await client.waitFor(URI);
    assert.equal(p.diagnostics.find((d) => d.code === 'unknown-attribute')?.severity, 2);
    assert.equal(client.configurationRequests, 0);
  });

  it('clients that can neither be asked nor push settings: initializationOptions', async () => {
    client = new LspClient();
    await client.conn.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      initializationOptions: { orgdata: { customAttributes: ['Microsoft_JobTitel'], files: {} } },
    });
    await client.conn.sendNotification('initialized', {});
    await client.open(URI, DOC);
    const p = await client.waitFor(URI);
    assert.deepEqual(codes(p), ['invalid-email']);
    assert.equal(client.logs.filter((l) => /Ignored a setting/.test(l)).length, 0, 'an empty Lua table is an empty list');
  });

  it('orgdata.files makes a CSV without an org-data header org data', async () => {
    client = new LspClient();
    await client.initialize({ workspace: { configuration: true } }, 'file:///ws');
    client.settings = { files: ['hr/*.csv'] };
    await client.open('file:///ws/hr/export.csv', 'Email,Title\na@contoso.com,CEO\n');
    const p = await client.waitFor('file:///ws/hr/export.csv');
    assert.ok(codes(p).includes('required-missing'));
  });

  it('closing a document clears its diagnostics', async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(URI, DOC);
    await client.waitFor(URI, (p) => p.diagnostics.length > 0);
    await client.close(URI);
    await client.waitFor(URI, (p) => p.diagnostics.length === 0);
  });

  it('pull diagnostics when the client supports them, and no pushes', async () => {
    client = new LspClient();
    const init = await client.initialize({ workspace: { configuration: true }, textDocument: { diagnostic: {} } });
    assert.deepEqual(init.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
    await client.open(URI, DOC);
    const report = await client.conn.sendRequest<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', {
      textDocument: { uri: URI },
    });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.items.map((d) => d.code),
      ['unknown-attribute', 'invalid-email'],
    );
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(client.published, []);
  });

  it('survives malformed, binary and huge documents, keeps stdout clean and never logs cell values', async () => {
    client = new LspClient();
    await client.initialize();
    const secret = 'zz-secret-value-zz';
    const garbage = 'Microsoft_PersonEmail,"' + '\u0000\u0001\uFFFD'.repeat(1000) + `\n${secret},"""\r\r\n,,,,`;
    await client.open('file:///ws/garbage.csv', garbage);
    const g = await client.waitFor('file:///ws/garbage.csv');
    assert.ok(g.diagnostics.length > 0);
    const rows = Array.from({ length: 100_000 }, (_, i) => `p${i}@contoso.com,${i ? 'p0@contoso.com' : ''},Sales,${secret}`).join('\n');
    await client.open(
      'file:///ws/huge.csv',
      `Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_JobTitle\n${rows}\n`,
    );
    const h = await client.waitFor('file:///ws/huge.csv', () => true, 30_000);
    assert.deepEqual(h.diagnostics, []);
    // still answering
    await client.open(URI, DOC);
    await client.waitFor(URI);
    assert.equal(
      client.logs.some((l) => l.includes(secret)),
      false,
    );
    assert.equal(client.stderr.includes(secret), false);
    assert.equal(await client.shutdown(), 0);
  });
});
