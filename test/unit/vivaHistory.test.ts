import * as assert from 'node:assert/strict';
import { BLOCK_ROWS, IncrementalAnalysis, normalizeSettings, validate, type Finding } from '../../server/src/engine';
import { generateVivaHistory } from '../../bench/generate';
import { seeded } from '../random';
import { brief, check, lines, none, ODS, one, only } from '../helpers';

const H = 'PersonId,EffectiveDate,ManagerId,Organization';

/** A small org of one snapshot: CEO, two VPs, each VP two reports. */
function snapshot(date: string, change: (row: string[], i: number) => string[] = (r) => r): string[] {
  const people: [string, string, string][] = [
    ['ceo@contoso.com', '', 'Executive'],
    ['vp1@contoso.com', 'ceo@contoso.com', 'Sales'],
    ['vp2@contoso.com', 'ceo@contoso.com', 'Engineering'],
    ['s1@contoso.com', 'vp1@contoso.com', 'Sales'],
    ['s2@contoso.com', 'vp1@contoso.com', 'Sales'],
    ['e1@contoso.com', 'vp2@contoso.com', 'Engineering'],
    ['e2@contoso.com', 'vp2@contoso.com', 'Engineering'],
  ];
  return people.map(([p, m, o], i) => change([p, date, m, o], i).join(','));
}

const MONTHS = Array.from({ length: 13 }, (_, k) => `${((k + 11) % 12) + 1}/1/${k === 0 ? 2024 : 2025}`);

