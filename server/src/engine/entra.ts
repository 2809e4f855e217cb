/**
 * Entra ID users, from the admin center's "Download users" CSV or a JSON array of Graph user objects, for
 * the export preview's precedence. A small side file: read with csv-parse, the design's parser.
 *
 * Values: in JSON an empty string is a value (it wins over organizational data, as Microsoft documents)
 * and null or a missing property is none; a CSV cannot tell the two apart, so an empty CSV cell is none.
 */
import { parse } from 'csv-parse/sync';

/** The Graph user properties the profile's names and positions take from Entra ID. */
export const ENTRA_PROPERTIES = ['userPrincipalName', 'mail', 'displayName', 'givenName', 'surname', 'jobTitle', 'department',
  'companyName', 'officeLocation', 'streetAddress', 'city', 'state', 'country', 'postalCode', 'employeeHireDate'] as const;
export type EntraProperty = (typeof ENTRA_PROPERTIES)[number];

export interface EntraUser {
  values: Partial<Record<EntraProperty, string>>;
  /** the manager's address, when the JSON has the manager expanded */
  manager?: string;
}

export interface EntraDirectory {
  /** by lower-cased userPrincipalName and mail */
  byAddress: Map<string, EntraUser>;
  users: number;
  source: string;
}

export class EntraFileError extends Error {}

const normalize = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const BY_NORMALIZED = new Map<string, EntraProperty>(ENTRA_PROPERTIES.map((p) => [normalize(p), p]));
// the Entra admin center's "Download users" CSV names the office physicalDeliveryOfficeName (ENTRADL, Graph's
// name in Active Directory); and the friendlier headers some exports and hand-made files use
for (const [alias, prop] of [['physicaldeliveryofficename', 'officeLocation'], ['firstname', 'givenName'], ['lastname', 'surname'], ['company', 'companyName'], ['office', 'officeLocation'],
  ['street', 'streetAddress'], ['zip', 'postalCode'], ['ziporpostalcode', 'postalCode'], ['countryorregion', 'country'], ['upn', 'userPrincipalName'],
  ['email', 'mail'], ['hiredate', 'employeeHireDate']] as const) {
  BY_NORMALIZED.set(alias, prop);
}

export function parseEntraUsers(text: string, name: string): EntraDirectory {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.length === 0) throw new EntraFileError(`${name} is empty`);
  const users = body.startsWith('[') || body.startsWith('{') ? fromJson(body, name) : fromCsv(body, name);
  const byAddress = new Map<string, EntraUser>();
  for (const u of users) {
    for (const address of [u.values.userPrincipalName, u.values.mail]) {
      if (address) byAddress.set(address.trim().toLowerCase(), u);
    }
  }
  return { byAddress, users: users.length, source: name };
}

function fromCsv(body: string, name: string): EntraUser[] {
  let rows: string[][];
  try {
    rows = parse(body, { relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    throw new EntraFileError(`${name} is not a readable CSV file (${e instanceof Error ? e.message.split('\n')[0] : 'parse error'})`);
  }
  const header = rows[0].map((h) => BY_NORMALIZED.get(normalize(h)));
  if (!header.includes('userPrincipalName') && !header.includes('mail')) {
    throw new EntraFileError(`${name} has no userPrincipalName or mail column, so its users cannot be matched to people`);
  }
  return rows.slice(1).map((cells) => {
    const values: Partial<Record<EntraProperty, string>> = {};
    header.forEach((prop, i) => {
      const v = cells[i];
      if (prop && v !== undefined && v !== '') values[prop] = v;
    });
    return { values };
  });
}

function fromJson(body: string, name: string): EntraUser[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new EntraFileError(`${name} is not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
  }
  const list = Array.isArray(data) ? data : (data as { value?: unknown })?.value;
  if (!Array.isArray(list)) throw new EntraFileError(`${name} must hold a JSON array of Graph user objects (or a Graph response with "value")`);
  return list.filter((u): u is Record<string, unknown> => !!u && typeof u === 'object').map((u) => {
    const values: Partial<Record<EntraProperty, string>> = {};
    for (const [key, v] of Object.entries(u)) {
      const prop = BY_NORMALIZED.get(normalize(key));
      if (prop && typeof v === 'string') values[prop] = v;
    }
    const m = u.manager as { userPrincipalName?: unknown; mail?: unknown } | string | undefined;
    const manager = typeof m === 'string' ? m : typeof m?.userPrincipalName === 'string' ? m.userPrincipalName : typeof m?.mail === 'string' ? m.mail : undefined;
    return manager ? { values, manager } : { values };
  });
}
