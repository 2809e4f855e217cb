import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BLOCK_ROWS } from '../../server/src/engine';
import { generateOds } from '../../bench/generate';
import { LspClient } from './lspClient';

const DOC =
  'Microsoft_PersonEmail,Microsoft_FirstName,Microsoft_LastName,Microsoft_DisplayName,Microsoft_JobTitle\r\n' +
  'adele@contoso.com,Adele,Vance,Adele Vance,Retail Manager\r\n' +
  'lee@contoso.com,Lee,,,Engineer\r\n';

interface Answer {
  preview?: {
    UserProfileInfo: { names: unknown[]; positions: { detail: Record<string, unknown> }[] };
    orgdataPreview: Record<string, unknown>;
  };
  person?: string;
  line?: number;
  error?: string;
}

describe('orgdata/previewExport over stdio', () => {
  let client: LspClient;
  let tmp: string;
  let uri: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-preview-'));
    uri = pathToFileURL(path.join(tmp, 'people.csv')).toString();
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  afterEach(() => client?.kill());

  async function start(settings: Record<string, unknown> = {}): Promise<void> {
    client = new LspClient();
    client.settings = settings;
    await client.initialize({ workspace: { configuration: true } }, pathToFileURL(tmp).toString());
    await client.open(uri, DOC);
    await client.waitFor(uri);
  }

  it('the person on a line: the export JSON, on unsaved text', async () => {
    await start();
    const a = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri, line: 1 });
    assert.equal(a.person, 'adele@contoso.com');
    assert.equal(a.line, 1);
    assert.deepEqual(a.preview!.UserProfileInfo.positions[0].detail, { jobTitle: 'Retail Manager' });
    // an edit that has not been saved shows at once
    await client.change(uri, 2, [{ range: { start: { line: 1, character: 42 }, end: { line: 1, character: 56 } }, text: 'Store Lead' }]);
    const b = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri, person: 'ADELE@contoso.com' });
    assert.deepEqual(b.preview!.UserProfileInfo.positions[0].detail, { jobTitle: 'Store Lead' });
  });

  it('a big document: preview and hover far down, after an edit moved the lines, from the rows around them', async function () {
    this.timeout(30_000);
    client = new LspClient();
    await client.initialize();
    const lines = generateOds(BLOCK_ROWS * 3 + 50).split('\r\n');
    await client.open(uri, lines.join('\r\n'));
    await client.waitFor(uri, (p) => p.version === 1);
    // two rows added near the top: everything below moves down two lines
    const added =
      'new.one@contoso.com,,Sales,,,,New,One,New One,Clerk,,,,,,,,,,\r\nnew.two@contoso.com,,Sales,,,,New,Two,New Two,Clerk,,,,,,,,,,\r\n';
    await client.change(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: added }]);
    await client.waitFor(uri, (p) => p.version === 2);
    const was = BLOCK_ROWS * 2 + 700;
    const [person, , , , , , , , , title] = lines[was].split(',');
    const a = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri, person });
    assert.equal(a.error, undefined);
    assert.equal(a.line, was + 2);
    assert.equal(a.person, person);
    assert.equal(a.preview!.UserProfileInfo.positions[0].detail.jobTitle, title);
    const byLine = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri, line: was + 2 });
    assert.equal(byLine.person, person);
    const hover = await client.conn.sendRequest<{ contents: { value: string }; range: { start: { line: number } } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: was + 2, character: 3 },
    });
    assert.match(hover.contents.value, new RegExp(`^\\*\\*Microsoft_PersonEmail\\*\\* · line ${was + 3}`));
    assert.equal(hover.range.start.line, was + 2);
  });

  it('the name group rule shows in the notes; the people request lists the file', async () => {
    await start();
    const a = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri, person: 'lee@contoso.com' });
    assert.deepEqual(a.preview!.UserProfileInfo.names, []);
    assert.match(String(a.preview!.orgdataPreview.names), /No name is stored from this row/);
    const people = await client.conn.sendRequest<{ email: string; name: string; line: number }[]>('orgdata/people', { uri });
    assert.deepEqual(people, [
      { email: 'adele@contoso.com', name: 'Adele Vance', line: 1 },
      { email: 'lee@contoso.com', name: 'Lee', line: 2 },
    ]);
  });

  it('a line that is no row, and a CSV that is not org data: a clear error', async () => {
    await start();
    assert.deepEqual(await client.conn.sendRequest('orgdata/previewExport', { uri, line: 0 }), {
      error: 'The cursor is not on a person\u2019s row.',
    });
    const other = pathToFileURL(path.join(tmp, 'prices.csv')).toString();
    await client.open(other, 'id,price\n1,2\n');
    await client.waitFor(other);
    const r = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri: other, line: 1 });
    assert.match(r.error!, /not organizational data/);
  });

  it('Entra ID users from orgdata.entraUsers (relative to the workspace): precedence, the cross-check on its cells, hover, and a changed file read again', async () => {
    const users = path.join(tmp, 'users.csv');
    fs.writeFileSync(
      users,
      'userPrincipalName,displayName,objectId,userType,accountEnabled,jobTitle,physicalDeliveryOfficeName\r\n' +
        'adele@contoso.com,Adele Vance,6e7b768e-07e2-4810-8459-485f84f8f204,Member,True,Account Executive,18/2111\r\n' +
        'megan@contoso.com,Megan Bowen,1d0e1c2a-0000-4000-8000-00000000000a,Member,True,,\r\n',
    );
    await start({ entraUsers: 'users.csv' });
    const a = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri, line: 1 });
    assert.deepEqual(a.preview!.UserProfileInfo.positions[0].detail, {
      jobTitle: 'Account Executive',
      company: { officeLocation: '18/2111' },
    });
    assert.equal(a.preview!.orgdataPreview.entraId, 'found in users.csv (objectId 6e7b768e-07e2-4810-8459-485f84f8f204)');
    const published = () =>
      client.published
        .filter((p) => p.uri === uri)
        .pop()!
        .diagnostics.filter((d) => String(d.code).startsWith('entra-') || d.code === 'shadowed-by-entra')
        .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
    assert.deepEqual(published(), ['entra-members-missing 0:0-0:21', 'shadowed-by-entra 1:42-1:56', 'entra-person-unmatched 2:0-2:15']);
    const hover = await client.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 3 },
    });
    assert.match(hover.contents.value, /no user in `users\.csv` has this address as user principal name, mail or proxy address/);
    // the tenant's file changes: read again on the next check
    fs.writeFileSync(
      users,
      fs.readFileSync(users, 'utf8') + 'lee@contoso.com,Lee Gu,2b0e1c2a-0000-4000-8000-00000000000b,Member,True,,\r\n',
    );
    const next = client.waitFor(uri);
    await client.change(uri, 2, [{ text: DOC + 'megan@contoso.com,Megan,Bowen,Megan Bowen,CEO\r\n' }]);
    await next;
    assert.deepEqual(published(), ['shadowed-by-entra 1:42-1:56']);
  });

  it('a missing Entra ID file: one warning message, the preview still works', async () => {
    client = new LspClient();
    client.settings = { entraUsers: 'nowhere.csv' };
    await client.initialize({ workspace: { configuration: true } }, pathToFileURL(tmp).toString());
    await client.open(uri, DOC);
    await client.waitFor(uri);
    const a = await client.conn.sendRequest<Answer>('orgdata/previewExport', { uri, line: 1 });
    assert.match(
      String(a.preview!.orgdataPreview.entraId),
      /not read: the Entra ID users file nowhere\.csv \(orgdata\.entraUsers\) does not exist/,
    );
    assert.deepEqual(client.messages, [
      'Org Data: the Entra ID users file nowhere.csv (orgdata.entraUsers) does not exist. Preview Export shows organizational data only.',
    ]);
  });
});
