import * as assert from 'node:assert/strict';
import { check, lines, none, ODS, one, only } from '../helpers';

describe('file-level information', () => {
  function people(n: number, withOrg: (i: number) => boolean): string[] {
    return Array.from({ length: n }, (_, i) => `p${i}@contoso.com,${i === 0 ? '' : 'p0@contoso.com'},${withOrg(i) ? 'Sales' : ''}`);
  }

  it('organization filled in for fewer than 95% of people: on its header, with the figures', () => {
    const f = one(check(lines(ODS, ...people(20, (i) => i > 1))), 'coverage-low', [0, 45, 0, 67]);
    assert.match(
      f.message,
      /Microsoft_Organization is filled in for 90% of people \(18 of 20\); for tenants with the Copilot dashboard an upload below 95% fails: fill in the blanks/,
    );
    assert.equal(f.severity, 'warning');
    assert.deepEqual(
      f.related?.map((r) => r.range.start.line),
      [1, 2],
    );
  });

  it('exactly 95% passes; the top leader without a manager is not a gap', () => {
    none(check(lines(ODS, ...people(20, (i) => i > 0))), 'coverage-low');
  });

  it('manager coverage counts blank managers beyond the top leader', () => {
    const rows = people(10, () => true).map((r, i) => (i === 5 ? r.replace(',p0@contoso.com,', ',,') : r));
    const f = only(check(lines(ODS, ...rows)), 'coverage-low');
    assert.equal(f.length, 1);
    assert.equal(f[0].attribute, 'Microsoft_ManagerEmail');
  });

  it('a file over 25 MB: needs the SharePoint path', () => {
    const row = `,,${'x'.repeat(200)}`;
    const rows = Array.from({ length: 130_000 }, (_, i) => `p${i}@contoso.com${row}`);
    const f = one(check([ODS, ...rows].join('\n')), 'file-too-large', [0, 0, 0, ODS.length]);
    assert.match(f.message, /This file is 2[5-9]\.\d MB; the upload page takes at most 25 MB .*through SharePoint/);
    none(check(lines(ODS, ...rows.slice(0, 1000))), 'file-too-large');
  });
});
