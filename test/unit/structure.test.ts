import * as assert from 'node:assert/strict';
import { brief, check, lines, none, ODS, one, only } from '../helpers';
import { seeded } from '../random';

describe('file and structure rules', () => {
  it('empty file: one error, nothing else', () => {
    assert.deepEqual(brief(check('', {}, true)), ['empty-file 0:0-0:0']);
    assert.deepEqual(
      brief(check('\uFEFF\r\n  \n', {}, true)).map((b) => b.split(' ')[0]),
      ['empty-file'],
    );
    assert.match(check('', {}, true)[0].message, /add a header row/);
  });

  it('an empty file that nobody marked as org data gets no findings', () => {
    assert.deepEqual(check(''), []);
  });

  it('header only: a warning on the header', () => {
    const f = one(check('Microsoft_PersonEmail,Microsoft_JobTitle\r\n'), 'header-only', [0, 0, 0, 40]);
    assert.match(f.message, /add one row per person/);
  });

  it('a semicolon file: one finding names the separator, and the rest is checked as the converted file will be', () => {
    const semi = lines(
      'Microsoft_PersonEmail;Microsoft_ManagerEmail;Microsoft_Layer',
      'a@contoso.com;;0',
      'b@contoso;a@contoso.com;one',
      'c@contoso.com;x@contoso.com;1',
    );
    const findings = check(semi);
    const f = one(findings, 'wrong-delimiter', [0, 0, 0, 60]);
    assert.match(
      f.message,
      /separated by semicolons \(;\).*regional list separator.*"Convert the file to commas", or save as "CSV UTF-8 \(Comma delimited\)" in Excel \(not "CSV \(Comma delimited\)", which is not UTF-8\)\. The other findings are checked as the file will be once converted\./,
    );
    assert.deepEqual(f.data, { delimiter: ';' });
    // the same findings, at the same places, as the file with commas (no cell here holds a comma)
    const rest = brief(findings).filter((b) => !b.startsWith('wrong-delimiter'));
    assert.deepEqual(rest, brief(check(semi.replace(/;/g, ','))));
    assert.ok(rest.some((b) => b.startsWith('invalid-email 2:')) && rest.some((b) => b.startsWith('invalid-integer 2:')));
  });

  it("random semicolon and tab files: the findings (all but the separator's) are those of the file with commas", () => {
    const rand = seeded(23);
    const values = ['a@contoso.com', 'b@contoso.com', 'x@contoso', '', ' c@contoso.com', 'Sales', '=SUM(A1)', '1', 'one', '"q ""x"""'];
    for (let k = 0; k < 200; k++) {
      const sep = rand(2) ? ';' : '\t';
      const rows = ['Microsoft_PersonEmail', 'Microsoft_ManagerEmail', 'Microsoft_Organization', 'Microsoft_Layer'].join(sep);
      const body = Array.from({ length: 1 + rand(6) }, () =>
        Array.from({ length: 3 + rand(3) }, () => values[rand(values.length)]).join(sep),
      );
      const text = [rows, ...body].join(rand(2) ? '\r\n' : '\n');
      const got = brief(check(text)).filter((b) => !b.startsWith('wrong-delimiter'));
      assert.deepEqual(got, brief(check(text.split(sep).join(','))), text);
      assert.equal(brief(check(text)).filter((b) => b.startsWith('wrong-delimiter')).length, 1);
    }
  });

  it('a header read as one quoted column that holds a semicolon: says so, and nothing else', () => {
    const findings = check(lines('"Microsoft_PersonEmail;Microsoft_JobTitle"', '"a@contoso.com;CEO"'), {}, true);
    assert.deepEqual(brief(findings), ['wrong-delimiter 0:0-0:42']);
  });

  it('tab-separated header: says so', () => {
    const findings = check(lines('Microsoft_PersonEmail\tMicrosoft_JobTitle', 'a@contoso.com\tCEO'));
    assert.match(one(findings, 'wrong-delimiter', [0, 0, 0, 40]).message, /tabs/);
  });

  it('too few cells: on the whole row, naming the fix', () => {
    const f = one(check(lines(ODS, 'a@contoso.com,b@contoso.com')), 'column-count', [1, 0, 1, 27]);
    assert.match(f.message, /2 cells but the header has 3: add the missing cell/);
  });

  it('too many cells: from the first extra separator to the row end', () => {
    const f = one(check(lines(ODS, 'a@contoso.com,,Sales,Berlin,x')), 'column-count', [1, 20, 1, 29]);
    assert.match(f.message, /5 cells but the header has 3: a value with a comma must be in double quotes/);
  });

  it('a misaligned row gets no cell findings (they would be misaligned too)', () => {
    none(check(lines(ODS, 'not-an-email,Sales')), 'invalid-email');
  });

  it('unclosed quote: at the quote that opens it', () => {
    const f = one(check(lines(ODS, 'a@contoso.com,,"Sales', 'b@contoso.com,,HR')), 'unclosed-quote', [1, 15, 1, 16]);
    assert.match(f.message, /never closed.*add the closing quote/);
    none(check(lines(ODS, 'a@contoso.com,,"Sales', 'b@contoso.com,,HR')), 'invalid-email');
  });

  it('text after a closing quote', () => {
    one(check(lines(ODS, 'a@contoso.com,,"Sales" EMEA')), 'text-after-quote', [1, 15, 1, 27]);
  });

  it('blank rows, including trailing ones, each on its line', () => {
    const findings = check(`${ODS}\na@contoso.com,,Sales\n\n   \nb@contoso.com,,HR\n\n`);
    assert.deepEqual(brief(only(findings, 'blank-row')), ['blank-row 2:0-2:0', 'blank-row 3:0-3:3', 'blank-row 5:0-5:0']);
    none(findings, 'column-count');
  });

  it('U+FFFD (bytes that were not UTF-8): each run, on the characters', () => {
    const f = only(check(lines(ODS, 'a@contoso.com,,M\uFFFD\uFFFDnchen', 'b@contoso.com,,\uFFFD')), 'invalid-utf8');
    assert.deepEqual(brief(f), ['invalid-utf8 1:16-1:18', 'invalid-utf8 2:15-2:16']);
    assert.match(f[0].message, /CSV UTF-8/);
  });

  it('line break inside a value: warning for Organizational data, error for Viva Insights', () => {
    const ods = one(check(`${ODS}\na@contoso.com,,"Sales\nEMEA"\n`), 'line-break-in-value', [1, 15, 2, 5]);
    assert.equal(ods.severity, 'warning');
    const viva = only(
      check('PersonId,ManagerId,Organization,EffectiveDate\na@contoso.com,,"Sales\r\nEMEA",12/1/2020\n'),
      'line-break-in-value',
    );
    assert.equal(viva[0].severity, 'error');
    assert.match(ods.message, /replace it with a space/);
  });

  it('value over 128 KB: counted in UTF-8 bytes', () => {
    const under = 'é'.repeat(60_000); // 120,000 bytes
    const over = 'é'.repeat(70_000); // 140,000 bytes
    none(check(lines(ODS, `a@contoso.com,,${under}`)), 'value-too-long');
    const f = one(check(lines(ODS, `a@contoso.com,,${over}`)), 'value-too-long', [1, 15, 1, 16]);
    assert.match(f.message, /137 KB.*at most 128 KB: shorten it/);
  });

  it('formula injection: =, +, -, @ and tab starts, but not numbers, phone numbers or -1', () => {
    const rows = ['=SUM(A1)', '+cmd', '-2+3', '@SUM(1)', '"\tx"', '-1', '+44 20 7946 0958', '-3.5'];
    const text = lines('Microsoft_PersonEmail,Microsoft_JobTitle', ...rows.map((v, i) => `p${i}@contoso.com,${v}`));
    const f = only(check(text), 'formula-injection');
    assert.deepEqual(
      f.map((x) => x.range.start.line),
      [1, 2, 3, 4, 5],
    );
    assert.match(f[0].message, /starts with '='.*start the value with a single quote/);
    assert.match(f[4].message, /starts with 'tab'/);
  });
});

describe('UTF-8 size', () => {
  it('counts exactly what Buffer.byteLength counts, for any mix of scripts and any range', async () => {
    const { utf8Length } = await import('../../server/src/engine/text/strings');
    const parts = ['plain', 'é', 'Müller', '€', '日本語', '😀', '\uFFFD', ',', '\r\n'];
    const rand = seeded(3);
    for (let i = 0; i < 300; i++) {
      let text = '';
      for (let k = 0; k < 20; k++) text += parts[rand(parts.length)];
      const s = rand(5);
      let e = text.length - rand(3);
      if (text.charCodeAt(e - 1) >= 0xd800 && text.charCodeAt(e - 1) <= 0xdbff) e--;
      // a range never splits a surrogate pair in use (cells end at separators)
      const from = text.codePointAt(s - 1)! > 0xffff ? s + 1 : s;
      assert.equal(utf8Length(text, from, e), Buffer.byteLength(text.slice(from, e)), JSON.stringify(text.slice(from, e)));
      // long ranges are counted natively: the same answer
      const long = text.repeat(300);
      assert.equal(utf8Length(long, from, long.length), Buffer.byteLength(long.slice(from)));
    }
  });
});
