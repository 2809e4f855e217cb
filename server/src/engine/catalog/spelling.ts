/**
 * Ranked "did you mean" candidates for header names, after TypeScript's spelling suggestions: a change of
 * case alone costs 0.1, another substitution 2, an insertion or deletion 1, and a candidate must be close
 * relative to the name's length. A missing or misspelt `Microsoft_` prefix and spaces or underscores in
 * the wrong place are forgiven before comparing.
 */

function weightedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let sub: number;
      if (ca === cb) sub = 0;
      else if (String.fromCharCode(ca).toLowerCase() === String.fromCharCode(cb).toLowerCase()) sub = 0.1;
      else sub = 2;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return Infinity;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** The part of a header that carries meaning: no prefix, no spaces, underscores or hyphens. */
function core(name: string): string {
  return name
    .trim()
    .replace(/^([A-Za-z]{2,12})[ _-]+/, (prefix, word: string) => (isPrefixTypo(word) ? '' : prefix))
    .replace(/^(microsoft|msft|ms)(?=[A-Z_ -])/i, '')
    .replace(/[\s_-]+/g, '');
}

/** "Microsoft", "MS", "MSFT", or a slip of one of them ("Mircosoft", "Microsft"). */
function isPrefixTypo(word: string): boolean {
  const w = word.toLowerCase();
  return w === 'ms' || w === 'msft' || weightedDistance(w, 'microsoft', 3) <= 3;
}

/** Whether a header starts with something meant as the Microsoft_ prefix that is not it ("Microsft_", "MS ", "msft-"). */
export function hasPrefixTypo(name: string): boolean {
  const trimmed = name.trim();
  if (/^microsoft_/i.test(trimmed)) return false;
  const word = /^([A-Za-z]{2,12})[ _-]+/.exec(trimmed);
  return (word !== null && isPrefixTypo(word[1])) || /^(microsoft|msft)(?=[A-Z_ -])/i.test(trimmed);
}

export interface Candidate {
  name: string;
  distance: number;
}

/** Up to `max` known names close to `name`, best first; empty when nothing is close. */
export function rankCandidates(name: string, known: readonly string[], max = 3): Candidate[] {
  const target = core(name);
  if (target.length === 0) return [];
  const limit = Math.floor(target.length * 0.4) + 1;
  const out: Candidate[] = [];
  for (const k of known) {
    if (k === name) continue;
    const d = weightedDistance(target, core(k), limit);
    if (d <= limit) out.push({ name: k, distance: d });
  }
  out.sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  return out.slice(0, max);
}
