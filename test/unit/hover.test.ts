import * as assert from 'node:assert/strict';
import { analyze, columnSymbols, completionsAt, hoverAt, normalizeSettings, type OrgDataDocument } from '../../server/src/engine';

function docOf(text: string, settings: Record<string, unknown> = {}): OrgDataDocument {
  const { doc } = analyze(text, normalizeSettings(settings));
  assert.ok(doc);
  return doc;
}

const ODS =
  'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_Layer,Microsoft_LevelDesignation,Microsoft_SupervisorIndicator,CostCenter\n' +
  "adele@contoso.com,'',-1,,Mngr,1\n";

describe('hover', () => {
  const doc = docOf(ODS, { customAttributes: ['CostCenter'] });

  it('on a header cell: type, example, profile path, Viva Insights, Entra ID precedence, source', () => {
    const h = hoverAt(doc, { line: 0, character: 25 })!;
    assert.deepEqual(h.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 40 } });
    assert.equal(
      h.markdown,
      [
        '**Microsoft_JobTitle** · text',
        '',
        'Job title.',
        '',
        '- Example: `Retail Manager`',
        '- Profile: positions → detail → jobTitle',
        '- Viva Insights: no documented counterpart.',
        '- Entra ID: `jobTitle`. By default a value in Entra ID takes precedence, so profile cards show the Entra ID value where there is one.',
        '',
        '_Attribute names are matched case-sensitively: documented for Viva Insights, orgdata\u2019s decision for Organizational data._',
        '',
        '[Microsoft documentation](https://learn.microsoft.com/en-us/viva/orgdata-attributes)',
      ].join('\n'),
    );
  });

  it('an attribute without an Entra ID counterpart, with a Viva Insights reserved field', () => {
    const h = hoverAt(doc, { line: 0, character: 70 })!.markdown;
    assert.match(h, /^\*\*Microsoft_LevelDesignation\*\* · text/);
    assert.match(h, /Viva Insights: the reserved field `LevelDesignation` holds the same data\./);
    assert.match(h, /Entra ID: no counterpart, so this value is what the profile \(and its export\) holds\./);
  });

  it('a best-known attribute says so', () => {
    assert.match(hoverAt(doc, { line: 0, character: 100 })!.markdown, /one of IC, Mngr, Mngr\+[\s\S]*best known/);
  });

  it('a custom attribute', () => {
    assert.match(
      hoverAt(doc, { line: 0, character: 118 })!.markdown,
      /\*\*CostCenter\*\* · custom attribute[\s\S]*does not reach the profile card or its export/,
    );
  });

  it("on a data cell: the column and the row's person, and what '' means", () => {
    const h = hoverAt(doc, { line: 1, character: 19 })!;
    assert.deepEqual(h.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 20 } });
    assert.equal(
      h.markdown,
      "**Microsoft_JobTitle** of `adele@contoso.com` · line 2\n\n`''` deletes the stored value when the file is uploaded.",
    );
  });

  it('-1 in Layer deletes; a blank cell keeps the stored value', () => {
    assert.match(hoverAt(doc, { line: 1, character: 22 })!.markdown, /`-1` deletes the stored value/);
    assert.match(hoverAt(doc, { line: 1, character: 24 })!.markdown, /Blank: the value already stored for this person stays as it is/);
  });

  it('nothing past the end of a row or of the file', () => {
    assert.equal(hoverAt(doc, { line: 5, character: 0 }), undefined);
  });
});

describe('completion', () => {
  it('in the header: the attributes of the dialect not yet present, required first, with documentation', () => {
    const doc = docOf('Microsoft_JobTitle,Microsoft_\n');
    const items = completionsAt(doc, { line: 0, character: 29 });
    const labels = items.map((i) => i.label);
    assert.ok(!labels.includes('Microsoft_JobTitle'));
    assert.ok(!labels.includes('PersonId'));
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.equal(sorted[0].label, 'Microsoft_PersonEmail');
    assert.deepEqual(items[0].range, { start: { line: 0, character: 19 }, end: { line: 0, character: 29 } });
    assert.match(items.find((i) => i.label === 'Microsoft_Layer')!.documentation, /Distance from the top leader/);
  });

  it('in a Viva Insights header: the Viva Insights fields', () => {
    const labels = completionsAt(docOf('PersonId,ManagerId,\n'), { line: 0, character: 19 }).map((i) => i.label);
    assert.ok(labels.includes('Organization') && labels.includes('EffectiveDate') && !labels.includes('PersonId'));
  });

  it('in an enumeration column: its values', () => {
    const doc = docOf('Microsoft_PersonEmail,Microsoft_SupervisorIndicator\na@contoso.com,M\n');
    assert.deepEqual(
      completionsAt(doc, { line: 1, character: 15 }).map((i) => i.label),
      ['IC', 'Mngr', 'Mngr+', 'Mgr', 'Mgr+', 'True', 'False'],
    );
    assert.deepEqual(completionsAt(doc, { line: 1, character: 3 }), []);
  });
});

describe('hover on a cell with findings: where each verdict comes from', () => {
  it('a documented rule names its page; our decision says so, with its reason', () => {
    const text =
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization\n adele@contoso.com,,Sales\nbad,adele@contoso.com,Sales\n';
    const { result, doc } = analyze(text, normalizeSettings({}));
    const spaces = hoverAt(doc!, { line: 1, character: 3 }, result.findings)!;
    assert.match(
      spaces.markdown,
      /\n\n---\n\n- `email-spaces`: orgdata's decision: Microsoft does not say whether the uploader trims addresses; orgdata assumes it does not\.$/,
    );
    const invalid = hoverAt(doc!, { line: 2, character: 1 }, result.findings)!;
    assert.match(
      invalid.markdown,
      /- `invalid-email`: documented: \[orgdata-attributes\]\(https:\/\/learn\.microsoft\.com\/en-us\/viva\/orgdata-attributes\)$/,
    );
    // the manager cell of the same row has no finding of its own
    assert.doesNotMatch(hoverAt(doc!, { line: 2, character: 8 }, result.findings)!.markdown, /---/);
  });
});

describe('completion in a cell over two lines', () => {
  it('offers nothing: an edit must stay on the line of the cursor', () => {
    const doc = docOf('Microsoft_PersonEmail,"Microsoft_\nJobTitle",Microsoft_SupervisorIndicator\na@contoso.com,x,"M\ngr"\n');
    for (const pos of [
      { line: 0, character: 25 },
      { line: 1, character: 3 },
      { line: 2, character: 17 },
      { line: 3, character: 2 },
    ]) {
      assert.deepEqual(completionsAt(doc, pos), [], JSON.stringify(pos));
    }
    assert.ok(completionsAt(doc, { line: 0, character: 5 }).length > 0, 'the one-line cell still completes');
  });
});

describe('outline', () => {
  it('one symbol per column, with its type', () => {
    const doc = docOf('Microsoft_PersonEmail,Microsoft_Layer,Cost\n');
    assert.deepEqual(
      columnSymbols(doc).map((s) => [s.name, s.detail, s.range.start.character, s.range.end.character]),
      [
        ['Microsoft_PersonEmail', 'email address', 0, 21],
        ['Microsoft_Layer', 'whole number', 22, 37],
        ['Cost', 'custom attribute', 38, 42],
      ],
    );
  });
});
