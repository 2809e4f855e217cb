/**
 * Strings as V8 keeps them: what the engine borrows from Node's Buffer where it runs on Node (the
 * engine itself needs no Node), and copies that do not keep the text they were cut from alive.
 */

export interface NodeBuffer {
  write(s: string, offset: number, length: number, encoding: 'latin1' | 'utf8'): number;
  toString(encoding: 'latin1' | 'utf8', start: number, end: number): string;
}

/** Node's Buffer, when the engine runs on Node. */
export const nodeBuffer = (globalThis as {
  Buffer?: { byteLength(s: string, encoding: 'utf8'): number; allocUnsafeSlow(size: number): NodeBuffer };
}).Buffer;

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
