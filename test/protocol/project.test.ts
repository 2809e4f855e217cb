import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

/** The language server reads the project file (orgdata.json) beside a document, and follows its changes. */
describe('orgdata.json in the language server', function () {
  this.timeout(30_000);
  let client: LspClient;
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-ls-project-'))));
  afterEach(() => {
    client?.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a raw export is checked through its mapping, with hover on a mapped header; a changed project file re-checks it', async () => {
    fs.mkdirSync(path.join(tmp, 'hr', 'exports'), { recursive: true });
    const project = path.join(tmp, 'hr', 'orgdata.json');
    fs.writeFileSync(project, '{ "columns": { "Work Email": "Microsoft_PersonEmail", "Manager Email": "Microsoft_ManagerEmail" } }');
    const file = path.join(tmp, 'hr', 'exports', 'workday.csv');
    const uri = pathToFileURL(file).toString();
    const text = 'Work Email,Manager Email,Badge\r\nmegan@contoso.com,,1\r\nalex@contoso,megan@contoso.com,2\r\n';
    fs.writeFileSync(file, text);
    client = new LspClient();
    await client.initialize(
      { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false } } },
      pathToFileURL(tmp).toString(),
    );
    await client.open(uri, text);
    const published = await client.waitFor(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['copilot-columns-missing', 0, 0],
        ['unmapped-column', 0, 25],
        ['invalid-email', 2, 0],
      ],
    );
    const hover = await client.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 2 },
    });
    assert.match(hover.contents.value, /Microsoft_PersonEmail/);
    assert.match(hover.contents.value, /Mapped from this export's `Work Email` by `columns` in orgdata\.json/);
    // the badge mapped too (to a custom name): checked as a custom column, on the export's own header cell
    fs.writeFileSync(
      project,
      '{ "columns": { "Work Email": "Microsoft_PersonEmail", "Manager Email": "Microsoft_ManagerEmail", "Badge": "BadgeNumber" } }',
    );
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(project).toString(), type: 2 }],
    });
    const after = await client.waitFor(uri, (p) => !p.diagnostics.some((d) => d.code === 'unmapped-column'));
    assert.deepEqual(
      after.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['copilot-columns-missing', 0, 0],
        ['unused-column', 0, 25],
        ['invalid-email', 2, 0],
      ],
    );
  });
});
