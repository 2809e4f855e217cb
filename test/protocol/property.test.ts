/**
 * Property: whatever the editing history, the diagnostics the server publishes for a document equal those
 * of a fresh open of the same text, and every range in every answer lies inside the document and is valid
 * for its request. Random documents of 2,000 to 7,000 rows (both dialects, a Viva history, byte-order
 * marks, CRLF or LF, quoted cells over lines, planted problems), random edit sequences (at block
 * boundaries, in the header, inside quotes, of line endings, of the byte-order mark).
 *
 *   ORGDATA_FUZZ_SEED=N      replay one seed (printed on failure)
 *   ORGDATA_FUZZ_MINUTES=M   the long run: seeds one after another for M minutes (nightly)
 */
import * as assert from 'node:assert/strict';
import { generateOds, generateVivaHistory } from '../../bench/generate';
import { seeded } from '../random';
import { LspClient, type Published } from './lspClient';

type Pos = { line: number; character: number };
type Rng = { start: Pos; end: Pos };

const BLOCK_ROWS = 2048;

/** Line starts and lengths of a text, as LSP counts them (CR, LF and CRLF end a line). */
function lineTable(text: string): { starts: number[]; lengths: number[] } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  const lengths = starts.map((s, k) => {
    let e = k + 1 < starts.length ? starts[k + 1] : text.length;
    while (e > s && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    return e - s;
  });
  return { starts, lengths };
}

function positionAt(t: { starts: number[] }, offset: number): Pos {
  let lo = 0;
  let hi = t.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - t.starts[lo] };
}

