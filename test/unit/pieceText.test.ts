import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BLOCK_ROWS, IncrementalAnalysis, normalizeSettings, PieceText, validate } from '../../server/src/engine';
import { PieceDocument } from '../../server/src/pieceDocument';
import { generateOds } from '../../bench/generate';
import { seeded } from '../random';

/** Every line start, line end and a few offsets: PieceDocument must answer as TextDocument does. */
function assertSameDocument(ours: PieceDocument, theirs: TextDocument, what: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, what);
  assert.equal(ours.lineCount, theirs.lineCount, `${what}: line count`);
  for (let line = -1; line <= theirs.lineCount + 1; line++) {
    for (const character of [0, 1, 5, 1_000_000]) {
      assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `${what}: offsetAt ${line}:${character}`);
    }
  }
  for (let offset = -1; offset <= text.length + 1; offset += Math.max(1, Math.floor(text.length / 997))) {
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${what}: positionAt ${offset}`);
  }
  for (const offset of [text.length, text.length - 1]) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
}

describe('PieceDocument: the server\u2019s documents kept in pieces', () => {
  it('answers exactly as TextDocument over 300 random edits with \\r\\n, \\r and \\n line breaks', function () {
    this.timeout(60_000);
    const rand = seeded(7);
    // several pieces (256K characters each), with line breaks of every kind
    const start = generateOds(6000)
      .replace(/Redmond/g, 'Red\rmond')
      .replace(/Munich/g, 'Mun\nich');
    let ours = PieceDocument.create('file:///a.csv', 'csv', 1, start);
    let theirs = TextDocument.create('file:///a.csv', 'csv', 1, start);
    assert.ok(start.length > 5 * 256 * 1024);
    assertSameDocument(ours, theirs, 'as opened');
    const inserts = ['\r', '\n', '\r\n', 'x', '', 'a,b\r\nc', '\n\r', 'é😀', 'long,'.repeat(30_000)];
    for (let i = 0; i < 300; i++) {
      const text = theirs.getText();
      const a = rand(text.length + 1);
      const b = Math.min(text.length, a + (rand(5) === 0 ? rand(200_000) : rand(3)));
      // as a client sends it: a range, possibly reversed
      const range =
        rand(10) === 0
          ? { start: theirs.positionAt(b), end: theirs.positionAt(a) }
          : { start: theirs.positionAt(a), end: theirs.positionAt(b) };
      const change = { range, text: inserts[rand(inserts.length)] };
      ours.update([change], i + 2);
      theirs = TextDocument.update(theirs, [change], i + 2);
      if (i % 10 === 0) assertSameDocument(ours, theirs, `after edit ${i}`);
      else assert.equal(ours.getText(), theirs.getText(), `after edit ${i}`);
    }
    assertSameDocument(ours, theirs, 'at the end');
    // a full-text change replaces everything
    ours.update([{ text: 'a\r\nb' }], 400);
    assert.equal(ours.getText(), 'a\r\nb');
    assert.deepEqual(ours.positionAt(3), { line: 1, character: 0 });
    ours = PieceDocument.create('file:///b.csv', 'csv', 1, '');
    assert.equal(ours.lineCount, 1);
    assert.deepEqual(ours.positionAt(5), { line: 0, character: 0 });
  });

  it('a text with characters past U+00FF (Łukasz) reads the same, edits the same', () => {
    const text = generateOds(6000).replace('Adele,Vance', 'Łukasz,Vance').replace('Megan', 'Mégan 日本');
    const ours = PieceDocument.create('file:///w.csv', 'csv', 1, text);
    let theirs = TextDocument.create('file:///w.csv', 'csv', 1, text);
    assertSameDocument(ours, theirs, 'as opened');
    const at = text.indexOf('Łukasz');
    const change = { range: { start: theirs.positionAt(at), end: theirs.positionAt(at + 6) }, text: 'Zoë' };
    ours.update([change], 2);
    theirs = TextDocument.update(theirs, [change], 2);
    assertSameDocument(ours, theirs, 'after an edit');
  });

  it('an edit keeps the earlier version intact, and rebuilds only the pieces it touches', () => {
    const text = generateOds(3000);
    const v1 = PieceText.of(text);
    const at = text.indexOf('\r\n', text.length / 2) + 2;
    const v2 = v1.replace(at, at + 1, '@');
    assert.equal(v1.toString(), text, 'the version an analysis holds does not change');
    assert.equal(v2.slice(at - 2, at + 2), '\r\n@' + text[at + 1]);
    assert.equal(v2.toString(), text.slice(0, at) + '@' + text.slice(at + 1));
    assert.equal(v2.lineCount, v1.lineCount);
  });
});

describe('incremental analysis fed by a PieceDocument, as the server does', () => {
  it('100 random edits agree with a full check of the same text', function () {
    this.timeout(120_000);
    const settings = normalizeSettings({ maxProblems: 100000 });
    const rand = seeded(11);
    const doc = PieceDocument.create('file:///p.csv', 'csv', 1, generateOds(BLOCK_ROWS * 3 + 50));
    const a = new IncrementalAnalysis(doc.text, settings);
    const inserts = [',', '"', '\r\n', 'x', '@', '', 'a@contoso.com', '\r\n\r\n'];
    let blocks = 0;
    for (let i = 0; i < 100; i++) {
      const before = doc.text;
      const start = 2000 + rand(before.length - 2000);
      const end = Math.min(before.length, start + rand(3));
      const insert = inserts[rand(inserts.length)];
      doc.update([{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert }], i + 2);
      a.update(doc.text, { start, oldEnd: end, newEnd: start + insert.length });
      if (a.lastUpdate === 'blocks') blocks++;
      const full = validate(doc.getText(), settings);
      assert.deepEqual(a.result.findings, full.findings, `after edit ${i}`);
    }
    assert.ok(blocks > 50, `most edits re-check blocks only (${blocks})`);
  });
});