describe('Viva Insights history files (one row per person and EffectiveDate)', () => {
  it('13 monthly snapshots of a real-looking org are clean, ordered by date or by person', () => {
    for (const byPerson of [false, true]) {
      const text = generateVivaHistory(300, 13, byPerson);
      const result = validate(text, normalizeSettings({}));
      assert.deepEqual(result.findings, [], byPerson ? 'by person' : 'by date');
      assert.ok(result.people > 300 * 12, `${result.people} rows`);
    }
    assert.deepEqual(check(lines(H, ...MONTHS.flatMap((d) => snapshot(d)))), []);
  });

  it('the same person twice in one EffectiveDate, however written: an error linked to the first row', () => {
    const rows = [...snapshot('11/1/2025'), ...snapshot('12/1/2025')];
    rows.push('S1@Contoso.com,12/01/2025,vp1@contoso.com,Sales');
    const f = one(check(lines(H, ...rows)), 'duplicate-person', [15, 0, 15, 14]);
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      'This person already has a row for EffectiveDate 2025-12-01 on line 12 (emails compare without case): a person has one row per EffectiveDate. Merge the two rows, or correct the date.',
    );
    assert.deepEqual(f.related, [
      { range: { start: { line: 11, character: 0 }, end: { line: 11, character: 14 } }, message: 'first row of this person' },
    ]);
  });

  it('without an EffectiveDate column every row applies from the upload date: a second row is a duplicate', () => {
    const f = one(
      check(lines('PersonId,ManagerId,Organization', 'a@contoso.com,,Sales', 'a@contoso.com,,Sales')),
      'duplicate-person',
      [2, 0, 2, 13],
    );
    assert.match(
      f.message,
      /without an EffectiveDate column both apply from the upload date: merge the two rows, or add EffectiveDate to date them/,
    );
  });

  it('in Organizational data a second row stays a finding, marked as our decision', () => {
    const f = one(check(lines(ODS, 'a@contoso.com,,Sales', 'A@contoso.com,,Sales')), 'duplicate-person', [2, 0, 2, 13]);
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /Microsoft merges a person's rows in an order it does not document, so which value wins is unknown \(orgdata flags it\)/,
    );
  });

  it('the hierarchy is judged per snapshot: a loop in one month only, a manager missing from that month', () => {
    const rows = [
      ...snapshot('11/1/2025'),
      // December: vp1 reports to s1, who reports to vp1; e2's manager left in November
      ...snapshot('12/1/2025', (r) => (r[0] === 'vp1@contoso.com' ? [r[0], r[1], 's1@contoso.com', r[3]] : r)).filter(
        (r) => !r.startsWith('vp2@'),
      ),
    ];
    const findings = check(lines(H, ...rows));
    const loop = only(findings, 'reporting-loop');
    assert.deepEqual(
      loop.map((f) => f.range.start.line),
      [9, 10],
    );
    assert.match(loop[0].message, /lines 10, 11 report to each other/);
    const outside = only(findings, 'manager-not-in-file');
    assert.deepEqual(
      outside.map((f) => f.range.start.line),
      [12, 13],
    );
    assert.match(outside[0].message, /This manager has no row for the same EffectiveDate in this file/);
  });

  it('a blank ManagerId other than the top leader\u2019s is an error on its cell, naming the top leader', () => {
    const rows = [...snapshot('11/1/2025'), ...snapshot('12/1/2025', (r) => (r[0] === 'e1@contoso.com' ? [r[0], r[1], '', r[3]] : r))];
    const findings = check(lines(H, ...rows));
    const f = one(findings, 'missing-manager', [13, 25, 13, 25]);
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      'ManagerId is blank, but Viva Insights takes a blank ManagerId only for the top leader ("Missing ManagerId value for new PersonId"); orgdata takes the top leader of EffectiveDate 2025-12-01 to be the person on line 9 (the largest reporting tree; set orgdata.topLeader to name another): enter this person\'s manager.',
    );
    assert.deepEqual(f.related, [
      { range: { start: { line: 8, character: 0 }, end: { line: 8, character: 15 } }, message: 'the top leader' },
    ]);
    none(findings, 'multiple-top-level');
  });

  it('the top leader is the blank one with the largest tree, not the first; orgdata.topLeader overrides', () => {
    // the lone contractor with no manager comes first in the file
    const rows = ['x@contoso.com,12/1/2025,,Contractors', ...snapshot('12/1/2025')];
    const chosen = one(check(lines(H, ...rows)), 'missing-manager', [1, 24, 1, 24]);
    assert.match(chosen.message, /the person on line 3 \(the largest reporting tree/);
    const named = check(lines(H, ...rows), { topLeader: 'X@contoso.com' });
    const f = one(named, 'missing-manager', [2, 26, 2, 26]);
    assert.match(f.message, /the person on line 2 \(orgdata\.topLeader\)/);
  });

  it('coverage counts people of each snapshot, and names the worst', () => {
    const blankOrg = (r: string[], i: number): string[] => (i >= 5 ? [r[0], r[1], r[2], ''] : r);
    const rows = [...MONTHS.slice(0, 12).flatMap((d) => snapshot(d)), ...snapshot('12/1/2025', blankOrg)];
    const findings = check(lines(H, ...rows), { severity: { 'required-value-missing': 'off' } });
    const f = one(findings, 'coverage-low', [0, 33, 0, 45]);
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /^Organization is filled in for 71\.4% of people on EffectiveDate 2025-12-01 \(5 of 7\); for tenants with the Copilot dashboard an upload below 95% fails/,
    );
    assert.deepEqual(
      f.related?.map((r) => r.range.start.line),
      [90, 91],
    );
  });

  it('Organizational data: a person\u2019s rows together fill a column, and people are counted once', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `p${i}@contoso.com,${i ? 'p0@contoso.com' : ''},${i === 7 ? '' : 'Sales'}`);
    // p7's organization comes in a second row; five more rows of p1 with a blank organization
    rows.push('p7@contoso.com,p0@contoso.com,Sales', ...Array.from({ length: 5 }, () => 'p1@contoso.com,p0@contoso.com,'));
    none(check(lines(ODS, ...rows)), 'coverage-low');
  });
});

