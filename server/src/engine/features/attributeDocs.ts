/** What an attribute is, in Markdown, for hover and completion: read from the catalog. */
import { findAttribute, type AttributeDef, type Dialect } from '../catalog/catalog';

export function typeLabel(a: AttributeDef): string {
  switch (a.type) {
    case 'email':
      return 'email address';
    case 'string':
      return 'text';
    case 'stringList':
      return 'list of text, comma-separated in one quoted cell';
    case 'integer':
      return 'whole number';
    case 'double':
      return a.max !== undefined ? `number from ${a.min ?? 0} to ${a.max}` : 'number';
    case 'date':
      return 'date';
    case 'enum':
      return `one of ${(a.enumValues ?? []).join(', ')}`;
  }
}

function profilePath(a: AttributeDef): string | undefined {
  return a.profilePath?.split('/').join(' → ');
}

function vivaLine(a: AttributeDef): string {
  if (a.dialect === 'viva') {
    if (a.required === 'always') return 'Viva Insights: required, with a value in every row.';
    if (a.required === 'column') return 'Viva Insights: required column (blank only for the CEO).';
    if (a.required === 'defaults') return 'Viva Insights: optional; without it, rows apply from the upload date.';
    return 'Viva Insights: reserved field; custom attributes may not use this name.';
  }
  if (!a.counterpart) return 'Viva Insights: no documented counterpart.';
  const viva = findAttribute('viva', a.counterpart);
  const kind = viva?.required ? 'required field' : 'reserved field';
  return `Viva Insights: the ${kind} \`${a.counterpart}\` holds the same data.`;
}

function entraLine(a: AttributeDef): string | undefined {
  if (a.dialect !== 'ods' || a.role === 'person') return undefined;
  if (a.entra) {
    return `Entra ID: \`${a.entra}\`. By default a value in Entra ID takes precedence, so profile cards show the Entra ID value where there is one.`;
  }
  if (a.profilePath) return 'Entra ID: no counterpart, so this value is what the profile (and its export) holds.';
  return undefined;
}

export function attributeMarkdown(a: AttributeDef): string {
  const lines = [`**${a.name}** · ${typeLabel(a)}`, '', a.description, ''];
  const facts: string[] = [];
  if (a.example) facts.push(`Example: \`${a.example}\``);
  const path = profilePath(a);
  if (path) facts.push(`Profile: ${path}`);
  if (a.dialect === 'viva' && a.counterpart) facts.push(`Organizational data in Microsoft 365: \`${a.counterpart}\``);
  facts.push(vivaLine(a));
  const entra = entraLine(a);
  if (entra) facts.push(entra);
  if (a.confidential) facts.push('Confidential pay data: make sure the upload goes only where it is meant to be seen.');
  lines.push(...facts.map((f) => `- ${f}`), '');
  if (a.bestKnown)
    lines.push(
      '_Microsoft\u2019s full reference for this attribute was not available to us: its rules here are the best known, from Microsoft\u2019s change log._',
      '',
    );
  if (a.dialect === 'ods' && a.type !== 'email')
    lines.push(
      '_Attribute names are matched case-sensitively: documented for Viva Insights, orgdata\u2019s decision for Organizational data._',
      '',
    );
  lines.push(`[Microsoft documentation](${a.source})`);
  return lines.join('\n');
}

export function customAttributeMarkdown(name: string, dialect: Dialect, declared: boolean): string {
  if (dialect === 'viva') {
    return `**${name}** · custom attribute\n\nViva Insights imports it as one of up to 100 optional attributes.`;
  }
  const what =
    'Organizational data in Microsoft 365 imports it as a custom attribute: it does not reach the profile card or its export, and apps see it only once the admin maps it and shares it with them (Data connections: map attributes, set access).';
  return `**${name}** · custom attribute\n\n${declared ? 'Declared in `orgdata.customAttributes`. ' : ''}${what}`;
}
