/**
 * The cross-check against the tenant's Entra ID users (orgdata.entraUsers), for Organizational data files:
 * what the admin center reports only after an upload (RQ), said before it. The upload resolves each person
 * and manager email to an Entra ID user; a row whose person matches nobody is dropped ("Rows of data that
 * will not be shared") and a manager that matches nobody is an "Unmatched Microsoft_ManagerEmail".
 *
 * Runs after the people rules, on the address hashes they keep (ChunkState.entraKeys): one hash probe per
 * cell. It needs nothing else of the people rules, so the CLI runs it in a thread of its own while the
 * main one goes on with the file (cli/entraThread): each chunk's findings arrive from there. Viva
 * Insights files are not cross-checked (orgdata's decision: a history file names people who have left,
 * and Viva Insights takes people who are not Microsoft 365 users as organizational context).
 */
import { isDeleteMarker } from '../../catalog/catalog';
import { CellSpans, cellValue } from '../../text/csv';
import { columnOf, type Column, type RuleContext } from '../context';
import type { EntraDirectory, EntraProperty } from '../../entra/directory';

type ScalarProperty = Parameters<EntraDirectory['value']>[1];
import type { FinishContext } from '../finish';
import type { FileState } from '../state';
import type { RuleModule } from '../ruleModule';

/** How many names the file-level finding gives of the members without a row. */
const NAMED_MEMBERS = 5;

export interface EntraCrossCheck {
  /** the person cell of a row: the matched user (or -1), after reporting what needs saying */
  person(row: number, cell: number, h1: number, h2: number): number;
  manager(col: Column, cell: number, h1: number, h2: number): void;
}

/** The directory the cross-check uses for this file, if any: an Entra ID users file and an Organizational data file. */
export function crossCheckDirectory(dialect: string, entra: EntraDirectory | undefined): EntraDirectory | undefined {
  return dialect === 'ods' ? entra : undefined;
}

/** Whether a file is cross-checked: an Organizational data file, and an Entra ID users file here or in another thread. */
export function crossChecked(dialect: string, state: FileState): boolean {
  return dialect === 'ods' && (state.entra !== undefined || state.entraElsewhere === true);
}

/**
 * The Entra ID rules of one chunk: each person entry and manager address the people rules kept, in that
 * order; the user each person entry matched goes to ChunkState.personEntra (for the members missing).
 */
export function checkEntra(ctx: RuleContext): void {
  const { chunk, table } = ctx;
  const keys = chunk.entraKeys;
  chunk.entraKeys = undefined;
  const personCol = columnOf(ctx, (a) => a.role === 'person');
  const check = keys && entraCrossCheck(ctx, personCol);
  if (!keys || !check) return;
  const rows = chunk.entryRow!;
  const persons = keys.persons.data;
  if (personCol) {
    chunk.personEntra.reserve(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows.data[i];
      chunk.personEntra.push(check.person(row, table.rowFirstCell[row] + personCol.index, persons[2 * i], persons[2 * i + 1]));
    }
  }
  const managerCol = columnOf(ctx, (a) => a.role === 'manager');
  const managers = keys.managers.data;
  if (managerCol)
    for (let i = 0; i < keys.managers.length; i += 3) check.manager(managerCol, managers[i], managers[i + 1], managers[i + 2]);
}

