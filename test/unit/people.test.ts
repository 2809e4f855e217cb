import * as assert from 'node:assert/strict';
import { brief, check, lines, none, ODS, one, only, VIVA } from '../helpers';
import { seeded } from '../random';
import { analyze, applyEdits, codeActionsFor, normalizeSettings } from '../../server/src/engine';

describe('people rules', () => {
  it('a valid hierarchy with one top leader has no findings', () => {
    none(check(lines(ODS, 'ceo@contoso.com,,Exec', 'a@contoso.com,ceo@contoso.com,Sales', 'b@contoso.com,a@contoso.com,Sales')));
  });

  it('person email that is not an address: on the cell, saying what is wrong', () => {
    const findings = check(lines(ODS, 'adele.contoso.com,,Sales', 'b@contoso,,HR', 'c@@contoso.com,,HR', 'd@contoso.com,,HR'));
    const f = only(findings, 'invalid-email');
    assert.deepEqual(brief(f), ['invalid-email 1:0-1:17', 'invalid-email 2:0-2:9', 'invalid-email 3:0-3:14']);
    assert.match(f[0].message, /Microsoft_PersonEmail must be an email address, but it has no @: enter the full address/);
    assert.match(f[1].message, /the domain after the @ has no dot/);
    assert.match(f[2].message, /more than one @/);
  });

  it('accepts the addresses Entra uses: plus signs, apostrophes, hyphens, subdomains', () => {
    none(check(lines(ODS, "o'neil+hr@eu.contoso-group.co.uk,,Sales", 'first.last@contoso.com,,HR')), 'invalid-email');
  });

  it('blank person: the row is dropped, say so', () => {
    const f = one(check(lines(ODS, ',,Sales')), 'missing-person', [1, 0, 1, 0]);
    assert.match(f.message, /every row needs the email of the person it describes, or the row is dropped/);
  });

  it('leading or trailing spaces: a warning with the trimmed address for the quick fix', () => {
    const f = one(check(lines(ODS, ' a@contoso.com ,,Sales')), 'email-spaces', [1, 0, 1, 15]);
    assert.deepEqual(f.data, { trimmed: 'a@contoso.com' });
    none(check(lines(ODS, ' a@contoso.com ,,Sales')), 'invalid-email');
  });

  it('duplicate person ignoring case: on the later row, linked to the first', () => {
    const f = one(
      check(lines(ODS, 'Adele@Contoso.com,,Sales', 'x@contoso.com,adele@contoso.com,HR', 'adele@contoso.com,,HR')),
      'duplicate-person',
      [3, 0, 3, 17],
    );
    assert.match(f.message, /already has a row on line 2/);
    assert.deepEqual(f.related?.[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 17 } });
  });

  it('manager email malformed: on the manager cell', () => {
    const f = one(check(lines(ODS, 'a@contoso.com,boss,Sales')), 'invalid-email', [1, 14, 1, 18]);
    assert.match(f.message, /Microsoft_ManagerEmail must be an email address/);
  });

  it('own manager', () => {
    one(check(lines(ODS, 'a@contoso.com,A@contoso.com,Sales')), 'self-manager', [1, 14, 1, 27]);
  });

  it('reporting loop: every row of the loop, each linked to the others', () => {
    const text = lines(
      ODS,
      'ceo@contoso.com,,Exec',
      'a@contoso.com,b@contoso.com,Sales',
      'b@contoso.com,c@contoso.com,Sales',
      'c@contoso.com,a@contoso.com,Sales',
      'd@contoso.com,a@contoso.com,Sales',
    );
    const loop = only(check(text), 'reporting-loop');
    assert.deepEqual(loop.map((f) => f.range.start.line).sort(), [2, 3, 4]);
    assert.match(loop[0].message, /lines 3, 4, 5 report to each other in a circle/);
    assert.equal(loop[0].related?.length, 2);
  });

  it('more than one person without a manager: information on the header, linking the rows', () => {
    const text = lines(ODS, 'a@contoso.com,,Sales', 'b@contoso.com,,HR', 'c@contoso.com,a@contoso.com,HR');
    const f = one(check(text), 'multiple-top-level', [0, 22, 0, 44]);
    assert.equal(f.severity, 'information');
    assert.match(f.message, /2 people have no Microsoft_ManagerEmail \(a blank cell keeps the manager already stored/);
    assert.equal(f.related?.length, 2);
  });

  it('a deletion marker in the manager column is not a missing manager, nor an email', () => {
    const findings = check(lines(ODS, 'a@contoso.com,,Sales', "b@contoso.com,'',HR"));
    none(findings, 'multiple-top-level');
    none(findings, 'invalid-email');
  });

  it('a manager who is not in the file: only a hint', () => {
    const f = one(check(lines(ODS, 'a@contoso.com,boss@contoso.com,Sales')), 'manager-not-in-file', [1, 14, 1, 30]);
    assert.equal(f.severity, 'hint');
  });

  it('Viva Insights: the same rules on PersonId and ManagerId', () => {
    const findings = check(lines(VIVA, 'a@contoso.com,a@contoso.com,Sales,12/1/2020', 'bad,,HR,12/1/2020'));
    assert.deepEqual(
      brief(findings)
        .map((b) => b.split(' ')[0])
        .sort(),
      ['invalid-email', 'self-manager'],
    );
    assert.match(only(findings, 'invalid-email')[0].message, /^PersonId must be an email address/);
  });
});

