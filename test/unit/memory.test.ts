import * as assert from 'node:assert/strict';
import { collectGarbage } from '../../server/src/memory';

describe('garbage collection on demand (server/src/memory)', () => {
  it('collects what nothing holds any more, without --expose-gc on the command line', async () => {
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'mocha runs without --expose-gc');
    let big: number[] | undefined = new Array(1_000_000).fill(1);
    const ref = new WeakRef(big);
    big = undefined;
    // a WeakRef's target lives at least until the current job ends
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(ref.deref(), undefined);
  });
});
