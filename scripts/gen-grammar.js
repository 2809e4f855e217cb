// Writes syntaxes/orgdata-csv.tmLanguage.json from the attribute catalog, so the grammar knows exactly
// the attributes the engine knows. Run after `npm run compile-tests` (it reads the compiled catalog):
//   node scripts/gen-grammar.js
// A unit test fails when the committed grammar and the catalog drift apart.
const fs = require('node:fs');
const path = require('node:path');
const { ATTRIBUTES } = require('../out/server/src/engine/catalog/catalog.js');

const names = ATTRIBUTES.map((a) => a.name).sort((a, b) => b.length - a.length);
// a quoted cell (doubled quotes inside) that ends at a comma or the line end, or an unquoted cell
const cell = '"(?:[^"]|"")*"(?=,|$)|[^,]+';
const marker = [{ include: '#marker' }];

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Org Data CSV',
  scopeName: 'text.orgdata-csv',
  comment:
    'Generated from the attribute catalog by scripts/gen-grammar.js: the header row with known attribute names, then data rows whose cells alternate between two scopes so that columns can be told apart.',
  patterns: [{ include: '#header' }, { include: '#row' }],
  repository: {
    header: {
      begin: '\\A',
      end: '$',
      name: 'meta.header.orgdata-csv',
      patterns: [
        {
          match: `(?<=^|,)\\s*"?(${names.join('|')})"?\\s*(?=,|$)`,
          captures: { 1: { name: 'keyword.other.attribute.orgdata-csv' } },
        },
        { match: '[^,]+', name: 'variable.other.header.orgdata-csv' },
        { match: ',', name: 'punctuation.separator.orgdata-csv' },
      ],
    },
    row: {
      patterns: [
        {
          // two cells a match, so odd and even columns keep their scope along the line
          match: `(${cell})?(,)(${cell})?(,|$)`,
          captures: {
            1: { name: 'entity.name.type.cell.odd.orgdata-csv', patterns: marker },
            2: { name: 'punctuation.separator.orgdata-csv' },
            3: { name: 'string.unquoted.cell.even.orgdata-csv', patterns: marker },
            4: { name: 'punctuation.separator.orgdata-csv' },
          },
        },
        { match: `(${cell})$`, captures: { 1: { name: 'entity.name.type.cell.odd.orgdata-csv', patterns: marker } } },
      ],
    },
    marker: { match: "(?<=^|,)'''?(?=,|$)", name: 'constant.language.delete.orgdata-csv' },
  },
};

fs.writeFileSync(path.join(__dirname, '..', 'syntaxes', 'orgdata-csv.tmLanguage.json'), JSON.stringify(grammar, null, 2) + '\n');
