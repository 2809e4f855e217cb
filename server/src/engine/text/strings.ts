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
  Buffer?: { byteLength(s: string, encoding: 'utf8'): number; allocUnsafeSlow(size: number): NodeBuffer; from(s: string, encoding: 'latin1'): Uint8Array };
}).Buffer;

/** Characters past U+00FF, which one byte cannot hold. */
const WIDE = /[^\u0000-\u00ff]/;

/**
 * A span of a text as bytes, one a character (Node's latin1), for comparing spans four characters at a
 * time where nearly all agree: a native copy and a native test, then no charCodeAt per character.
 */
export class ByteText {
  private constructor(
    readonly view: DataView,
    /** the text offset of byte 0 */
    readonly base: number,
  ) {}

  /** Characters from..to of the text, or undefined without Node's Buffer or with a character past U+00FF. */
  static of(text: string, from = 0, to = text.length): ByteText | undefined {
    if (!nodeBuffer) return undefined;
    const span = from === 0 && to === text.length ? text : text.slice(from, to);
    if (WIDE.test(span)) return undefined;
    const bytes = nodeBuffer.from(span, 'latin1');
    return new ByteText(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), from);
  }

  /** Whether `n` characters at text offset `a` here are those at offset `b` of `other`. */
  same(a: number, other: ByteText, b: number, n: number): boolean {
    const x = this.view;
    const y = other.view;
    let i = a - this.base;
    let j = b - other.base;
    const end = i + n;
    for (; i + 4 <= end; i += 4, j += 4) if (x.getInt32(i) !== y.getInt32(j)) return false;
    for (; i < end; i++, j++) if (x.getUint8(i) !== y.getUint8(j)) return false;
    return true;
  }
}

/**
 * A string of its own. A slice of a long string is a view that keeps all of it alive; a concatenation is
 * flattened into a new string by the slice taken from it, which is then a view into that one only.
 */
export function ownCopy(s: string): string {
  // V8 copies strings this short anyway
  return s.length > 12 ? (' ' + s).slice(1) : s;
}
