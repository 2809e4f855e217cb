import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { JsonBodyDecoder } from '../../server/src/node/jsonBody';
import { StdioMessageReader } from '../../server/src/node/stdioReader';
import { seeded } from '../random';

/** The body given to a decoder in pieces of random sizes (1 byte to 9 KB), as a pipe may cut it. */
function decodeInPieces(body: Buffer, rand: (n: number) => number): unknown {
  const decoder = new JsonBodyDecoder(body.length);
  for (let at = 0; at < body.length;) {
    const n = 1 + rand(rand(4) === 0 ? 16 : 9000);
    decoder.write(body.subarray(at, at + n));
    at += n;
  }
  assert.ok(decoder.done);
  return decoder.finish();
}

/** A CSV-like text with every kind of character JSON escapes, and characters of 2, 3 and 4 UTF-8 bytes. */
function awkwardText(rand: (n: number) => number, chars: number): string {
  const alphabet = [
    'a',
    'Z',
    '9',
    ',',
    ' ',
    '"',
    '\\',
    '/',
    '\r\n',
    '\n',
    '\r',
    '\t',
    '\b',
    '\f',
    '\u0000',
    '\u001f',
    'é',
    'Ł',
    '€',
    '😀',
    '\u2028',
  ];
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const run = rand(3) === 0 ? alphabet[rand(alphabet.length)] : 'abcdefghij'.slice(0, 1 + rand(10));
    parts.push(run);
    n += run.length;
  }
  return parts.join('');
}

describe('the server reads messages on standard input', () => {
  it('a long string value (a document opened) is decoded as its bytes come, exactly as JSON.parse reads the whole', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = seeded(seed);
      // long and short strings, in objects and arrays, before and after the long one, near the 64 KB line
      const size = [10, 65_000, 65_536, 66_000, 300_000][rand(5)];
      const message = {
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: {
          textDocument: { uri: 'file:///x/people%20list.csv', languageId: 'csv', version: 7, text: awkwardText(rand, size) },
          other: [awkwardText(rand, 100), { text: awkwardText(rand, rand(2) ? 70_000 : 10) }, 1.5e3, null, true],
        },
      };
      const body = Buffer.from(JSON.stringify(message));
      assert.deepEqual(decodeInPieces(body, rand), JSON.parse(body.toString('utf8')), `seed ${seed}`);
    }
  });

  it('an escape cut at any byte between two chunks, surrogate pairs included, is read whole', () => {
    const text = 'x'.repeat(70_000) + '\\"\r\n\u0001😀é\uD83D\uDE00\t' + 'y'.repeat(10);
    const body = Buffer.from(JSON.stringify({ text }));
    const escapes = body.indexOf('\\"\\r') - 2;
    for (let cut = escapes; cut < escapes + 40; cut++) {
      const decoder = new JsonBodyDecoder(body.length);
      decoder.write(body.subarray(0, cut));
      decoder.write(body.subarray(cut));
      assert.deepEqual(decoder.finish(), { text }, `cut at ${cut}`);
    }
  });

  it('a lone surrogate in a long string is read as U+FFFD (one character for one); a key is never taken for a long value', () => {
    const long = 'a'.repeat(70_000);
    const body = Buffer.from(`{"t":"${long}\\ud800b\\udc00c","${long}":1}`);
    const decoded = new JsonBodyDecoder(body.length);
    decoded.write(body);
    assert.deepEqual(decoded.finish(), { t: `${long}\uFFFDb\uFFFDc`, [long]: 1 });
  });

  it('a body that is no JSON is an error, and the next message is still read', async () => {
    const input = new PassThrough();
    const reader = new StdioMessageReader(input);
    const messages: unknown[] = [];
    const errors: string[] = [];
    reader.onError((e) => errors.push(e.message));
    reader.listen((m) => messages.push(m));
    const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const big = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'é'.repeat(600_000) } });
    // a broken big body (an unknown escape), a broken small one, then good messages in one write and byte by byte
    const broken = big.replace('"text":"é', '"text":"\\qé');
    const all = frame(broken) + frame('{"jsonrpc":') + frame(big) + frame('{"jsonrpc":"2.0","method":"shutdown","id":1}');
    const bytes = Buffer.from(all);
    input.write(bytes.subarray(0, bytes.length - 30));
    for (let i = bytes.length - 30; i < bytes.length; i++) input.write(bytes.subarray(i, i + 1));
    await new Promise((r) => setImmediate(r));
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.deepEqual(messages, [JSON.parse(big), { jsonrpc: '2.0', method: 'shutdown', id: 1 }]);
    assert.ok(reader.shutdownRequested);
  });
});
