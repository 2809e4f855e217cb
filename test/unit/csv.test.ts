import * as assert from 'node:assert/strict';
import { cellValue, parseCsv, type CsvTable } from '../../server/src/engine/text/csv';
import { LineIndex } from '../../server/src/engine/text/positions';
import { seeded } from '../random';

function rows(t: CsvTable): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const cells: string[] = [];
    for (let c = t.rowFirstCell[r]; c < t.rowFirstCell[r + 1]; c++) cells.push(cellValue(t, c));
    out.push(cells);
  }
  return out;
}

function raw(t: CsvTable, cell: number): string {
  return t.text.slice(t.cellStart[cell], t.cellEnd[cell]);
}

describe('CSV scanner', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const t = parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\n');
    assert.deepEqual(rows(t), [
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
    assert.equal(raw(t, 3), '"x, y"', 'the range of a quoted cell includes its quotes');
  });

  it('treats CRLF, LF and lone CR alike, and mixed endings in one file', () => {
    assert.deepEqual(rows(parseCsv('a,b\r\n1,2\n3,4\r5,6')), [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('keeps a CRLF inside a quoted cell as part of the value', () => {
    assert.deepEqual(rows(parseCsv('a,b\r\n"x\r\ny",2\r\n')), [
      ['a', 'b'],
      ['x\r\ny', '2'],
    ]);
  });

  it('skips a byte-order mark: not part of the first header', () => {
    const t = parseCsv('\uFEFFMicrosoft_PersonEmail,b\n1,2');
    assert.equal(cellValue(t, 0), 'Microsoft_PersonEmail');
    assert.equal(t.cellStart[0], 1);
  });

  it('gives the same rows with and without a final newline', () => {
    assert.deepEqual(rows(parseCsv('a,b\n1,2')), rows(parseCsv('a,b\n1,2\n')));
    assert.equal(parseCsv('a,b\n1,2\n').rowCount, 2);
  });

  it('keeps empty cells, including a trailing one', () => {
    assert.deepEqual(rows(parseCsv('a,b,c\n,,\n1,2,')), [
      ['a', 'b', 'c'],
      ['', '', ''],
      ['1', '2', ''],
    ]);
  });

  it('reads an empty text as no rows', () => {
    assert.equal(parseCsv('').rowCount, 0);
    assert.equal(parseCsv('\uFEFF').rowCount, 0);
  });

  it('recovers from an unclosed quote: reports where it opens and reads on at the next line', () => {
    const t = parseCsv('a,b\n1,"open\n3,4\n');
    assert.deepEqual(t.unclosedQuotes, [6]);
    assert.deepEqual(rows(t), [
      ['a', 'b'],
      ['1', '"open'],
      ['3', '4'],
    ]);
  });

  it('flags text after a closing quote and keeps it in the value', () => {
    const t = parseCsv('a\n"x"y\n');
    assert.equal(cellValue(t, 1), 'xy');
    assert.ok(t.cellFlags[1] & 8);
  });

  it('reads back exactly what was written: 500 random files of quoted, escaped and multi-line values', () => {
    const parts = ['a', 'Müller', ',', '"', '\r\n', '\n', '\r', '', ' ', '😀', 'x@contoso.com'];
    const endings = ['\r\n', '\n', '\r'];
    const rand = seeded(5);
    for (let f = 0; f < 500; f++) {
      const table: string[][] = [];
      const eol = endings[rand(3)];
      let text = '';
      const quotedAt: boolean[] = [];
      for (let r = 0, rowCount = 1 + rand(6); r < rowCount; r++) {
        const row: string[] = [];
        for (let c = 0, cells = 1 + rand(5); c < cells; c++) {
          let v = '';
          for (let k = rand(4); k > 0; k--) v += parts[rand(parts.length)];
          // a lone empty cell would be a blank line: give it a character
          if (cells === 1 && v === '') v = 'a';
          row.push(v);
          const quote = /[",\r\n]/.test(v) || rand(4) === 0;
          quotedAt.push(quote);
          text += (c > 0 ? ',' : '') + (quote ? `"${v.replace(/"/g, '""')}"` : v);
        }
        table.push(row);
        text += r < rowCount - 1 || rand(2) === 0 ? eol : '';
      }
      const t = parseCsv(text);
      assert.deepEqual(rows(t), table, JSON.stringify(text));
      assert.deepEqual(t.unclosedQuotes, []);
      for (let cell = 0; cell < quotedAt.length; cell++) {
        const v = cellValue(t, cell);
        assert.equal((t.cellFlags[cell] & 1) !== 0, quotedAt[cell], `quoted: ${JSON.stringify(text)} cell ${cell}`);
        assert.equal((t.cellFlags[cell] & 2) !== 0, v.includes('"'), `escaped quote: ${JSON.stringify(text)} cell ${cell}`);
        assert.equal((t.cellFlags[cell] & 4) !== 0, /[\r\n]/.test(v), `line break: ${JSON.stringify(text)} cell ${cell}`);
      }
    }
  });

  it('grows past its first guess on many small cells', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${i},x`).join('\n');
    const t = parseCsv(text);
    assert.equal(t.rowCount, 5000);
    assert.equal(cellValue(t, 9999), 'x');
  });
});

describe('line index', () => {
  it('maps offsets to lines and UTF-16 characters across CRLF, LF and CR', () => {
    const idx = new LineIndex('ab\r\ncd\nef\rgh');
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(8), { line: 2, character: 1 });
    assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
    assert.equal(idx.lineCount, 4);
  });

  it('clamps a character past the end of its line to the line end, as LSP says', () => {
    const idx = new LineIndex('ab\r\ncd');
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(idx.offsetAt({ line: 1, character: 99 }), 6);
    assert.equal(idx.offsetAt({ line: 7, character: 0 }), 6);
  });

  it('answers any order of offsets as a fresh count of line breaks would', () => {
    const text = 'ab\r\ncd\n\nef\rgh\r\n\r\nxyz'.repeat(50);
    const idx = new LineIndex(text);
    const naive = (offset: number): { line: number; character: number } => {
      // between the CR and the LF of a CRLF: still on the line the CRLF ends
      if (text[offset - 1] === '\r' && text[offset] === '\n') {
        const p = naive(offset - 1);
        return { line: p.line, character: p.character + 1 };
      }
      const before = text.slice(0, offset).replace(/\r\n/g, '\n').replace(/\r/g, '\n');
      const line = before.split('\n').length - 1;
      const lineStart = text.slice(0, offset).search(/[^\r\n]*$/);
      return { line, character: offset - lineStart };
    };
    // down the text (the rules' order), then backwards and at random
    const offsets = [...Array(text.length + 1).keys()];
    for (const o of [...offsets, ...offsets.reverse(), ...offsets.map((_, i) => (i * 7919) % (text.length + 1))]) {
      assert.deepEqual(idx.positionAt(o), naive(o), `offset ${o}`);
    }
  });

  it('stays linear with one stray CR in a long LF file', () => {
    const text = 'x\n'.repeat(200_000) + '\r';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 200_002);
  });
});
