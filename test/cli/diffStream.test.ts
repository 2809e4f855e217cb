import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, DiffBuilder, normalizeSettings, type UploadDiff } from '../../server/src/engine';
import { seeded } from '../random';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/orgdata-lint.js');

/** The CLI keeps the old rows as their place in the file and reads them back; the engine on the whole texts keeps copies. */
function cliDiff(before: string, after: string, readBytes: number): UploadDiff {
  const r = spawnSync(process.execPath, [CLI, 'diff', before, after, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, ORGDATA_READ_BYTES: String(readBytes) },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  return JSON.parse(r.stdout);
}

function engineDiff(before: Buffer, after: Buffer): UploadDiff {
  const s = normalizeSettings({});
  const b = new DiffBuilder(s);
  const text = (bytes: Buffer): string => bytes.toString('utf8').replace(/^\uFEFF/, '');
  b.addOld(analyze(text(before), s).doc!);
  b.addNew(analyze(text(after), s).doc!);
  return b.result();
}

const NAMES = ['Zoë Ørsted', '山田 太郎', 'Ana "Pepa" Núñez', 'Émile Zola 😀', 'Lee', 'Ngọc Ánh', 'Ølaf\r\nSecond line'];
const TITLES = ['Engineer', 'Ingénieur', 'エンジニア', 'Lead 🚀', 'Manager', ''];

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A file of `people` rows with characters of one to four bytes, quoted line breaks, CRLF; ids shared by both sides. */
function file(people: number[], header: string, row: (i: number) => string[]): string {
  return [header, ...people.map((i) => row(i).map(csvCell).join(','))].join('\r\n') + '\r\n';
}

describe('orgdata-lint diff reads the old rows back from the file', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-diffstream-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const H = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitle,Microsoft_Layer,Microsoft_Organization,Name';
  const person = (i: number): string => `p${i}.${['zoe', 'ana', 'yamada'][i % 3]}@contoso.com`;

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: multi-byte characters, a byte-order mark, quoted line breaks, another order, small reads: the diff of the whole texts`, () => {
      const random = seeded(seed);
      const ids = Array.from({ length: 400 }, (_, i) => i);
      const oldRow = (i: number): string[] => [
        person(i),
        i ? person(i >> 1) : '',
        TITLES[i % TITLES.length],
        String(i ? 1 + Math.floor(Math.log2(i)) : 0),
        `Org ${NAMES[i % NAMES.length]}`,
        NAMES[(i * 7) % NAMES.length],
      ];
      const oldText = '\uFEFF' + file(ids, H, oldRow);
      // the new file: shuffled, some people gone, some new, some values changed, blanked or deleted
      const newIds = ids.filter(() => random(10) !== 0);
      for (let k = newIds.length - 1; k > 0; k--) {
        const j = random(k + 1);
        [newIds[k], newIds[j]] = [newIds[j], newIds[k]];
      }
      newIds.push(1000, 1001);
      const newText = file(newIds, H, (i) => {
        const r = i >= 1000 ? [person(i), person(0), 'New', '1', 'Neu', NAMES[i % NAMES.length]] : oldRow(i);
        const c = 2 + random(4);
        const roll = random(8);
        if (roll === 0) r[c] = TITLES[random(TITLES.length)] + ' ✓';
        else if (roll === 1) r[c] = '';
        else if (roll === 2) r[c] = c === 3 ? '-1' : "''";
        return r;
      });
      const before = path.join(tmp, `old-${seed}.csv`);
      const after = path.join(tmp, `new-${seed}.csv`);
      fs.writeFileSync(before, oldText);
      fs.writeFileSync(after, newText);
      const expected = engineDiff(fs.readFileSync(before), fs.readFileSync(after));
      assert.ok(
        expected.changes.length > 50 && expected.people.absent.length > 10,
        `a diff with substance: ${expected.changes.length} changes`,
      );
      assert.ok(
        expected.changes.some((c) => /[^\x00-\x7f]/.test(c.before ?? '')),
        'a changed value of several bytes',
      );
      for (const readBytes of [97, 4096, 4 * 1024 * 1024])
        assert.deepEqual(cliDiff(before, after, readBytes), expected, `read ${readBytes} bytes at a time`);
    });
  }

  it('a history file on either side, and an old file with bytes that are no UTF-8 (its rows then kept as copies)', () => {
    const HH = 'PersonId,EffectiveDate,ManagerId,FunctionType,Organization';
    const hist = (rows: string[][]): string => [HH, ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
    const before = path.join(tmp, 'old-history.csv');
    const after = path.join(tmp, 'new-history.csv');
    fs.writeFileSync(
      before,
      Buffer.concat([
        Buffer.from(
          hist([
            ['a@contoso.com', '1/1/2026', '', 'Exec', 'Board'],
            ['b@contoso.com', '1/1/2026', 'a@contoso.com', 'Ingénieur', 'R&D'],
          ]),
        ),
        Buffer.from([
          0x63, 0x40, 0x63, 0x6f, 0x2e, 0x63, 0x6f, 0x6d, 0x2c, 0x31, 0x2f, 0x31, 0x2f, 0x32, 0x30, 0x32, 0x36, 0x2c, 0x2c, 0xff, 0xfe,
          0x2c, 0x58, 0x0a,
        ]), // c@co.com,1/1/2026,,<bad bytes>,X
        Buffer.from(
          hist([
            ['a@contoso.com', '3/1/2026', '', 'Exec', 'Board ü'],
            ['d@contoso.com', '1/1/2026', 'a@contoso.com', 'Sales', 'Vertrieb'],
          ])
            .split('\n')
            .slice(1)
            .join('\n'),
        ),
      ]),
    );
    fs.writeFileSync(
      after,
      hist([
        ['b@contoso.com', '6/1/2026', 'a@contoso.com', 'Ingénieure', 'R&D'],
        ['a@contoso.com', '6/1/2026', '', 'Exec', 'Board ü'],
        ['b@contoso.com', '2/1/2026', 'a@contoso.com', 'Older', 'Ignored'],
        ['c@co.com', '6/1/2026', '', 'Fixed', 'X'],
      ]),
    );
    const expected = engineDiff(fs.readFileSync(before), fs.readFileSync(after));
    assert.deepEqual(expected, {
      people: { added: [], absent: ['d@contoso.com'], changed: 2, unchanged: 1 },
      changes: [
        { person: 'b@contoso.com', attribute: 'FunctionType', kind: 'changed', before: 'Ingénieur', after: 'Ingénieure' },
        { person: 'c@co.com', attribute: 'FunctionType', kind: 'changed', before: '\uFFFD\uFFFD', after: 'Fixed' },
      ],
    });
    for (const readBytes of [13, 4 * 1024 * 1024])
      assert.deepEqual(cliDiff(before, after, readBytes), expected, `read ${readBytes} bytes at a time`);
  });
});
