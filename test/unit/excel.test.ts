import * as assert from 'node:assert/strict';
import { analyze, applyEdits, codeActionsFor, normalizeSettings, resolveEdit } from '../../server/src/engine';
import { convertDelimiter } from '../../server/src/engine/features/edits';
import { repairMojibake } from '../../server/src/engine/text/mojibake';
import { seeded } from '../random';
import { check, lines, none, ODS, one, only } from '../helpers';

/** The text after the preferred quick fix of the one finding of `code`. */
function fixed(text: string, code: string, settings: Record<string, unknown> = {}): { title: string; text: string } {
  const { result, doc } = analyze(text, normalizeSettings(settings));
  const f = only(result.findings, code);
  assert.equal(f.length, 1, `one ${code}: ${JSON.stringify(result.findings.map((x) => x.code))}`);
  const actions = codeActionsFor(doc!, f[0].range, [{ code: f[0].code, range: f[0].range, data: f[0].data }], () => doc);
  const action = actions.find((a) => a.isPreferred);
  assert.ok(action, `a preferred fix for ${code}: ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = action.edits ?? (action.lazy ? resolveEdit(doc!, action.lazy) : []);
  return { title: action.title, text: applyEdits(text, doc!.out.lineIndex, edits) };
}

const H = `${ODS},Microsoft_JobTitle,Microsoft_Layer,Microsoft_UserSkillNames,Microsoft_CompanyOfficeCity`;

describe("Excel's traps", () => {
  it("a lone ' (Excel ate one quote of ''): a warning on the cell, fixed to ''", () => {
    const text = lines(H, "adele@contoso.com,,Sales,',1,,Adele Vance");
    const f = one(check(text), 'lone-quote', [1, 25, 1, 26]);
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /Microsoft_JobTitle holds a lone ', which uploads as a value: Excel kept one quote of ''.*write '' \(in Excel, type '''\)/,
    );
    assert.deepEqual(fixed(text, 'lone-quote'), {
      title: "Change to '' (delete the stored value)",
      text: lines(H, "adele@contoso.com,,Sales,'',1,,Adele Vance"),
    });
  });

  it("a lone ' in the manager column is that finding, not an invalid address", () => {
    const findings = check(lines(ODS, "adele@contoso.com,',Sales"));
    assert.deepEqual(
      findings.map((x) => x.code),
      ['lone-quote'],
    );
  });

  it("'' or ''' in Microsoft_Layer: a Layer is deleted with -1", () => {
    for (const [cell, range] of [
      ["''", [1, 29, 1, 31]],
      ["\"'''\"", [1, 29, 1, 34]],
    ] as const) {
      const text = lines(H, `adele@contoso.com,,Sales,CEO,${cell},,Adele Vance`);
      const f = one(check(text), 'layer-delete-marker', [...range]);
      assert.match(f.message, /Microsoft_Layer is deleted with -1, not with '{2,3}: write -1\./);
      // a quoted cell keeps its quotes
      const minus = cell.startsWith('"') ? '"-1"' : '-1';
      assert.deepEqual(fixed(text, 'layer-delete-marker'), {
        title: 'Change to -1 (delete the stored layer)',
        text: lines(H, `adele@contoso.com,,Sales,CEO,${minus},,Adele Vance`),
      });
    }
  });

  it("''' written into the file: a note, fixed to ''; the quotes of the cell stay", () => {
    const text = lines(H, "adele@contoso.com,,Sales,\"'''\",1,,Adele Vance");
    assert.equal(one(check(text), 'typed-delete-marker', [1, 25, 1, 30]).severity, 'information');
    assert.equal(fixed(text, 'typed-delete-marker').text, lines(H, 'adele@contoso.com,,Sales,"\'\'",1,,Adele Vance'));
  });

  it('skills separated by semicolons: a warning, fixed to commas in quotes', () => {
    const text = lines(H, 'adele@contoso.com,,Sales,CEO,0,Azure; SQL;Project management,Adele Vance');
    const f = one(check(text), 'skills-separator', [1, 31, 1, 60]);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(fixed(text, 'skills-separator'), {
      title: 'Separate the skills with commas',
      text: lines(H, 'adele@contoso.com,,Sales,CEO,0,"Azure,SQL,Project management",Adele Vance'),
    });
    none(check(lines(H, 'adele@contoso.com,,Sales,CEO,0,"Azure,SQL",Adele Vance')), 'skills-separator');
  });

  it('UTF-8 read as Windows-1252 and saved again: a warning with the repaired text', () => {
    const text = lines(
      H,
      'adele@contoso.com,,Sales,Gesch\u00c3\u00a4ftsf\u00c3\u00bchrerin,0,,Henrietta M\u00c3\u00bcller \u00e2\u20ac\u201c R\u00c3\u00a9sum\u00c3\u00a9',
    );
    const findings = only(check(text), 'mojibake');
    assert.deepEqual(
      findings.map((x) => x.attribute),
      ['Microsoft_JobTitle', 'Microsoft_CompanyOfficeCity'],
    );
    assert.match(findings[0].message, /looks like UTF-8 text that was read as Windows-1252 and saved again.*use the repaired text/);
    assert.deepEqual(
      findings.map((x) => x.data?.replacement),
      ['Gesch\u00e4ftsf\u00fchrerin', 'Henrietta M\u00fcller \u2013 R\u00e9sum\u00e9'],
    );
    const { result, doc } = analyze(text, normalizeSettings({}));
    const f = only(result.findings, 'mojibake')[1];
    const action = codeActionsFor(doc!, f.range, [{ code: f.code, range: f.range, data: f.data }])[0];
    assert.equal(action.title, "Repair the text to 'Henrietta M\u00fcller \u2013 R\u00e9sum\u00e9'");
    assert.equal(
      applyEdits(text, doc!.out.lineIndex, action.edits!),
      lines(H, 'adele@contoso.com,,Sales,Gesch\u00c3\u00a4ftsf\u00c3\u00bchrerin,0,,Henrietta M\u00fcller \u2013 R\u00e9sum\u00e9'),
    );
  });

  it('a long file: the misread cell is found among thousands of plain ASCII rows, and a plain file has none', () => {
    // (over 4096 characters, where the check first asks whether the text is plain ASCII at all)
    const plain = Array.from({ length: 400 }, (_, i) => `p${i}@contoso.com,,Sales,Engineer,1,,Adele Vance`);
    none(check(lines(H, ...plain)), 'mojibake');
    const misread = [...plain.slice(0, 350), 'x@contoso.com,,Sales,Gesch\u00c3\u00a4ftsf\u00c3\u00bchrerin,1,,A', ...plain.slice(350)];
    const f = one(check(lines(H, ...misread)), 'mojibake', [351, 21, 351, 40]);
    assert.equal(f.data?.replacement, 'Gesch\u00e4ftsf\u00fchrerin');
  });

  it('real accented names are left alone', () => {
    const text = lines(
      H,
      'a@contoso.com,,Sales,Direktorin,0,,Ren\u00e9e \u00c5ngstr\u00f6m',
      'b@contoso.com,a@contoso.com,Sales,Jefe,1,,Jos\u00e9 Mu\u00f1oz \u00c2ngela',
      'c@contoso.com,a@contoso.com,Sales,\u00c3rea,1,,\u00c3o Paulo',
    );
    none(check(text), 'mojibake');
  });

  it('the repair is offered only where it is unambiguous', () => {
    assert.equal(repairMojibake('M\u00c3\u00bcller'), 'M\u00fcller');
    assert.equal(repairMojibake('don\u00e2\u20ac\u2122t'), 'don\u2019t');
    // twice misread: repaired twice
    assert.equal(repairMojibake('M\u00c3\u0192\u00c2\u00bcller'), 'M\u00fcller');
    // a lead byte followed by continuations that are no valid UTF-8 (an overlong form)
    assert.equal(repairMojibake('\u00e0\u20ac\u20ac'), undefined);
    const f = one(check(lines(H, 'a@contoso.com,,Sales,\u00e0\u20ac\u20acx,0,,A')), 'mojibake', [1, 21, 1, 25]);
    assert.equal(f.data?.replacement, undefined);
    assert.match(f.message, /retype it/);
  });
});

describe('a semicolon or tab file', () => {
  it('"Convert the file to commas": every cell byte-exact, quotes respected, commas quoted, line endings kept', () => {
    const text =
      '\uFEFFMicrosoft_PersonEmail;Microsoft_ManagerEmail;Microsoft_Organization;Microsoft_UserSkillNames;Microsoft_CompanyOfficeLocation\r\n' +
      'adele@contoso.com;;Sales;"Azure;SQL";Building 3, Floor 2\r\n' +
      'alex@contoso.com;adele@contoso.com;"Sales ""EMEA""";"a,b";"Line\r\nbreak"\r\n';
    const out = fixed(text, 'wrong-delimiter');
    assert.equal(out.title, 'Convert the file to commas');
    assert.equal(
      out.text,
      '\uFEFFMicrosoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_UserSkillNames,Microsoft_CompanyOfficeLocation\r\n' +
        'adele@contoso.com,,Sales,"Azure;SQL","Building 3, Floor 2"\r\n' +
        'alex@contoso.com,adele@contoso.com,"Sales ""EMEA""","a,b","Line\r\nbreak"\r\n',
    );
    // and the result reads as the original did, cell for cell
    const before = analyze(out.text, normalizeSettings({})).doc!;
    assert.equal(before.columns.length, 5);
  });

  it('a tab file converts too, and the converted file is checked as comma-separated', () => {
    const text = lines('Microsoft_PersonEmail\tMicrosoft_ManagerEmail\tMicrosoft_Organization', 'adele@contoso.com\t\tSales, EMEA');
    const out = fixed(text, 'wrong-delimiter').text;
    assert.equal(out, lines('Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization', 'adele@contoso.com,,"Sales, EMEA"'));
    assert.deepEqual(check(out), []);
  });

  it('random semicolon files: every cell of the converted file equals the original cell', () => {
    const rand = seeded(11);
    const pieces = ['a', 'b c', ',', ';', '"', '\r\n', '\n', 'é', ''];
    for (let k = 0; k < 300; k++) {
      const rows: string[][] = [];
      for (let r = 0; r < 1 + rand(5); r++) {
        rows.push(Array.from({ length: 3 }, () => Array.from({ length: rand(4) }, () => pieces[rand(pieces.length)]).join('')));
      }
      const quote = (c: string): string =>
        /[;"\r\n]/.test(c) || rand(3) === 0 ? `"${c.replace(/"/g, '""')}"` : c.includes(',') && rand(2) ? `"${c}"` : c;
      const semi = rows.map((r) => r.map(quote).join(';')).join('\r\n');
      const converted = convertDelimiter(semi, ';');
      // read back with csv-parse's strict reader

      const { parse } = require('csv-parse/sync');
      assert.deepEqual(
        parse(converted, { relax_column_count: true }),
        parse(semi, { delimiter: ';', relax_column_count: true }),
        JSON.stringify(semi),
      );
    }
  });
});
