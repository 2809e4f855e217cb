/**
 * Handing memory back after a big document is opened, checked whole or closed. Opening a 50 MB document
 * passes about three times its size through buffers that the protocol library drops at once (the
 * stream's chunks, the message, its JSON), and V8 collects them only under pressure: without a
 * collection the process keeps about six times the document for as long as it runs (npm run bench).
 * Node has no public call for a collection; the flag is set at run time, as Jest's leak detector does.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Documents from this size on (in characters) are worth a collection. */
export const BIG_DOCUMENT_CHARS = 8 * 1024 * 1024;

let collect: (() => void) | null | undefined;
let pending: NodeJS.Timeout | undefined;

/** A full collection now. */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null; // a runtime without the flag: V8 collects in its own time
    }
  }
  collect?.();
}

/** A full collection soon, after the answers already on their way (at most one waiting). */
export function collectGarbageSoon(): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    collectGarbage();
  }, 50);
}
