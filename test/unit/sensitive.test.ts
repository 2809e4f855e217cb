import * as assert from 'node:assert/strict';
import { ATTRIBUTES } from '../../server/src/engine/catalog/catalog';
import { isCardNumber, isIban, sensitiveCategoryOf } from '../../server/src/engine/analysis/rules/sensitive';
import { IncrementalAnalysis, normalizeSettings, validate } from '../../server/src/engine';
import { seeded } from '../random';
import { check, lines, none, one, only } from '../helpers';

describe('sensitive personal data', () => {
  it('column names: matched on words, in any casing style', () => {
    assert.equal(sensitiveCategoryOf('DateOfBirth'), 'date of birth');
    assert.equal(sensitiveCategoryOf('date_of_birth'), 'date of birth');
    assert.equal(sensitiveCategoryOf('SSN'), 'a national identifier');
    assert.equal(sensitiveCategoryOf('EmployeeSSN'), 'a national identifier');
    assert.equal(sensitiveCategoryOf('Religion'), 'religious or philosophical beliefs');
    assert.equal(sensitiveCategoryOf('Home Address'), 'a home address');
    assert.equal(sensitiveCategoryOf('PersonalEmail'), 'personal contact details');
    assert.equal(sensitiveCategoryOf('IBAN'), 'bank or card data');
    assert.equal(sensitiveCategoryOf('TradeUnionMember'), 'trade-union membership');
  });

  it('no loose substrings: no documented attribute and no ordinary column is caught', () => {
    for (const a of ATTRIBUTES) assert.equal(sensitiveCategoryOf(a.name), undefined, a.name);
    for (const name of [
      'Business',
      'Communication',
      'Raceway',
      'Prejudice',
      'Unionville',
      'CostCenter',
      'WorkEmail',
      'Birthplace_Office'.replace('Birthplace_', 'Main'),
    ]) {
      assert.equal(sensitiveCategoryOf(name), undefined, name);
    }
  });

  it('a sensitive column: a warning on the header that says why it matters', () => {
    const f = one(check(lines('Microsoft_PersonEmail,Religion', 'a@contoso.com,x')), 'sensitive-column', [0, 22, 0, 30]);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /Remove this column before uploading: organizational data is visible to everyone in the tenant/);
    none(check(lines('Microsoft_PersonEmail,Religion', 'a@contoso.com,x')), 'unused-column');
  });

  it('values that look like SSNs: on the header, linked to the cells, no value in the message', () => {
    const text = lines('Microsoft_PersonEmail,Ref', 'a@contoso.com,078-05-1120', 'b@contoso.com,219-09-9999');
    const f = one(check(text, { customAttributes: ['Ref'] }), 'sensitive-values', [0, 22, 0, 25]);
    assert.match(
      f.message,
      /look like US social security numbers \(2 of 2 values; orgdata flags a column when at least 2 values and 5% of them look so\)/,
    );
    assert.doesNotMatch(f.message, /078/);
    assert.deepEqual(
      f.related?.map((r) => r.range.start.line),
      [1, 2],
    );
  });

  it('card numbers need the Luhn check, IBANs the mod-97 check', () => {
    assert.ok(isCardNumber('4111 1111 1111 1111'));
    assert.ok(!isCardNumber('4111 1111 1111 1112'));
    assert.ok(isIban('DE89 3704 0044 0532 0130 00'));
    assert.ok(!isIban('DE89 3704 0044 0532 0130 01'));
    const text = lines('Microsoft_PersonEmail,Microsoft_CompanyCode', 'a@contoso.com,4111111111111111');
    one(check(text), 'sensitive-values', [0, 22, 0, 43]);
    none(check(lines('Microsoft_PersonEmail,Microsoft_CompanyCode', 'a@contoso.com,4111111111111112')), 'sensitive-values');
  });

  it('pay data is information, not a warning', () => {
    const f = only(
      check(lines('PersonId,ManagerId,Organization,EffectiveDate,HourlyRate', 'a@contoso.com,,Sales,12/1/2020,52.5')),
      'pay-data',
    );
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /confidential pay data/);
  });

  it('every value of a large file counts: a 100k-row column, a third of it SSNs', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `p${i}@contoso.com,${i % 3 === 1 ? '078-05-1120' : 'Building 4 Floor 2'}`);
    const f = only(check(['Microsoft_PersonEmail,Ref', ...rows].join('\n'), { customAttributes: ['Ref'] }), 'sensitive-values');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /\(33,333 of 100,000 values;/);
    assert.deepEqual(
      f[0].related?.map((r) => r.range.start.line),
      [2, 5, 8, 11, 14],
    );
  });

  it('one stray SSN-like value does not condemn a column; a real ID column is flagged', () => {
    const refs = (n: number, ssns: number): string[] =>
      Array.from({ length: n }, (_, i) => `p${i}@contoso.com,${i < ssns ? `${String(100 + i).padStart(3, '0')}-45-6789` : `REF-${i}-XYZ`}`);
    const flagged = (n: number, ssns: number): boolean =>
      only(check(['Microsoft_PersonEmail,Ref', ...refs(n, ssns)].join('\n'), { customAttributes: ['Ref'] }), 'sensitive-values').length > 0;
    assert.equal(flagged(500, 1), false, 'one of 500');
    assert.equal(flagged(500, 24), false, '24 of 500 (under 5%)');
    assert.equal(flagged(500, 25), true, '25 of 500');
    assert.equal(flagged(3, 2), true, '2 of 3');
    assert.equal(flagged(1, 1), true, 'the only value');
  });

  it('the verdict depends on the text alone: a big document edited in blocks says what a fresh check says', () => {
    // one SSN-like value per 40 rows of a 3,000-row file: 2.5%, not flagged; then lines are deleted and added around them
    const settings = normalizeSettings({ customAttributes: ['Ref'] });
    const rows = ['Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Ref'];
    for (let i = 0; i < 3000; i++)
      rows.push(`p${i}@contoso.com,${i ? 'p0@contoso.com' : ''},Sales,${i % 40 === 5 ? `${200 + (i % 500)}-45-6789` : `R${i}-${i * 7}-X`}`);
    let text = rows.join('\n') + '\n';
    const a = new IncrementalAnalysis(text, settings);
    const rand = seeded(7);
    for (let k = 0; k < 40; k++) {
      const lines = text.split('\n');
      const at = 1 + rand(lines.length - 2);
      const start = lines.slice(0, at).join('\n').length + 1;
      const cut = rand(3) === 0 ? 0 : 1 + rand(12);
      const end = lines.slice(0, at + cut).join('\n').length + 1;
      const insert = rand(2)
        ? ''
        : Array.from(
            { length: 1 + rand(30) },
            (_, j) => `n${k}.${j}@contoso.com,p0@contoso.com,Sales,${j % 2 ? '300-45-6789' : 'x'}\n`,
          ).join('');
      text = text.slice(0, start) + insert + text.slice(end);
      a.update(text, { start, oldEnd: end, newEnd: start + insert.length });
      const fresh = validate(text, settings).findings.filter((f) => f.code === 'sensitive-values');
      assert.deepEqual(
        a.result.findings.filter((f) => f.code === 'sensitive-values'),
        fresh,
        `after edit ${k}`,
      );
    }
  });
});
