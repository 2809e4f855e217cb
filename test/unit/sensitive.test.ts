import * as assert from 'node:assert/strict';
import { ATTRIBUTES } from '../../server/src/engine/catalog';
import { isCardNumber, isIban, sensitiveCategoryOf } from '../../server/src/engine/rules/sensitive';
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
    for (const name of ['Business', 'Communication', 'Raceway', 'Prejudice', 'Unionville', 'CostCenter', 'WorkEmail', 'Birthplace_Office'.replace('Birthplace_', 'Main')]) {
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
    assert.match(f.message, /look like US social security numbers \(2 of 2 sampled\)/);
    assert.doesNotMatch(f.message, /078/);
    assert.deepEqual(f.related?.map((r) => r.range.start.line), [1, 2]);
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
    const f = only(check(lines('PersonId,ManagerId,Organization,EffectiveDate,HourlyRate', 'a@contoso.com,,Sales,12/1/2020,52.5')), 'pay-data');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /confidential pay data/);
  });

  it('samples large files: a 100k-row column is judged from a bounded sample', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `p${i}@contoso.com,${i % 3 === 1 ? '078-05-1120' : 'x'}`);
    const f = only(check(['Microsoft_PersonEmail,Ref', ...rows].join('\n'), { customAttributes: ['Ref'] }), 'sensitive-values');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /of 500 sampled/);
  });
});
