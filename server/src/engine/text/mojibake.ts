/**
 * UTF-8 that was decoded as Windows-1252 and saved again: each multi-byte character became two to four
 * Latin characters ("ü" → "Ã¼", "’" → "â€™"). Recognized by a lead character (the byte C2–F4 read as
 * Windows-1252) followed by continuation characters (bytes 80–BF read as Windows-1252), and repaired by
 * turning the characters back into bytes and decoding them as UTF-8.
 */

/** Windows-1252's characters for the bytes 80–9F; undefined bytes pass through as the C1 control. */
const CP1252_80: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const byteOf = new Map<number, number>(CP1252_80.map((c, i) => [c, 0x80 + i]));
for (let b = 0xa0; b <= 0xff; b++) byteOf.set(b, b);

/** A continuation byte (80–BF) as Windows-1252 shows it. */
const CONT =
  '[\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122]';

/** Where a misread character starts: a lead byte and one continuation. Cheap enough for a whole chunk. */
export const MOJIBAKE_START = new RegExp(`[\\u00C2-\\u00F4]${CONT}`);
/** One whole misread character: a lead byte and its continuations. */
const SEQUENCE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, 'g');

const decoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { fatal: true }) : undefined;

/**
 * The value with its misread characters repaired (twice misread ones too), or undefined when the repair
 * is not unambiguous: a sequence that is no valid UTF-8, or a lead character left over.
 */
export function repairMojibake(value: string): string | undefined {
  if (!decoder) return undefined;
  let current = value;
  for (let round = 0; round < 3 && MOJIBAKE_START.test(current); round++) {
    let failed = false;
    const next = current.replace(SEQUENCE, (seq) => {
      const bytes = new Uint8Array(seq.length);
      for (let i = 0; i < seq.length; i++) bytes[i] = byteOf.get(seq.charCodeAt(i)) ?? 0;
      try {
        return decoder.decode(bytes);
      } catch {
        failed = true;
        return seq;
      }
    });
    if (failed || next === current) return undefined;
    current = next;
  }
  return MOJIBAKE_START.test(current) ? undefined : current;
}
