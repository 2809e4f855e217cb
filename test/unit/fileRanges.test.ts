import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileRanges } from '../../server/src/cli/fileReader';
import { seeded } from '../random';

describe('reading byte ranges of a file back (the diff\u2019s old rows)', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-ranges-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('in order, jumping about, across window edges and longer than a window: exactly the bytes, decoded as UTF-8', () => {
    const rand = seeded(7);
    const words = ['Zoë', '山田', 'plain', '😀', 'Ørsted', 'x'];
    const text =
      Array.from({ length: 60_000 }, (_, i) => `${i},${words[i % words.length]}`).join('\n') + '\n' + 'L'.repeat(3 * 1024 * 1024);
    const bytes = Buffer.from(text, 'utf8');
    const file = path.join(tmp, 'rows.csv');
    fs.writeFileSync(file, bytes);
    // the places of each line, as the reader knows them
    const starts: number[] = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
    const ranges = new FileRanges(file);
    try {
      const check = (k: number): void => {
        const s = starts[k];
        const e = k + 1 < starts.length ? starts[k + 1] - 1 : bytes.length;
        assert.equal(ranges.read(s, e), bytes.toString('utf8', s, e), `line ${k}`);
      };
      for (let k = 0; k < starts.length; k += 1 + rand(3)) check(k); // in order, the window growing
      for (let n = 0; n < 2000; n++) check(rand(starts.length)); // jumping about, the window shrinking
      check(starts.length - 1); // one range of 3 MB, longer than any window
    } finally {
      ranges.close();
    }
  });

  it('a file cut shorter after it was read: an error that names it, not a wrong row', () => {
    const file = path.join(tmp, 'cut.csv');
    fs.writeFileSync(file, 'a,b\n'.repeat(100_000));
    const ranges = new FileRanges(file);
    try {
      assert.equal(ranges.read(4, 7), 'a,b');
      fs.truncateSync(file, 1000);
      assert.throws(
        () => ranges.read(300_000, 300_003),
        (e: Error) => e.message === `${file} changed while it was read`,
      );
    } finally {
      ranges.close();
    }
  });
});
