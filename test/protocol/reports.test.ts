import * as assert from 'node:assert/strict';
import { LspClient } from './lspClient';

const OLD =
  'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_Organization\r\nadele@contoso.com,VP Sales,Sales\r\nlee@contoso.com,VP Engineering,Engineering\r\nalan@contoso.com,Engineer,Engineering\r\n';
const NEW =
  'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_Organization\r\nadele@contoso.com,Sales Director,Sales\r\nlee@contoso.com,,Engineering\r\nnina@contoso.com,Engineer,\r\n';
const URI = 'file:///ws/people.csv';

describe('orgdata/profile and orgdata/diff over stdio', () => {
  let client: LspClient;
  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(URI, NEW);
    await client.waitFor(URI);
  });
  afterEach(() => client.kill());

  it('the profile of the open text, as Markdown', async () => {
    const r = await client.conn.sendRequest<{ markdown: string }>('orgdata/profile', { uri: URI });
    assert.match(r.markdown, /^### Column profile: `people\.csv`\n\n3 people, 3 rows\./);
    assert.match(
      r.markdown,
      /\| Microsoft_Organization \| 66\.7% \| 1 \| 0 \| 2 \| Engineering \(1\), Sales \(1\) \| 0 \| 2: Engineering \(1\), Sales \(1\) \|/,
    );
  });

  it('what uploading the open text changes against an older version sent by the client, and it follows an edit', async () => {
    const r = await client.conn.sendRequest<{ markdown: string }>('orgdata/diff', {
      uri: URI,
      oldText: OLD,
      oldName: 'people.csv in git HEAD',
    });
    assert.match(
      r.markdown,
      /^### Upload changes: `people\.csv` against `people\.csv in git HEAD`\n\nPeople: 1 added, 1 changed, 1 unchanged, 1 absent \(not deleted\); 1 value changes\./,
    );
    assert.match(r.markdown, /\| adele@contoso\.com \| Microsoft_JobTitle \| changed \| VP Sales \| Sales Director \|/);
    assert.match(r.markdown, /1 person is absent from the new file\. An upload leaves the stored data of people it does not name as it is/);
    await client.change(URI, 2, [{ range: { start: { line: 1, character: 18 }, end: { line: 1, character: 32 } }, text: 'VP Sales' }]);
    const again = await client.conn.sendRequest<{ markdown: string }>('orgdata/diff', { uri: URI, oldText: OLD, oldName: 'old.csv' });
    assert.match(again.markdown, /People: 1 added, 0 changed, 2 unchanged, 1 absent/);
    const bad = await client.conn.sendRequest<{ error: string }>('orgdata/diff', {
      uri: URI,
      oldText: 'id,price\n1,2\n',
      oldName: 'prices.csv',
    });
    assert.match(bad.error, /prices\.csv has no person column/);
  });

  it('hover on a header cell adds how the column is filled', async () => {
    const h = await client.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 0, character: 50 },
    });
    assert.match(h.contents.value, /\*\*In this file:\*\* 2 of 3 rows filled \(66\.7%\), 1 blank, 0 deleted; 2 distinct values\.$/);
  });
});
