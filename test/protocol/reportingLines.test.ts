import * as assert from 'node:assert/strict';
import { generateOds, generateVivaHistory } from '../../bench/generate';
import { LspClient } from './lspClient';

type Item = { person: number; email: string; name: string; title: string; line: number; reports: number; team: number; badges: string[] };
type Answer = {
  version?: number;
  items: Item[];
  more?: number;
  groups?: { kind: string; count: number }[];
  snapshots?: { value: number; label: string }[];
  snapshot?: number;
};

const URI = 'file:///ws/org.csv';
// a CEO with a VP and two developers; someone whose manager is not in the file, with a report; a loop of two, with someone below it
const DOC =
  [
    'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_DisplayName,Microsoft_JobTitle',
    'ceo@contoso.com,,Megan Bowen,CEO',
    'a@contoso.com,ceo@contoso.com,Adele Vance,VP',
    'b@contoso.com,a@contoso.com,Bo Ng,Developer',
    'c@contoso.com,a@contoso.com,Cy Wu,Developer',
    'x@contoso.com,ghost@contoso.com,Xu Li,Operations',
    'y@contoso.com,x@contoso.com,Yo Ko,Operations',
    'l1@contoso.com,l2@contoso.com,Lu One,Loop',
    'l2@contoso.com,l1@contoso.com,Lu Two,Loop',
    'z@contoso.com,l1@contoso.com,Zed Ax,Below a loop',
  ].join('\n') + '\n';

describe('the Reporting Lines view over stdio: the server\u2019s answers', () => {
  let client: LspClient;
  afterEach(() => client?.kill());
  const ask = (params: Record<string, unknown>, uri = URI) => client.conn.sendRequest<Answer>('orgdata/reportingLines', { uri, ...params });
  const brief = (items: Item[]): string[] =>
    items.map(
      (i) =>
        `${i.email} ${i.name} · ${i.title} · line ${i.line} · ${i.reports}/${i.team}${i.badges.length ? ` [${i.badges.join(',')}]` : ''}`,
    );

  async function open(text: string, uri = URI): Promise<void> {
    client = new LspClient();
    await client.initialize();
    await client.open(uri, text);
    await client.waitFor(uri);
  }

  it('roots, children and badges: the top leader, people whose manager is not in the file, a loop, nobody hidden', async () => {
    await open(DOC);
    const top = await ask({});
    assert.equal(top.version, 1);
    assert.deepEqual(brief(top.items), ['ceo@contoso.com Megan Bowen · CEO · line 1 · 1/3']);
    assert.deepEqual(top.groups, [
      { kind: 'unknownManager', count: 1 },
      { kind: 'loops', count: 2 },
    ]);
    assert.equal(top.snapshots, undefined, 'no EffectiveDate');
    const vp = await ask({ parent: top.items[0].person });
    assert.deepEqual(brief(vp.items), ['a@contoso.com Adele Vance · VP · line 2 · 2/2']);
    assert.deepEqual(brief((await ask({ parent: vp.items[0].person })).items), [
      'b@contoso.com Bo Ng · Developer · line 3 · 0/0',
      'c@contoso.com Cy Wu · Developer · line 4 · 0/0',
    ]);
    const unknown = await ask({ root: 'unknownManager' });
    assert.deepEqual(brief(unknown.items), ['x@contoso.com Xu Li · Operations · line 5 · 1/1 [manager-not-in-file]']);
    assert.deepEqual(brief((await ask({ parent: unknown.items[0].person })).items), ['y@contoso.com Yo Ko · Operations · line 6 · 0/0']);
    const loops = await ask({ root: 'loops' });
    assert.deepEqual(
      loops.items.map((i) => [i.email, i.line, i.badges.includes('reporting-loop')]),
      [
        ['l1@contoso.com', 7, true],
        ['l2@contoso.com', 8, true],
      ],
    );
    assert.deepEqual(
      brief((await ask({ parent: loops.items[0].person })).items).map((s) => s.split(' ')[0]),
      ['l2@contoso.com', 'z@contoso.com'],
    );
    // the path from the top down to a person on a line, for revealing them
    const path = await client.conn.sendRequest<Item[]>('orgdata/reportingPath', { uri: URI, line: 4 });
    assert.deepEqual(
      path.map((i) => i.email),
      ['ceo@contoso.com', 'a@contoso.com', 'c@contoso.com'],
    );
  });

  it('an edit that moves a person moves them in the tree', async () => {
    await open(DOC);
    // c now reports to the CEO
    const line = DOC.split('\n')[4];
    await client.change(URI, 2, [
      { range: { start: { line: 4, character: 14 }, end: { line: 4, character: line.indexOf(',', 14) } }, text: 'ceo@contoso.com' },
    ]);
    await client.waitFor(URI, (p) => p.version === 2);
    const top = await ask({});
    assert.equal(top.version, 2);
    assert.deepEqual(
      (await ask({ parent: top.items[0].person })).items.map((i) => i.email),
      ['a@contoso.com', 'c@contoso.com'],
    );
    assert.equal(top.items[0].team, 3);
  });

  it('a Viva Insights history: one EffectiveDate at a time, chosen by the client', async () => {
    const history = generateVivaHistory(40, 3, false, 0);
    await open(history, 'file:///ws/history.csv');
    const top = await ask({}, 'file:///ws/history.csv');
    assert.equal(top.snapshots?.length, 3);
    assert.deepEqual(
      top.snapshots!.map((s) => s.label),
      [
        ...new Set(
          history
            .split('\r\n')
            .slice(1, -1)
            .map((r) => r.split(',')[1]),
        ),
      ].sort((a, b) => Date.parse(a) - Date.parse(b)),
    );
    assert.equal(top.snapshot, top.snapshots![0].value);
    // the same leader in each snapshot, at the line of that snapshot's row
    const lines = [];
    for (const s of top.snapshots!) {
      const answer = await ask({ snapshot: s.value }, 'file:///ws/history.csv');
      assert.equal(answer.items.length, 1, s.label);
      assert.equal(history.split('\r\n')[answer.items[0].line].split(',')[1], s.label);
      lines.push(answer.items[0].line);
    }
    assert.equal(new Set(lines).size, 3);
  });

  it('a file of 20,000 people: the team sizes add up, and a manager of thousands is answered in part, the rest counted', async () => {
    const text = generateOds(20_000);
    await open(text, 'file:///ws/big.csv');
    const top = await ask({}, 'file:///ws/big.csv');
    assert.equal(top.items.length, 1);
    assert.equal(top.items[0].team, 19_999);
    const children = await ask({ parent: top.items[0].person }, 'file:///ws/big.csv');
    const sum = children.items.reduce((n, i) => n + 1 + i.team, 0);
    assert.equal(sum + (children.more ?? 0), top.items[0].team);
  });
});
