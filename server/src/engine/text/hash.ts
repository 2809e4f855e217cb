/**
 * The 64-bit string hash people and values are keyed by: two independent 32-bit halves (cyrb53's mixing,
 * both halves kept). The same hash of a key is made from a string (hash64) or where the key lies in a
 * text (hashKeySpanInto, isMailboxAt), so the loops share the constants here.
 */

/** The two halves' seeds and per-character multipliers. */
export const HASH_SEED1 = 0xdeadbeef;
export const HASH_SEED2 = 0x41c6ce57;
export const HASH_MUL1 = 2654435761;
export const HASH_MUL2 = 1597334677;

/** Two independent 32-bit halves of a string hash. */
export function hash64(s: string): [number, number] {
  let h1 = HASH_SEED1;
  let h2 = HASH_SEED2;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, HASH_MUL1);
    h2 = Math.imul(h2 ^ ch, HASH_MUL2);
  }
  return hashFinished(h1, h2);
}

/** The final mixing of the two halves; never 0/0, which marks an empty slot or no value. */
export function hashFinished(h1: number, h2: number): [number, number] {
  hashFinishedInto(h1, h2, finished, 0);
  return [finished[0], finished[1]];
}

const finished = new Int32Array(2);

/** hashFinished, written to out[at] and out[at + 1]: for loops that make no array a value. */
export function hashFinishedInto(h1: number, h2: number, out: Int32Array, at: number): void {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out[at] = h1 === 0 && h2 === 0 ? 1 : h1;
  out[at + 1] = h2;
}

/**
 * hash64 of `text.slice(start, end).trim().toLowerCase()`, written to out[at] and out[at + 1] without the
 * string when the span is plain ASCII and not blank (false otherwise, for the caller to make the string):
 * for reading a tenant's addresses fast.
 */
export function hashKeySpanInto(text: string, start: number, end: number, out: Int32Array, at: number): boolean {
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  if (end === start) return false;
  let h1 = HASH_SEED1;
  let h2 = HASH_SEED2;
  for (let i = start; i < end; i++) {
    let ch = text.charCodeAt(i);
    if (ch >= 128) return false;
    if (ch >= 65 && ch <= 90) ch += 32;
    h1 = Math.imul(h1 ^ ch, HASH_MUL1);
    h2 = Math.imul(h2 ^ ch, HASH_MUL2);
  }
  hashFinishedInto(h1, h2, out, at);
  return true;
}

/** ASCII white space (space, tab, line breaks, vertical tab, form feed): what keys read in place are trimmed of. */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** An open-addressing map from 64-bit hashes (two numbers, never both zero) to numbers, in typed arrays. */
export class HashIndex {
  private keys: Int32Array;
  private values: Int32Array;
  private size = 0;

  /** `expected`: how many keys it will likely hold, so that it need not grow on the way */
  constructor(expected = 0) {
    let slots = 1024;
    while (slots * 3 < expected * 4) slots *= 2;
    this.keys = new Int32Array(2 * slots);
    this.values = new Int32Array(slots);
  }

  get(h1: number, h2: number): number {
    const slot = this.slotOf(h1, h2);
    return this.isEmpty(slot) ? -1 : this.values[slot];
  }

  /** The value of a key already there; otherwise sets it to `value` and returns -1. One probe either way. */
  getOrSet(h1: number, h2: number, value: number): number {
    if ((this.size + 1) * 4 > this.values.length * 3) this.resize(this.values.length * 2);
    const slot = this.slotOf(h1, h2);
    if (!this.isEmpty(slot)) return this.values[slot];
    this.put(slot, h1, h2, value);
    this.size++;
    return -1;
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private slotOf(h1: number, h2: number): number {
    const mask = this.values.length - 1;
    let slot = (h1 ^ h2) & mask;
    while (!this.isEmpty(slot) && (this.keys[2 * slot] !== h1 || this.keys[2 * slot + 1] !== h2)) slot = (slot + 1) & mask;
    return slot;
  }

  private isEmpty(slot: number): boolean {
    return this.keys[2 * slot] === 0 && this.keys[2 * slot + 1] === 0;
  }

  private put(slot: number, h1: number, h2: number, value: number): void {
    this.keys[2 * slot] = h1;
    this.keys[2 * slot + 1] = h2;
    this.values[slot] = value;
  }

  private resize(slots: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(slots * 2);
    this.values = new Int32Array(slots);
    for (let slot = 0; slot < oldValues.length; slot++) {
      const k1 = oldKeys[2 * slot];
      const k2 = oldKeys[2 * slot + 1];
      if (k1 !== 0 || k2 !== 0) this.put(this.slotOf(k1, k2), k1, k2, oldValues[slot]);
    }
  }
}
