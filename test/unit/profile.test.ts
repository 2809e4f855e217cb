import * as assert from 'node:assert/strict';
import {
  analyze,
  normalizeSettings,
  ProfileBuilder,
  profileJson,
  profileMarkdown,
  profileText,
  type FileProfile,
} from '../../server/src/engine';
import { generateVivaHistory } from '../../bench/generate';

function profileOf(text: string, minGroupSize?: number, settings: Record<string, unknown> = {}, showValues = false): FileProfile {
  const s = normalizeSettings(settings);
  const { doc } = analyze(text, s, { force: true });
  const b = new ProfileBuilder(s, minGroupSize, showValues);
  b.add(doc!);
  return b.result();
}

describe('column profile', () => {
  const text =
    [
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_Layer,Microsoft_HireDate,Microsoft_DisplayName,CostCenter',
      'ceo@c.com,,Exec,0,1/4/2010,Megan Bowen,100',
      'a@c.com,ceo@c.com,Sales,1,3/14/2012,Adele Vance,200',
      'b@c.com,a@c.com,Sales,-1,14/03/2012,Lee Gu,200',
      "c@c.com,a@c.com,Sales,'',,Diego S,200",
      "d@c.com,a@c.com,'',2,soon,Grady A,200",
      'e@c.com,a@c.com,Sales,x,,Henrietta M,300',
    ].join('\n') + '\n';

  it('counts filled, blank and deleted cells, distinct and top values, exactly', () => {
    const p = profileOf(text);
    assert.equal(p.people, 6);
    assert.equal(p.rows, 6);
    const col = (name: string) => p.columns.find((c) => c.name === name)!;
    assert.deepEqual(
      [
        col('Microsoft_Organization').filled,
        col('Microsoft_Organization').blank,
        col('Microsoft_Organization').deleted,
        col('Microsoft_Organization').distinct,
      ],
      [5, 0, 1, 2],
    );
    assert.deepEqual(col('Microsoft_Organization').top, [
      { value: 'Sales', count: 4 },
      { value: 'Exec', count: 1 },
    ]);
    // Layer: -1 and '' are deletions; 'x' is filled but not a whole number
    assert.deepEqual([col('Microsoft_Layer').filled, col('Microsoft_Layer').deleted, col('Microsoft_Layer').invalid], [4, 2, 1]);
    assert.deepEqual(col('Microsoft_Layer').invalidValues, [{ value: 'x', count: 1 }]);
    // dates in the MM/DD family: 14/03/2012 and 'soon' are not dates
    assert.deepEqual([col('Microsoft_HireDate').filled, col('Microsoft_HireDate').blank, col('Microsoft_HireDate').invalid], [4, 2, 2]);
    // managers' addresses identify people: counted, their values shown only when asked
    assert.deepEqual(col('Microsoft_ManagerEmail').top, []);
    assert.equal(col('Microsoft_ManagerEmail').valuesHidden, 'identifying: it names people');
    assert.deepEqual(profileOf(text, undefined, {}, true).columns.find((c) => c.name === 'Microsoft_ManagerEmail')!.top[0], {
      value: 'a@c.com',
      count: 4,
    });
    assert.equal(col('Microsoft_ManagerEmail').blank, 1);
  });

  it('never prints values of sensitive or identifying columns unless asked, and says they are hidden', () => {
    const rows = ['Microsoft_PersonEmail,Microsoft_Organization,National Insurance No,DateOfBirth,Employee ID,Reference,Region'];
    const ninos = ['QQ123456C', 'AB123456D', 'CE654321A', 'JG103759A', 'NP112233B'];
    for (let i = 0; i < 30; i++) {
      rows.push(
        `p${i}@c.com,${i % 2 ? 'Sales' : 'Finance'},${ninos[i % 5]},${1 + (i % 12)}/1/1984,E${1000 + i},${i % 10 === 0 ? ninos[1 + (i % 4)] : 'R1'},${i < 28 ? 'EMEA' : 'APAC'}`,
      );
    }
    const text = rows.join('\n') + '\n';
    const p = profileOf(text);
    const col = (name: string) => p.columns.find((c) => c.name === name)!;
    assert.equal(col('National Insurance No').valuesHidden, 'sensitive: a national identifier');
    assert.equal(col('DateOfBirth').valuesHidden, 'sensitive: date of birth');
    assert.equal(col('Employee ID').valuesHidden, 'identifying: nearly every value is distinct');
    assert.equal(col('Reference').valuesHidden, 'sensitive: values look like identifiers or financial data');
    for (const name of ['National Insurance No', 'DateOfBirth', 'Employee ID', 'Reference']) {
      assert.deepEqual([col(name).top, col(name).invalidValues, col(name).smallGroups], [[], [], []], name);
    }
    // a small group is still counted, not named
    assert.equal(col('DateOfBirth').smallGroupCount, 12);
    // grouping columns keep their values
    assert.deepEqual(col('Region').smallGroups, [{ value: 'APAC', count: 2 }]);
    assert.equal(col('Region').valuesHidden, undefined);
    // nothing of the hidden columns in any format
    for (const report of [profileText('f.csv', p), profileMarkdown('f.csv', p), profileJson(p)]) {
      for (const v of [...ninos, '1/1/1984', 'E1000']) assert.ok(!report.includes(v), `${v} in a report`);
    }
    assert.match(
      profileText('f.csv', p),
      /^DateOfBirth \(custom\): 100% filled \(30\), 0 blank, 0 deleted, 12 distinct\n  values not shown \(sensitive: date of birth; --show-values shows them\); groups under 5 people: 12$/m,
    );
    // asked: shown
    assert.ok(profileText('f.csv', profileOf(text, undefined, {}, true)).includes('QQ123456C'));
  });

  it('small groups on grouping and custom columns: values held by fewer people than the minimum', () => {
    const p = profileOf(text);
    const col = (name: string) => p.columns.find((c) => c.name === name)!;
    assert.deepEqual(col('Microsoft_Organization').smallGroups, [
      { value: 'Exec', count: 1 },
      { value: 'Sales', count: 4 },
    ]);
    assert.deepEqual(col('CostCenter').smallGroups, [
      { value: '100', count: 1 },
      { value: '300', count: 1 },
      { value: '200', count: 4 },
    ]);
    assert.deepEqual(profileOf(text, 2).columns.find((c) => c.name === 'CostCenter')!.smallGroups, [
      { value: '100', count: 1 },
      { value: '300', count: 1 },
    ]);
    assert.equal(col('Microsoft_Layer').smallGroups, undefined, 'Layer is no grouping column');
  });

  it('no top values for the identifying columns (the person, the names)', () => {
    const p = profileOf(text);
    assert.deepEqual(p.columns.find((c) => c.name === 'Microsoft_PersonEmail')!.top, []);
    assert.deepEqual(p.columns.find((c) => c.name === 'Microsoft_DisplayName')!.top, []);
  });

  it('a Viva Insights history file: groups count people, not their monthly rows', () => {
    const history = generateVivaHistory(40, 13, false, 0);
    const p = profileOf(history);
    assert.equal(p.people, 40);
    assert.equal(p.rows, 40 * 13);
    const org = p.columns.find((c) => c.name === 'Organization')!;
    // 40 people over 8 organizations (and every 11th moves to the next one half-way): 5 or 6 people each, over 13 rows each
    assert.equal(org.filled, 520);
    assert.deepEqual(org.smallGroups, []);
  });
});