describe('email address check', () => {
  it('the fast check accepts and rejects exactly what the regular expression does', async () => {
    const { EMAIL, isMailbox } = await import('../../server/src/engine/catalog/formats');
    const samples = [
      'a@b.co',
      'first.last@contoso.com',
      "o'neil+x@eu.contoso-group.co.uk",
      'a@b',
      '@b.co',
      'a@.co',
      'a@b.',
      'a..b@c.co',
      '.a@c.co',
      'a.@c.co',
      'a@-b.co',
      'a@b-.co',
      'a@b.c0',
      'a@b.0c',
      'a@b..co',
      'a b@c.co',
      'a@b@c.co',
      'ä@c.co',
      'a@c.cö',
      'a@' + 'x'.repeat(64) + '.co',
      'a@' + 'x'.repeat(63) + '.co',
      'a@b.co.',
      '',
      '@',
      'a@1.2.3.4',
      'a@b.c-o',
      'a@b.co-',
      "!#$%&'*+/=?^_`{|}~-@x.io",
    ];
    for (const s of samples) assert.equal(isMailbox(s), EMAIL.test(s), s);
    // and a few thousand generated ones
    const alphabet = 'ab.@-_+Z9 ';
    const rand = seeded(7);
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = 1 + (i % 12);
      for (let k = 0; k < len; k++) s += alphabet[rand(alphabet.length)];
      assert.equal(isMailbox(s), EMAIL.test(s), JSON.stringify(s));
      // after a valid address, others with the same domain (checked from memory) still agree
      if (EMAIL.test(s)) {
        const domain = s.slice(s.indexOf('@'));
        for (const local of ['x', 'a.b', '.x', 'x.', 'a..b', 'a b', '', 'a@b']) {
          assert.equal(isMailbox(local + domain), EMAIL.test(local + domain), JSON.stringify(local + domain));
        }
      }
    }
  });

  it('the same test on a span of a longer text (how the people rules read a cell) looks at the span alone, and keys a valid one as hash64 of its lower case', async () => {
    const { EMAIL, isMailboxAt } = await import('../../server/src/engine/catalog/formats');
    const { hash64 } = await import('../../server/src/engine/text/hash');
    const rand = seeded(11);
    const alphabet = 'ab.@-_+Z9 ';
    const key = new Int32Array(2);
    for (let i = 0; i < 5000; i++) {
      let s = '';
      for (let k = 0, len = 1 + (i % 14); k < len; k++) s += alphabet[rand(alphabet.length)];
      // cells around it, with addresses of their own: an @ or a domain just outside the span must not count
      const before = ['', 'x@contoso.com,', 'a,b@'][i % 3];
      const after = ['', '@contoso.com', '.com,y@z.io', 'co'][i % 4];
      const text = before + s + after;
      assert.equal(isMailboxAt(text, before.length, before.length + s.length), EMAIL.test(s), JSON.stringify([before, s, after]));
      // (twice: the second time its domain is the one last found valid, which is not checked again)
      for (let twice = 0; twice < 2; twice++) {
        key.fill(0);
        assert.equal(isMailboxAt(text, before.length, before.length + s.length, key), EMAIL.test(s));
        if (EMAIL.test(s)) assert.deepEqual([...key], hash64(s.toLowerCase()), s);
      }
    }
    // and valid addresses in mixed case, a few domains over and over (the remembered one, then another)
    const word = (chars: string, len: number): string => Array.from({ length: len }, () => chars[rand(chars.length)]).join('');
    const domains = ['Contoso.com', 'EU.Fabrikam-Group.co.uk', 'x9.IO'];
    for (let i = 0; i < 3000; i++) {
      const local = word("AbcXyz09._+'", 1 + rand(10)).replace(/^\.|\.$|\.(?=\.)/g, 'q');
      const address = `${local}@${domains[rand(domains.length)]}`;
      const text = `x@contoso.com,${address},Sales`;
      key.fill(0);
      assert.equal(isMailboxAt(text, 14, 14 + address.length, key), true, address);
      assert.deepEqual([...key], hash64(address.toLowerCase()), address);
    }
  });
});