/** The cross-check of one chunk, or undefined when there is nothing to check against. */
function entraCrossCheck(ctx: RuleContext, personCol: Column | undefined): EntraCrossCheck | undefined {
  const entra = crossCheckDirectory(ctx.dialect, ctx.state.entra);
  if (!entra) return undefined;
  const { table, out } = ctx;
  const file = entra.source;
  const unmatched = out.wants('entra-person-unmatched');
  const disabled = out.wants('entra-account-disabled');
  const guest = out.wants('entra-guest-user');
  const managers = out.wants('entra-manager-unmatched');
  // the columns whose values an Entra ID value may hide: those with a counterpart the Entra ID file has
  const shadowed =
    ctx.settings.precedence === 'entra' && out.wants('shadowed-by-entra')
      ? ctx.columns
          .filter((c) => c.attribute?.entra && c.attribute.role !== 'manager' && entra.has(c.attribute.entra as EntraProperty))
          .slice(0, 31)
      : [];
  const shadowCells = Int32Array.from(shadowed, (c) => c.index);
  const shadowProps = shadowed.map((c) => c.attribute!.entra as ScalarProperty);
  const shadowColumns = Int32Array.from(shadowProps, (p) => entra.columnOf(p));
  const spans = new CellSpans(table);
  const name = personCol?.name ?? '';
  return {
    person(row, cell, h1, h2) {
      const u = entra.matchHash(h1, h2);
      const s = table.cellStart[cell];
      const e = table.cellEnd[cell];
      if (u < 0) {
        if (unmatched) {
          out.report(
            'entra-person-unmatched',
            s,
            e,
            `No user in ${file} has this address as user principal name, mail or proxy address: the upload drops the row ("Rows of data that will not be shared"). Correct the address, or create the user in Entra ID first.`,
            { attribute: name },
          );
        }
        return u;
      }
      if (disabled && entra.isDisabled(u)) {
        out.report(
          'entra-account-disabled',
          s,
          e,
          `This person's account is disabled in ${file}: the row is stored, but the profile is not seen while the account stays disabled. Leave the row out if the person has left.`,
          { attribute: name },
        );
      }
      if (guest && entra.isGuest(u)) {
        out.report(
          'entra-guest-user',
          s,
          e,
          `This address belongs to a guest user in ${file}: organizational data describes the tenant's own people. Leave the row out, or use the person's member account.`,
          { attribute: name },
        );
      }
      if (shadowed.length === 0) return u;
      const first = table.rowFirstCell[row];
      // nearly every value agrees: those are ruled out on the text, the rest compared as values
      const bits = entra.mayDiffer(u, spans, first, shadowCells, shadowProps, shadowColumns);
      for (let i = 0; bits >>> i !== 0; i++)
        if (bits & (1 << i)) checkShadowed(ctx, entra, u, shadowed[i], shadowProps[i], first + shadowCells[i]);
      return u;
    },
    manager(col, cell, h1, h2) {
      if (!managers || entra.matchHash(h1, h2) >= 0) return;
      ctx.chunk.entraManagersUnmatched++;
      out.report(
        'entra-manager-unmatched',
        table.cellStart[cell],
        table.cellEnd[cell],
        `No user in ${file} has this manager address: the admin center reports it as "Unmatched ${col.name}" and stores no manager for this person. Correct the address, or use the manager's user principal name or mail.`,
        { attribute: col.name },
      );
    },
  };
}

/**
 * A value profile cards will not show: with Entra ID first (Microsoft's default), the person's Entra ID
 * value hides the uploaded one. The one finding whose message holds values: showing both is its point.
 */
function checkShadowed(ctx: RuleContext, entra: EntraDirectory, u: number, col: Column, prop: ScalarProperty, cell: number): void {
  const { table } = ctx;
  const uploaded = cellValue(table, cell).trim();
  const shown = entra.value(u, prop);
  if (shown === undefined || shown === uploaded || isDeleteMarker(uploaded)) return;
  ctx.out.report(
    'shadowed-by-entra',
    table.cellStart[cell],
    table.cellEnd[cell],
    `Profile cards will show the Entra ID ${prop} '${shown}' instead of '${uploaded}': Entra ID takes precedence by default. Change it in Entra ID, or set orgdata.precedence if your tenant puts organizational data first.`,
    { attribute: col.attribute!.name, data: { entra: shown, entraProperty: prop } },
  );
}

/** The enabled members of the tenant with no row: how many, and the first few names. */
export interface MissingMembers {
  source: string;
  missing: number;
  named: string[];
}

/** The users the person entries of the chunks matched, one bit (a byte) per user of the directory. */
export function coveredUsers(
  entra: EntraDirectory,
  chunks: readonly { personEntra: { length: number; data: Int32Array } }[],
  covered: Uint8Array = new Uint8Array(entra.slots),
): Uint8Array {
  for (const { personEntra: users } of chunks) {
    for (let i = 0; i < users.length; i++) if (users.data[i] >= 0) covered[users.data[i]] = 1;
  }
  return covered;
}