describe('incremental re-checking of a Viva Insights history file', () => {
  const settings = normalizeSettings({ maxProblems: 100000 });
  const key = (fs: Finding[]): string[] => fs.map((f) => `${brief([f])[0]} ${f.message} ${JSON.stringify(f.related ?? [])}`);

  it('random edits of dates, people and managers, in any block: always what a fresh check finds', function () {
    this.timeout(120_000);
    let text = generateVivaHistory(600, 13);
    assert.ok(text.split('\r\n').length > BLOCK_ROWS * 3);
    const a = new IncrementalAnalysis(text, settings);
    const rand = seeded(2026);
    const inserts = [
      '12/1/2025',
      '11/1/2025',
      '1/1/2025',
      'x',
      '',
      '\r\n',
      'adele.vance0@contoso.com',
      'ADELE.VANCE0@contoso.com',
      ',',
      '"',
    ];
    let blocks = 0;
    for (let i = 0; i < 120; i++) {
      const lineStarts = [...text.matchAll(/\r\n/g)].map((m) => m.index! + 2);
      const line = 1 + rand(lineStarts.length - 2);
      const start = lineStarts[line - 1];
      const cells = text.slice(start, lineStarts[line] - 2).split(',');
      // a cell: the person, the date or the manager
      const which = [0, 1, 2][rand(3)];
      const cellStart = start + cells.slice(0, which).reduce((n, c) => n + c.length + 1, 0);
      const cellEnd = cellStart + (cells[which]?.length ?? 0);
      const insert = inserts[rand(inserts.length)];
      text = text.slice(0, cellStart) + insert + text.slice(cellEnd);
      a.update(text, { start: cellStart, oldEnd: cellEnd, newEnd: cellStart + insert.length });
      if (a.lastUpdate === 'blocks') blocks++;
      assert.deepEqual(key(a.result.findings), key(validate(text, settings).findings), `after edit ${i} on line ${line}`);
    }
    assert.ok(blocks > 60, `most edits re-check blocks: ${blocks}`);
  });

  it('a date edited away and back: the file is one snapshot again, and says so as a fresh check does', () => {
    const rows = [
      H,
      ...Array.from(
        { length: BLOCK_ROWS * 3 },
        (_, i) => `p${i}@contoso.com,12/1/2025,${i ? 'p0@contoso.com' : ''},${i % 10 ? 'Sales' : ''}`,
      ),
    ];
    rows[BLOCK_ROWS * 2] = rows[BLOCK_ROWS * 2].replace(',p0@', ',nobody@');
    let text = rows.join('\n') + '\n';
    const a = new IncrementalAnalysis(text, settings);
    const at = text.indexOf('12/1/2025', text.indexOf(`\np${BLOCK_ROWS * 2 + 5}@`));
    for (const date of ['1/1/2026', '12/1/2025']) {
      text = text.slice(0, at) + date + text.slice(at + (date === '1/1/2026' ? 9 : 8));
      a.update(text, { start: at, oldEnd: at + (date === '1/1/2026' ? 9 : 8), newEnd: at + date.length });
      assert.equal(a.lastUpdate, 'blocks');
      assert.deepEqual(key(a.result.findings), key(validate(text, settings).findings), date);
    }
    assert.match(only(a.result.findings, 'manager-not-in-file')[0].message, /has no row in this file/);
    assert.match(only(a.result.findings, 'coverage-low')[0].message, /of people \(/);
  });

  it('a duplicate and a blank ManagerId made and undone far apart', () => {
    const rows = generateVivaHistory(600, 13).split('\r\n');
    let text = rows.join('\r\n');
    const a = new IncrementalAnalysis(text, settings);
    const far = rows.length - 3;
    const [p, d] = rows[far].split(',');
    const target = rows.findIndex((r, i) => i > 0 && r.split(',')[1] === d && !r.startsWith(p + ','));
    const start = text.split('\r\n', target).join('\r\n').length + 2;
    const oldEmail = rows[target].split(',')[0];
    text = text.slice(0, start) + p + text.slice(start + oldEmail.length);
    a.update(text, { start, oldEnd: start + oldEmail.length, newEnd: start + p.length });
    assert.deepEqual(key(a.result.findings), key(validate(text, settings).findings));
    assert.ok(a.result.findings.some((f) => f.code === 'duplicate-person'));
    assert.equal(a.lastUpdate, 'blocks');
  });
});