describe('Layer against the reporting line', () => {
  const H = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Layer';

  it('only the cell that breaks the chain: a Layer that is neither the depth nor the manager\u2019s + 1, with the expected value and a quick fix', () => {
    const text = lines(
      H,
      'ceo@c.com,,0',
      'vp@c.com,ceo@c.com,1',
      'dir@c.com,vp@c.com,5',
      'mgr@c.com,dir@c.com,6',
      'ic@c.com,mgr@c.com,4',
      'x@c.com,vp@c.com,2',
      'y@c.com,x@c.com,',
    );
    const findings = check(text);
    const f = one(findings, 'layer-mismatch', [3, 19, 3, 20]);
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      'Microsoft_Layer should be 2: this person is 2 levels below the top leader, and their manager on line 3 has Microsoft_Layer 1. Write 2, or correct the manager.',
    );
    const { doc } = analyze(text, normalizeSettings({}));
    const [fix] = codeActionsFor(doc!, f.range, [{ code: f.code, range: f.range, data: f.data }]);
    assert.equal(fix.title, 'Set the layer to 2');
    assert.equal(applyEdits(text, doc!.out.lineIndex, fix.edits!), text.replace('dir@c.com,vp@c.com,5', 'dir@c.com,vp@c.com,2'));
  });

  it('a Layer cell on another line than the person (a quoted line break before it) is reported where it is', () => {
    const H2 = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_CompanyOfficeLocation,Microsoft_Layer';
    const f = check(
      lines(H2, 'ceo@c.com,,B1,0', 'vp@c.com,ceo@c.com,"Building 4\nFloor 2",1', 'dir@c.com,vp@c.com,"Building 4\nFloor 3",7'),
    );
    one(f, 'layer-mismatch', [5, 9, 5, 10]);
  });

  it('skipped: blank, deleted and non-numeric Layers, people in loops; a file without Layer', () => {
    none(
      check(lines(H, 'ceo@c.com,,0', 'vp@c.com,ceo@c.com,-1', "dir@c.com,vp@c.com,''", 'a@c.com,b@c.com,3', 'b@c.com,a@c.com,9')),
      'layer-mismatch',
    );
    none(check(lines('Microsoft_PersonEmail,Microsoft_ManagerEmail', 'ceo@c.com,', 'vp@c.com,ceo@c.com')), 'layer-mismatch');
  });

  it('Organizational data: a chain whose top keeps its stored manager counts from that person\u2019s own Layer', () => {
    none(check(lines(H, 'vp@c.com,,1', 'dir@c.com,vp@c.com,2')), 'layer-mismatch');
    one(check(lines(H, 'vp@c.com,,1', 'dir@c.com,vp@c.com,3')), 'layer-mismatch', [2, 19, 2, 20]);
  });

  it('Viva Insights: the top leader is Layer 0, each EffectiveDate judged on its own', () => {
    const V = 'PersonId,ManagerId,Organization,EffectiveDate,Layer';
    const f = check(
      lines(
        V,
        'ceo@c.com,,Exec,1/1/2025,1',
        'vp@c.com,ceo@c.com,Sales,1/1/2025,2',
        'ceo@c.com,,Exec,2/1/2025,0',
        'vp@c.com,ceo@c.com,Sales,2/1/2025,2',
      ),
    );
    assert.deepEqual(brief(only(f, 'layer-mismatch')), ['layer-mismatch 1:25-1:26', 'layer-mismatch 4:34-4:35']);
    assert.match(only(f, 'layer-mismatch')[0].message, /^Layer should be 0: this person is the top leader/);
  });
});
