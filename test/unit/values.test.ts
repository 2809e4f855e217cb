import * as assert from 'node:assert/strict';
import { dateProblem } from '../../server/src/engine/catalog/formats';
import { brief, check, lines, none, one, only, VIVA } from '../helpers';

const H =
  'Microsoft_PersonEmail,Microsoft_Layer,Microsoft_HourlyRate,Microsoft_HireDate,Microsoft_SupervisorIndicator,Microsoft_ManagerEmail,Microsoft_Organization';

function row(...cells: string[]): string {
  return ['p@contoso.com', ...cells, '', 'Sales'].join(',');
}

describe('value rules', () => {
  it('valid values of every type: no findings but the pay-data note', () => {
    const findings = check(
      lines(
        H,
        row('2', '52.50', '3/14/2012', 'Mngr+'),
        row('-1', '0', '2012-03-14', 'IC')
          .replace('p@', 'q@')
          .replace(/,,Sales$/, ',p@contoso.com,Sales'),
      ),
    );
    assert.deepEqual(
      brief(findings).map((b) => b.split(' ')[0]),
      ['pay-data'],
    );
  });

  it('Layer: whole numbers only; -1 deletes; other negatives are out of range', () => {
    const findings = check(
      lines(
        H,
        row('two', '', '', ''),
        row('"1,000"', '', '', '').replace('p@', 'a@'),
        row('2.5', '', '', '').replace('p@', 'b@'),
        row('-3', '', '', '').replace('p@', 'c@'),
      ),
    );
    const f = only(findings, 'invalid-integer');
    assert.deepEqual(brief(f), ['invalid-integer 1:14-1:17', 'invalid-integer 2:14-2:21', 'invalid-integer 3:14-3:17']);
    assert.match(f[0].message, /Microsoft_Layer must be a whole number, but it is not a number.*-1 deletes the stored value/);
    assert.match(f[1].message, /thousands separator/);
    assert.match(f[2].message, /decimals/);
    assert.match(one(findings, 'out-of-range', [4, 14, 4, 16]).message, /0 or more \(or -1 to delete the stored value\)/);
  });

  it('HourlyRate: no currency sign, no thousands separator, no decimal comma', () => {
    const f = only(
      check(
        lines(
          H,
          row('', '$52.50', '', ''),
          row('', '"1,250.00"', '', '').replace('p@', 'a@'),
          row('', '"52,5"', '', '').replace('p@', 'b@'),
        ),
      ),
      'invalid-number',
    );
    assert.deepEqual(
      f.map((x) => x.range.start.line),
      [1, 2, 3],
    );
    assert.match(f[0].message, /currency sign: remove it/);
    assert.match(f[1].message, /thousands separators: remove them/);
    assert.match(f[2].message, /comma for decimals: use a point/);
  });

  it('WeeklyBadgeOnsiteDays: between 0 and 7', () => {
    const f = only(
      check(lines(`${VIVA},WeeklyBadgeOnsiteDays`, 'a@contoso.com,,Sales,12/1/2020,7.5', 'b@contoso.com,a@contoso.com,HR,12/1/2020,3')),
      'out-of-range',
    );
    assert.deepEqual(brief(f), ['out-of-range 1:31-1:34']);
    assert.match(f[0].message, /between 0 and 7/);
  });

  it('dates: impossible dates are flagged and the format family is named', () => {
    const f = one(check(lines(H, row('', '', '13/45/2020', ''))), 'invalid-date', [1, 16, 1, 26]);
    assert.match(f.message, /Microsoft_HireDate is not a valid date: month 13 does not exist in MM\/DD\/YYYY: correct the date/);
  });

  it('dates: a day-first date in a month-first file suggests the other setting', () => {
    const f = only(check(lines(H, row('', '', '25/12/2020', ''))), 'invalid-date')[0];
    assert.match(f.message, /reads as DD\/MM\/YYYY: fix the date, or set orgdata\.dateFormat to DD\/MM\/YYYY/);
    none(check(lines(H, row('', '', '25/12/2020', '')), { dateFormat: 'DD/MM/YYYY' }), 'invalid-date');
  });

  it('dates: the documented forms of each family', () => {
    for (const v of [
      '12/1/2020',
      '12/01/2020',
      '12/1/2020 12:00:00 AM',
      '12-01-2020',
      '12-01-20',
      '2020-12-01',
      'Wednesday, March 14, 2012',
      'March 14, 2012',
      '14-Mar-2012',
      '14-Mar-12',
      '2/29/2020',
    ]) {
      assert.equal(dateProblem(v, 'MM/DD/YYYY'), undefined, v);
    }
    for (const v of ['01/12/2020', '1/12/2020', '1/12/20', '01-12-2020', '2020-01-12', 'March 14, 2012', '29/02/2020']) {
      assert.equal(dateProblem(v, 'DD/MM/YYYY'), undefined, v);
    }
    assert.match(dateProblem('2/29/2021', 'MM/DD/YYYY')!, /day 29 does not exist in February 2021/);
    assert.match(dateProblem('Thursday, March 14, 2012', 'MM/DD/YYYY')!, /was a Wednesday, not a Thursday/);
    assert.match(dateProblem('2020/12/01', 'MM/DD/YYYY')!, /YYYY-MM-DD/);
    assert.match(dateProblem('next week', 'MM/DD/YYYY')!, /write it as M\/D\/YYYY/);
  });

  it('SupervisorIndicator: every documented spelling in any case; another value is a warning naming them', () => {
    const values = ['IC', 'ic', 'Mngr', 'MNGR+', 'Mgr', 'mgr+', 'True', 'false'];
    const ok = check(
      lines(
        H,
        ...values.map((v, i) =>
          row('', '', '', v)
            .replace('p@', `p${i}@`)
            .replace(/,,Sales$/, i ? ',p0@contoso.com,Sales' : ',,Sales'),
        ),
      ),
    );
    assert.deepEqual(
      brief(ok).map((b) => b.split(' ')[0]),
      ['pay-data'],
    );
    const f = one(check(lines(H, row('', '', '', 'Manager'))), 'unrecognized-value', [1, 17, 1, 24]);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /not one of the documented values IC, Mngr, Mngr\+, Mgr, Mgr\+, True, False \(any case\)/);
    assert.deepEqual(f.data?.candidates, ['Mngr']);
  });

  it('a closed enumeration (GlintEmploymentStatus): exact values; a case slip names the right spelling', () => {
    const findings = check(
      lines(
        'Microsoft_PersonEmail,Microsoft_GlintEmploymentStatus,Microsoft_ManagerEmail,Microsoft_Organization',
        'a@contoso.com,active,,Sales',
        'b@contoso.com,Retired,a@contoso.com,Sales',
      ),
    );
    const [slip, wrong] = only(findings, 'invalid-enum');
    assert.equal(slip.severity, 'error');
    assert.match(slip.message, /write it exactly as 'ACTIVE'/);
    assert.deepEqual(slip.data?.candidates, ['ACTIVE']);
    assert.match(wrong.message, /takes only ACTIVE, INACTIVE: use one of 'ACTIVE', 'INACTIVE'/);
  });

  it("deletion markers: '' in every column, -1 for Layer; ''' is a note", () => {
    const findings = check(lines(H, row('-1', "''", "''", "''")));
    assert.deepEqual(
      brief(findings).map((b) => b.split(' ')[0]),
      ['pay-data'],
    );
    const typed = one(check(lines(H, row('', "'''", '', ''))), 'typed-delete-marker', [1, 15, 1, 18]);
    assert.equal(typed.severity, 'information');
    assert.match(typed.message, /the deletion marker in the file is '', and ''' is what one types in Excel/);
  });

  it('Viva Insights: a blank required value is an error on the cell', () => {
    const f = one(check(lines(VIVA, 'a@contoso.com,,,12/1/2020')), 'required-value-missing', [1, 15, 1, 15]);
    assert.match(f.message, /Organization is blank; Viva Insights needs a value in every row/);
  });

  it('Organizational data: a blank cell keeps the stored value, no finding', () => {
    none(check(lines(H, row('', '', '', ''))), 'required-value-missing');
  });
});

describe('name group', () => {
  const N = 'Microsoft_PersonEmail,Microsoft_FirstName,Microsoft_LastName,Microsoft_DisplayName';

  it('all three or none: no findings', () => {
    none(check(lines(N, 'a@contoso.com,Adele,Vance,Adele Vance', 'b@contoso.com,,,'), { severity: { 'copilot-columns-missing': 'off' } }));
  });

  it('a first name alone: each blank name cell says no name is stored', () => {
    const findings = only(check(lines(N, 'a@contoso.com,Adele,,')), 'name-group-incomplete');
    assert.deepEqual(brief(findings), ['name-group-incomplete 1:20-1:20', 'name-group-incomplete 1:21-1:21']);
    assert.match(
      findings[0].message,
      /Microsoft_LastName is blank while Microsoft_FirstName has a value: first, last and display name are stored only together, so no name is stored for this person\. Fill in Microsoft_LastName\./,
    );
  });

  it('a name column without the other two: once on the header, not on every row', () => {
    const findings = check(lines('Microsoft_PersonEmail,Microsoft_DisplayName', 'a@contoso.com,Adele Vance', 'b@contoso.com,Lee Gu'));
    const f = one(findings, 'name-group-incomplete', [0, 22, 0, 43]);
    assert.match(f.message, /has Microsoft_DisplayName but no Microsoft_FirstName and Microsoft_LastName column.*no names will be stored/);
  });
});
