/**
 * Strings as V8 keeps them: what the engine borrows from Node's Buffer where it runs on Node (the
 * engine itself needs no Node), and copies that do not keep the text they were cut from alive.
 */

export interface NodeBuffer {
  write(s: string, offset: number, length: number, encoding: 'latin1' | 'utf8'): number;
  toString(encoding: 'latin1' | 'utf8', start: number, end: number): string;
}

/** Node's Buffer, when the engine runs on Node. */
export const nodeBuffer = (
  globalThis as {
    Buffer?: { byteLength(s: string, encoding: 'utf8'): number; allocUnsafeSlow(size: number): NodeBuffer };
  }
).Buffer;

/**
 * Whether a text is plain ASCII, where Node can tell at memory speed (its UTF-8 length is its length):
 * undefined without Node, or for a short text, where a rule's own scan costs as little.
 */
export function isAsciiText(text: string): boolean | undefined {
  return nodeBuffer && text.length > 4096 ? nodeBuffer.byteLength(text, 'utf8') === text.length : undefined;
}

/**
 * A string of its own. A slice of a long string is a view that keeps all of it alive; a concatenation is
 * flattened into a new string by the slice taken from it, which is then a view into that one only.
 */
export function ownCopy(s: string): string {
  // V8 copies strings this short anyway
  return s.length > 12 ? (' ' + s).slice(1) : s;
}

/**
 * UTF-8 bytes of text[s, e). ASCII is one byte a character: a regular expression (native, fast) finds the
 * runs that are not, and only those are counted character by character.
 */
export function utf8Length(text: string, s: number, e: number): number {
  // Node counts natively (SIMD), about five times faster on a big text; the engine runs without it too
  if (e - s > 4096 && nodeBuffer) return nodeBuffer.byteLength(text.slice(s, e), 'utf8');
  let bytes = e - s;
  const nonAscii = /[^\x00-\x7f]+/g;
  nonAscii.lastIndex = s;
  for (let m = nonAscii.exec(text); m && m.index < e; m = nonAscii.exec(text)) {
    const end = Math.min(e, m.index + m[0].length);
    for (let i = m.index; i < end; i++) {
      const c = text.charCodeAt(i);
      // a UTF-16 unit below 0x800 is 2 bytes, a surrogate half 2 (a pair: 4), the rest 3
      bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
    }
  }
  return bytes;
}