/** The enabled members that no person entry matched (names from the Entra ID file, not from the cells). */
export function missingMembers(entra: EntraDirectory, covered: Uint8Array): MissingMembers {
  let missing = 0;
  const named: string[] = [];
  for (let u = 0; u < entra.slots; u++) {
    if (covered[u] || !entra.isEnabledMember(u)) continue;
    if (missing++ < NAMED_MEMBERS) named.push(entra.nameOf(u));
  }
  return { source: entra.source, missing, named };
}

/**
 * When the file ends: the tenant's enabled members who have no row. One finding on the person column's
 * header, with the count and the first few names. `elsewhere`: what the thread that made the cross-check counted.
 */
export function finishEntra(fin: FinishContext, elsewhere?: MissingMembers): void {
  const entra = crossCheckDirectory(fin.dialect, fin.state.entra);
  const personCol = fin.columns.find((c) => c.attribute?.role === 'person');
  if (!crossChecked(fin.dialect, fin.state) || !personCol || !fin.out.wants('entra-members-missing')) return;
  const members = entra
    ? missingMembers(
        entra,
        coveredUsers(
          entra,
          fin.state.chunks.map((c) => c.state),
        ),
      )
    : elsewhere;
  if (!members || members.missing === 0) return;
  const { missing, named, source } = members;
  const more = missing > named.length ? `, and ${missing - named.length} more` : '';
  fin.out.reportRange(
    'entra-members-missing',
    fin.state.columnRanges[personCol.index],
    `${missing} enabled member ${missing === 1 ? 'user' : 'users'} of ${source} ${missing === 1 ? 'has' : 'have'} no row in this file (${named.join(', ')}${more}): the upload leaves their profiles as they are. Add rows for them if this file should cover everyone.`,
    { attribute: personCol.name, data: { missing, named } },
  );
}

/**
 * An export that matches almost none of the file's people is not this tenant's users (another tenant's, a
 * test tenant's, or a list of something else): one warning says so, instead of a finding on every row. Our
 * decision: at least TENANT_MIN_PEOPLE people, of whom at most TENANT_MATCH_SHARE matched.
 */
export const TENANT_MIN_PEOPLE = 10;
export const TENANT_MATCH_SHARE = 0.05;

export interface TenantMismatch {
  people: number;
  matched: number;
  /** the per-row findings that the one warning replaces */
  personsUnmatched: number;
  managersUnmatched: number;
}

export function tenantMismatch(dialect: string, state: FileState): TenantMismatch | undefined {
  if (!crossChecked(dialect, state)) return undefined;
  let people = 0;
  let matched = 0;
  let managersUnmatched = 0;
  for (const { state: chunk } of state.chunks) {
    people += chunk.personEntra.length;
    for (let i = 0; i < chunk.personEntra.length; i++) if (chunk.personEntra.data[i] >= 0) matched++;
    managersUnmatched += chunk.entraManagersUnmatched;
  }
  if (people < TENANT_MIN_PEOPLE || matched > TENANT_MATCH_SHARE * people) return undefined;
  return { people, matched, personsUnmatched: people - matched, managersUnmatched };
}

/** The one warning of a tenant mismatch, on the person column's header. */
export function reportTenantMismatch(fin: FinishContext, m: TenantMismatch, source: string): void {
  const personCol = fin.columns.find((c) => c.attribute?.role === 'person');
  if (!personCol) return;
  const share = m.matched === 0 ? 'none' : `only ${m.matched}`;
  fin.out.reportRange(
    'entra-person-unmatched',
    fin.state.columnRanges[personCol.index],
    `${share} of the ${m.people} people in this file ${m.matched === 1 ? 'is a user' : 'are users'} of ${source}: is it this tenant's export? Export the users of the tenant you upload to (orgdata flags this when at most ${TENANT_MATCH_SHARE * 100}% match, instead of a finding on every row).`,
    { attribute: personCol.name, data: { people: m.people, matched: m.matched, tenantMismatch: true } },
  );
}

export const entraRules: RuleModule = {
  name: 'entra',
  codes: [
    'shadowed-by-entra',
    'entra-person-unmatched',
    'entra-manager-unmatched',
    'entra-account-disabled',
    'entra-guest-user',
    'entra-members-missing',
  ],
  rows: checkEntra,
};