function inside(t: { lengths: number[] }, r: Rng): boolean {
  const ok = (p: Pos): boolean => p.line >= 0 && p.line < t.lengths.length && p.character >= 0 && p.character <= t.lengths[p.line];
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

/** A random org-data document with planted problems. */
export function randomDocument(rand: (n: number) => number): string {
  const rows = 2000 + rand(5000);
  const kind = rand(4);
  let lines = (kind === 3 ? generateVivaHistory(Math.ceil(rows / 13), 13, rand(2) === 0) : generateOds(rows)).split('\r\n');
  lines.pop();
  const plants = [
    (l: string) => l.replace(/^[^,]+/, 'not-an-email'),
    (l: string) => l.replace(/^([^,]+),[^,]*/, '$1,'),
    (l: string) => l + ',extra',
    () => '',
    (l: string) => l.replace(/,[^,]*$/, ',"quoted\r\nover two lines"'),
    (l: string) => l.replace(/,([^,",]*),/, ",',"),
    (l: string) => l.replace(/,([^,",]*),/, ',078-05-1120,'),
    (l: string) => l.replace(/,([^,",]*),/, ',M\u00c3\u00bcller,'),
    (l: string, i: number) => lines[Math.max(1, i - 1 - rand(50))] ?? l,
  ];
  for (let k = 0; k < 5 + rand(40); k++) {
    const i = 1 + rand(lines.length - 1);
    lines[i] = plants[rand(plants.length)](lines[i], i);
  }
  if (rand(3) === 0) lines = lines.map((l) => l.replace(/\r\n/g, '\n'));
  const eol = rand(2) ? '\r\n' : '\n';
  return (rand(4) === 0 ? '\uFEFF' : '') + lines.join(eol) + eol;
}

/** A random edit: [start, end, inserted text], placed where the incremental checker is most tested. */
export function randomEdit(rand: (n: number) => number, text: string): [number, number, string] {
  const t = lineTable(text);
  const lineStart = (line: number): number => t.starts[Math.min(Math.max(0, line), t.starts.length - 1)];
  const inserts = [',', '"', '\r\n', '\n', '\r', 'x', '@', "''", "'", 'a@contoso.com', '', '"q,"', '12/1/2025', '\uFEFF', ';', '\r\n\r\n'];
  const where = rand(12);
  let start: number;
  if (where === 0)
    start = rand(Math.min(text.length, 200)); // the header
  else if (where === 1)
    start = 0; // the byte-order mark
  else if (where <= 4)
    start = lineStart(BLOCK_ROWS * (1 + rand(3)) + rand(5) - 2) + rand(3); // a block boundary
  else if (where <= 6) {
    const q = text.indexOf('"', rand(text.length));
    start = q >= 0 ? q + 1 : rand(text.length); // inside quotes
  } else start = rand(text.length + 1);
  start = Math.min(start, text.length);
  const span = rand(5) === 0 ? rand(3000) : rand(4);
  const end = Math.min(text.length, start + span);
  // an editor never splits a CRLF or a surrogate pair (no position lies between them)
  const fix = (o: number): number =>
    o > 0 &&
    o < text.length &&
    ((text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) || (text.charCodeAt(o - 1) & 0xfc00) === 0xd800)
      ? o + 1
      : o;
  return [fix(start), Math.max(fix(start), fix(end)), inserts[rand(inserts.length)]];
}

/** What a user sees of a publication: ranges, codes, severities, messages, related information (its ranges and words). */
function seen(p: Published): string[] {
  return p.diagnostics.map((d) =>
    JSON.stringify([
      d.range,
      d.code,
      d.severity,
      d.message,
      (d.relatedInformation as { location: { range: Rng }; message: string }[] | undefined)?.map((r) => [r.location.range, r.message]),
    ]),
  );
}

async function runSeed(client: LspClient, seed: number, sequences: number): Promise<{ edits: number; requests: number }> {
  const rand = seeded(seed);
  let text = randomDocument(rand);
  const uri = `file:///ws/doc-${seed}.csv`;
  let version = 1;
  const opened = client.waitFor(uri, (p) => p.version === version, 60_000);
  await client.open(uri, text, version);
  await opened;
  let edits = 0;
  let requests = 0;
  for (let s = 0; s < sequences; s++) {
    const n = 1 + rand(6);
    for (let k = 0; k < n; k++) {
      const [start, end, insert] = randomEdit(rand, text);
      const t = lineTable(text);
      const range = { start: positionAt(t, start), end: positionAt(t, end) };
      text = text.slice(0, start) + insert + text.slice(end);
      version++;
      edits++;
      await client.change(uri, version, [{ range, text: insert }]);
    }
    const edited = await client.waitFor(uri, (p) => p.version === version, 60_000);
    const freshUri = `file:///ws/fresh-${seed}-${s}.csv`;
    const freshWait = client.waitFor(freshUri, () => true, 60_000);
    await client.open(freshUri, text, 1);
    const fresh = await freshWait;
    await client.close(freshUri);
    const context = `seed ${seed}, sequence ${s} (replay: ORGDATA_FUZZ_SEED=${seed})`;
    assert.deepEqual(seen(edited), seen(fresh), `edited document differs from a fresh open: ${context}`);
    const lines = lineTable(text);
    for (const d of edited.diagnostics)
      assert.ok(inside(lines, d.range), `diagnostic range outside the document: ${JSON.stringify(d.range)}, ${context}`);
    // requests at random places, each answer's ranges valid for its kind
    for (let q = 0; q < 6; q++) {
      const line = rand(lines.starts.length);
      const pos = { line, character: rand(lines.lengths[line] + 1) };
      const textDocument = { uri };
      const hover = await client.conn.sendRequest<{ range?: Rng } | null>('textDocument/hover', { textDocument, position: pos });
      if (hover?.range)
        assert.ok(inside(lines, hover.range), `hover range ${JSON.stringify(hover.range)} at ${JSON.stringify(pos)}, ${context}`);
      const items = await client.conn.sendRequest<{ textEdit?: { range: Rng } }[] | null>('textDocument/completion', {
        textDocument,
        position: pos,
      });
      for (const item of items ?? []) {
        const r = item.textEdit!.range;
        assert.ok(
          inside(lines, r) &&
            r.start.line === r.end.line &&
            r.start.line === pos.line &&
            r.start.character <= pos.character &&
            pos.character <= r.end.character,
          `completion range ${JSON.stringify(r)} at ${JSON.stringify(pos)}, ${context}`,
        );
      }
      const near = edited.diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
      const actions = await client.conn.sendRequest<{ edit?: { changes: Record<string, { range: Rng }[]> } }[]>('textDocument/codeAction', {
        textDocument,
        range: { start: pos, end: pos },
        context: { diagnostics: near },
      });
      for (const a of actions)
        for (const e of a.edit?.changes[uri] ?? [])
          assert.ok(inside(lines, e.range), `quick fix range ${JSON.stringify(e.range)}, ${context}`);
      requests += 3;
    }
  }
  await client.close(uri);
  return { edits, requests };
}

describe('property: an edited document is checked as a fresh open of its text', function () {
  const minutes = Number(process.env.ORGDATA_FUZZ_MINUTES ?? 0);
  this.timeout(Math.max(120_000, minutes * 60_000 + 120_000));
  let client: LspClient;
  afterEach(() => client?.kill());

  it(
    minutes > 0 ? `random documents and edits for ${minutes} minutes` : 'random documents and edit sequences, seeded (about 30 s)',
    async () => {
      client = new LspClient();
      await client.initialize();
      const replay = process.env.ORGDATA_FUZZ_SEED;
      const seeds = replay ? [Number(replay)] : [];
      const started = Date.now();
      let documents = 0;
      let sequences = 0;
      let edits = 0;
      let requests = 0;
      // the short run: a fixed list of seeds; the long one: new seeds until the time is up
      const deadline = minutes > 0 ? started + minutes * 60_000 : 0;
      for (let seed = 1; replay ? documents < 1 : minutes > 0 ? Date.now() < deadline : documents < 10; seed++) {
        const s = replay ? seeds[0] : minutes > 0 ? (Date.now() % 1_000_000_007) + seed : 1000 + seed;
        const perDoc = 5;
        const r = await runSeed(client, s, perDoc);
        documents++;
        sequences += perDoc;
        edits += r.edits;
        requests += r.requests;
      }
      const summary = `${documents} documents, ${sequences} edit sequences, ${edits} edits, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(0)} s`;
      if (minutes > 0 || replay) console.log(`      ${summary}`);
      assert.ok(documents > 0 && edits > 0, summary);
    },
  );
});
