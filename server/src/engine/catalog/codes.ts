/**
 * Every finding code, with its family, default severity, a one-line title, help text for users (README,
 * SARIF rule help) and the source it traces to. Codes are stable: settings and CI configs name them.
 */
import type { Dialect } from './catalog';
import { SOURCES } from './sources';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export type Family = 'structure' | 'header' | 'people' | 'values' | 'entra' | 'sensitive' | 'coverage';

export interface CodeInfo {
  readonly code: string;
  readonly family: Family;
  /** per dialect where the two differ */
  readonly severity: Severity | { readonly ods: Severity; readonly viva: Severity };
  readonly title: string;
  readonly help: string;
  readonly source: string;
  /**
   * Set where the verdict (or part of it) is orgdata's own choice rather than a rule Microsoft documents:
   * the one-line reason, shown in the README's finding table and in the hover.
   */
  readonly decision?: string;
  /** an example line that triggers it, for the README */
  readonly example: string;
  /** what `orgdata-lint --fix` and the editor's fix all do about it, for the codes whose quick fix is safe */
  readonly safeFix?: string;
}

const DECISION = 'orgdata decision (docs/decisions.md)';

export const CODES = {
  // File and structure
  'empty-file': {
    family: 'structure',
    severity: 'error',
    title: 'File is empty',
    help: 'An empty file cannot be uploaded. Add a header row and one row per person.',
    source: SOURCES.VRULE,
    example: '(a file with no content)',
  },
  'header-only': {
    family: 'structure',
    severity: 'warning',
    title: 'No data rows',
    help: 'The file has a header but no people. Add one row per person below the header.',
    source: DECISION,
    decision: 'An upload without people changes nothing; most likely the rows were lost on export.',
    example: 'Microsoft_PersonEmail,Microsoft_JobTitle',
  },
  'wrong-delimiter': {
    family: 'structure',
    severity: 'error',
    title: 'Not comma-separated',
    help: 'The header is one column that contains semicolons or tabs: Excel saved the file with the regional list separator. Use the quick fix "Convert the file to commas", or in Excel save as "CSV UTF-8 (Comma delimited)" (not "CSV (Comma delimited)", which is not UTF-8); if Excel still writes semicolons, the list separator in the Windows region settings is a semicolon.',
    source: SOURCES.VRULE,
    decision:
      'Microsoft documents only the column-count and header rules this breaks; orgdata names the cause instead of a finding on every row.',
    example: 'Microsoft_PersonEmail;Microsoft_JobTitle',
    safeFix:
      'converts the file to commas (quoted cells kept byte for byte, a cell with a comma put in quotes, line endings and byte-order mark kept)',
  },
  'column-count': {
    family: 'structure',
    severity: 'error',
    title: 'Row has a different number of cells than the header',
    help: 'Each row needs exactly one cell per header column. A value with a comma must be wrapped in double quotes.',
    source: SOURCES.VRULE,
    example: 'adele@contoso.com,Sales,Lead,extra',
  },
  'unclosed-quote': {
    family: 'structure',
    severity: 'error',
    title: 'Quote never closed',
    help: 'A cell starts with a double quote that is never closed, so the rest of the file would be read as one value. Close the quote, or double a quote meant literally ("").',
    source: SOURCES.RFC4180,
    example: 'adele@contoso.com,"Sales',
  },
  'text-after-quote': {
    family: 'structure',
    severity: 'error',
    title: 'Text after a closing quote',
    help: 'A quoted cell must end at its closing quote. Put the whole value inside the quotes and double any quote inside it ("").',
    source: SOURCES.RFC4180,
    example: 'adele@contoso.com,"Sales" EMEA',
  },
  'blank-row': {
    family: 'structure',
    severity: 'warning',
    title: 'Blank row',
    help: 'A blank line is read as a row with one empty cell, which the uploader rejects for its column count. Delete the line.',
    source: SOURCES.VRULE,
    example: '(an empty line between two people)',
    safeFix: 'deletes the blank line',
  },
  'invalid-utf8': {
    family: 'structure',
    severity: 'error',
    title: 'Text that is not UTF-8',
    help: 'The file holds bytes that are not UTF-8 (shown as \uFFFD). In Excel, save it as "CSV UTF-8 (Comma delimited)". In VS Code: click the encoding in the status bar, "Reopen with Encoding" and pick the encoding the file was written in (often Western (Windows 1252)), check the names, then click it again and "Save with Encoding" UTF-8.',
    source: SOURCES.VRULE,
    example: 'adele@contoso.com,M\uFFFDnchen',
  },
  'line-break-in-value': {
    family: 'structure',
    severity: { ods: 'warning', viva: 'error' },
    title: 'Line break inside a value',
    help: 'Viva Insights rejects values with line breaks, and profile cards show one line. Replace the line break with a space.',
    source: SOURCES.VRULE,
    example: 'adele@contoso.com,"Building 4\nFloor 2"',
  },
  'value-too-long': {
    family: 'structure',
    severity: 'error',
    title: 'Value over 128 KB',
    help: 'A value may hold at most 128 KB. Shorten it.',
    source: SOURCES.VRULE,
    example: '(a cell of 200,000 characters)',
  },
  'too-many-attributes': {
    family: 'structure',
    severity: { ods: 'warning', viva: 'error' },
    title: 'More than 105 attributes',
    help: 'Viva Insights takes at most 105 attributes (100 optional ones), and Organizational data 105 in all. Remove the columns you do not need.',
    source: SOURCES.VPREP,
    example: '(a header of 120 columns)',
  },
  'formula-injection': {
    family: 'structure',
    severity: 'warning',
    title: 'Value starts like a spreadsheet formula',
    help: 'A value starting with =, +, -, @, a tab or a carriage return runs as a formula when someone opens the file in a spreadsheet. Remove the leading character, or prefix the value with a single quote.',
    source: SOURCES.OWASP_CSV,
    decision: 'Not an upload rule: a safety check for whoever opens the file in a spreadsheet.',
    example: 'adele@contoso.com,=HYPERLINK("http://x")',
  },

  // Header
  'blank-header': {
    family: 'header',
    severity: 'error',
    title: 'Header cell is blank',
    help: 'Every column needs a name. Name the column, or delete it.',
    source: SOURCES.VRULE,
    example: 'Microsoft_PersonEmail,,Microsoft_JobTitle',
  },
  'duplicate-header': {
    family: 'header',
    severity: 'error',
    title: 'Column appears twice',
    help: 'Each attribute may appear once. Delete or rename the second column.',
    source: SOURCES.VRULE,
    example: 'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_JobTitle',
  },
  'unknown-attribute': {
    family: 'header',
    severity: 'error',
    title: 'Unknown Microsoft_ attribute',
    help: 'The name starts with Microsoft_ but is not an Organizational data attribute: Microsoft_ names are reserved, and a custom attribute may not reuse them. Use the attribute name it was meant to be, or rename the column without the prefix.',
    source: SOURCES.ATTR,
    decision:
      'The attribute list is read from the 2024 reference and the 2025-26 change notes; a newer Microsoft_ attribute would show here until the catalog knows it.',
    example: 'Microsoft_PersonEmail,Microsoft_JobTitel',
  },
  'unused-column': {
    family: 'header',
    severity: 'information',
    title: 'Custom attribute: not on the profile card',
    help: 'A column that is not a Microsoft_ attribute is imported as a custom attribute: it does not reach the profile card or its export, and apps see it only once the admin maps it and shares it with them (Data connections: map attributes, set access). Declare it in orgdata.customAttributes to say it is meant, or remove the column.',
    source: SOURCES.MAP,
    example: 'Microsoft_PersonEmail,CostCenter',
  },
  'attribute-case': {
    family: 'header',
    severity: 'error',
    title: 'Attribute name in the wrong case',
    help: 'Attribute names are matched exactly, case included. Write the name as documented.',
    source: SOURCES.VPREP,
    decision:
      'Documented for Viva Insights ("exactly as written"); for Organizational data orgdata applies the same rule, as the ODS pages are silent.',
    example: 'microsoft_personemail,Microsoft_JobTitle',
    safeFix: 'renames the header to the documented case, when there is one such name',
  },
  'possible-misspelling': {
    family: 'header',
    severity: 'warning',
    title: 'Custom attribute close to a reserved name',
    help: 'This name becomes a custom attribute, but it is a letter or two from a reserved attribute, which was probably meant. Use the reserved name if that was meant, or declare the name in orgdata.customAttributes.',
    source: SOURCES.VPREP,
    decision: 'A custom name is allowed; orgdata warns when it is one or two edits from a reserved name.',
    example: 'PersonId,ManagerId,Organization,HireDat',
  },
  'dialect-mix': {
    family: 'header',
    severity: { ods: 'warning', viva: 'error' },
    title: 'Attribute of the other dialect',
    help: 'The header mixes Organizational data in Microsoft 365 (Microsoft_*) and Viva Insights names. In a Viva Insights file a Microsoft_ name is reserved (an upload error); in an Organizational data file PersonId, ManagerId, Organization and FunctionType would be custom attributes, though their Microsoft_ twins were almost certainly meant. Rename the column to this dialect\u2019s name.',
    source: SOURCES.COP,
    example: 'Microsoft_PersonEmail,ManagerId',
    safeFix: 'renames the header to this dialect\u2019s twin (ManagerId to Microsoft_ManagerEmail)',
  },
  'unmapped-column': {
    family: 'header',
    severity: 'information',
    title: 'Column not in the mapping',
    help: 'The project file (orgdata.json) maps the HR export\u2019s columns to the upload\u2019s; this column is not mapped, so `orgdata-lint convert` leaves it out and nothing in it is checked. Map it in orgdata.columns to keep it.',
    source: DECISION,
    decision: 'The column mapping is ours, after Viva Insights\u2019 field-mapping step: a column not mapped is not uploaded.',
    example: 'Work Email,Badge Number (with orgdata.columns mapping Work Email only)',
  },
  'header-characters': {
    family: 'header',
    severity: 'error',
    title: 'Header has characters that are not allowed',
    help: 'Header names may use only ASCII letters, digits and underscores, with no spaces. Rename the column.',
    source: SOURCES.VRULE,
    example: 'PersonId,ManagerId,Organization,Cost Center',
    safeFix: 'removes spaces and invisible characters around the name (never those inside it: that rename is a choice)',
  },
  'system-field': {
    family: 'header',
    severity: 'error',
    title: 'Header is a Viva Insights system field',
    help: 'Viva Insights keeps this name for itself. Rename the column.',
    source: SOURCES.VRULE,
    example: 'PersonId,ManagerId,Organization,TimeZone',
  },
  'reserved-prefix': {
    family: 'header',
    severity: 'error',
    title: 'Microsoft_ prefix in a Viva Insights file',
    help: 'Viva Insights reserves every name starting with Microsoft_. Rename the column.',
    source: SOURCES.VRULE,
    example: 'PersonId,ManagerId,Organization,Microsoft_Custom',
  },
  'required-missing': {
    family: 'header',
    severity: 'error',
    title: 'Required attribute missing',
    help: 'The upload needs this column (Organizational data: Microsoft_PersonEmail; Viva Insights: PersonId, ManagerId and Organization). Add it to the header and fill it in for every row.',
    source: SOURCES.IMP,
    example: 'Microsoft_JobTitle,Microsoft_Organization',
  },
  'effective-date-missing': {
    family: 'header',
    severity: 'information',
    title: 'No EffectiveDate column',
    help: 'Without EffectiveDate every row applies from the day of the upload. Add the column to date the rows.',
    source: SOURCES.VPREP,
    example: 'PersonId,ManagerId,Organization',
  },

  // People
  'invalid-email': {
    family: 'people',
    severity: 'error',
    title: 'Not an email address',
    help: 'The value must be an email address: a local part, one @, and a domain with a dot (adele@contoso.com).',
    source: SOURCES.ATTR,
    example: 'adele.contoso.com,Sales',
  },
  'missing-person': {
    family: 'people',
    severity: 'error',
    title: 'Person email is blank',
    help: 'Every row needs the email of the person it describes; a row without one is dropped.',
    source: SOURCES.IMP,
    example: ',Sales',
  },
  'email-spaces': {
    family: 'people',
    severity: 'warning',
    title: 'Email has leading or trailing spaces',
    help: 'Spaces around an email address make it fail to match the person. Remove them.',
    source: DECISION,
    decision: 'Microsoft does not say whether the uploader trims addresses; orgdata assumes it does not.',
    example: ' adele@contoso.com,Sales',
    safeFix: 'removes the spaces around the address',
  },
  'duplicate-person': {
    family: 'people',
    severity: { ods: 'warning', viva: 'error' },
    title: 'Person appears twice',
    help: 'Viva Insights: a person has one row per EffectiveDate (a history file has one row per person for each date), so two rows of the same PersonId and EffectiveDate conflict. Organizational data: the rows of one person are merged in an order Microsoft does not document, so which value wins is unknown. Emails compare without case. Merge the two rows into one.',
    source: SOURCES.VPREP,
    decision: 'For Organizational data Microsoft does not forbid a second row; orgdata flags it because the merge order is undocumented.',
    example: 'Adele@contoso.com … adele@contoso.com',
  },
  'self-manager': {
    family: 'people',
    severity: 'error',
    title: 'Person is their own manager',
    help: 'A person cannot report to themselves. Enter their real manager, or leave the cell blank for the top leader.',
    source: SOURCES.VRULE,
    example: 'adele@contoso.com,adele@contoso.com',
  },
  'reporting-loop': {
    family: 'people',
    severity: 'error',
    title: 'Reporting loop',
    help: 'People report to each other in a circle, so none of them leads to the top leader. Break the loop by correcting one manager.',
    source: SOURCES.VRULE,
    example: 'a@contoso.com,b@contoso.com / b@contoso.com,a@contoso.com',
  },
  'multiple-top-level': {
    family: 'people',
    severity: 'information',
    title: 'More than one person without a manager',
    help: 'Only the top leader should have no manager. In Organizational data a blank cell keeps the manager already stored, so this is a note: fill in the managers unless these people really lead the organization.',
    source: SOURCES.IMP,
    example: '(two rows with a blank manager)',
  },
  'missing-manager': {
    family: 'people',
    severity: 'error',
    title: 'ManagerId is blank',
    help: 'Viva Insights rejects a blank ManagerId for anyone but the top leader ("Missing ManagerId value for new PersonId"). orgdata takes the top leader of each EffectiveDate to be the person with a blank ManagerId and the largest reporting tree; set orgdata.topLeader to name them instead. Enter the manager of every other person.',
    source: SOURCES.VRULE,
    decision: 'Which blank ManagerId belongs to the top leader is orgdata\u2019s choice (largest reporting tree, or orgdata.topLeader).',
    example: 'PersonId,ManagerId … vp@contoso.com,(blank)',
  },
  'layer-mismatch': {
    family: 'people',
    severity: 'warning',
    title: 'Layer disagrees with the reporting line',
    help: 'Layer is the distance from the top leader (CEO 0). This Layer is neither the person\u2019s depth in the reporting line nor their manager\u2019s Layer + 1. Write the expected value (quick fix), or correct the manager. Only the cell that breaks the chain is reported, not the people below it.',
    source: SOURCES.ATTR,
    decision: 'Which cell "breaks the chain" is ours: the one that agrees neither with its depth nor with its manager\u2019s Layer.',
    example: 'lee@contoso.com,megan@contoso.com,…,3 (Megan has Layer 0)',
  },
  'manager-not-in-file': {
    family: 'people',
    severity: 'hint',
    title: 'Manager is not a person in this file',
    help: 'The manager has no row of their own here. That is fine when they exist in Entra ID; check the spelling otherwise.',
    source: SOURCES.IMP,
    example: 'adele@contoso.com,someone.else@contoso.com',
  },

  // Values
  'required-value-missing': {
    family: 'values',
    severity: 'error',
    title: 'Required value is blank',
    help: 'Viva Insights needs a value in this column in every row. Fill it in.',
    source: SOURCES.VRULE,
    example: 'adele@contoso.com,megan@contoso.com,,12/1/2020',
  },
  'invalid-integer': {
    family: 'values',
    severity: 'error',
    title: 'Not a whole number',
    help: 'The value must be a whole number without separators (Layer: 0 for the CEO, -1 deletes the stored layer).',
    source: SOURCES.ATTR,
    example: 'adele@contoso.com,2.5',
  },
  'invalid-number': {
    family: 'values',
    severity: 'error',
    title: 'Not a number',
    help: 'The value must be a plain number: digits and one decimal point, no currency sign, no thousands separator.',
    source: SOURCES.VPREP,
    example: 'adele@contoso.com,$52.50',
  },
  'out-of-range': {
    family: 'values',
    severity: 'error',
    title: 'Number out of range',
    help: 'The number is outside the range of this attribute: WeeklyBadgeOnsiteDays 0 to 7 (documented); Layer and HourlyRate 0 or more (orgdata\u2019s reading: a distance and a pay rate cannot be negative).',
    source: SOURCES.VPREP,
    decision: 'Only WeeklyBadgeOnsiteDays has a documented range; Layer >= 0 and HourlyRate >= 0 are orgdata\u2019s.',
    example: 'adele@contoso.com,9 (WeeklyBadgeOnsiteDays)',
  },
  'invalid-date': {
    family: 'values',
    severity: 'error',
    title: 'Not a date in the chosen format',
    help: 'Dates follow the format family set in orgdata.dateFormat (MM/DD/YYYY or DD/MM/YYYY), or a long form such as March 14, 2012.',
    source: SOURCES.VPREP,
    example: 'adele@contoso.com,13/45/2020',
  },
  'invalid-enum': {
    family: 'values',
    severity: 'error',
    title: 'Value is not one of the allowed values',
    help: 'This attribute takes only the listed values (Microsoft_GlintEmploymentStatus: ACTIVE or INACTIVE), written exactly.',
    source: SOURCES.ATTR,
    decision: 'The values come from Microsoft\u2019s 2025-26 change notes; the full attribute row could not be read.',
    example: 'adele@contoso.com,Active (GlintEmploymentStatus)',
  },
  'unrecognized-value': {
    family: 'values',
    severity: 'warning',
    title: 'Value is not one of the documented spellings',
    help: 'SupervisorIndicator is a text field, read without regard to case; the documented values are IC, Mngr and Mngr+ (Viva Insights) and Mgr, Mgr+, True and False (Workforce Insights). Another value uploads, but apps that read the field will not understand it. Use one of the documented values.',
    source: SOURCES.WFI,
    decision:
      'Microsoft\u2019s pages spell the values differently (Mngr, Mgr); orgdata accepts every documented spelling in any case, and warns about the rest.',
    example: 'adele@contoso.com,Manager (SupervisorIndicator)',
  },
  'lone-quote': {
    family: 'values',
    severity: 'warning',
    title: "A lone ' where '' was probably typed",
    help: "Excel eats one quote of what is typed: typing '' in Excel saves a lone ', which uploads as a value instead of deleting the stored one. Write '' in the file (in Excel, type ''') to delete the value.",
    source: SOURCES.IMPAPI,
    example: "adele@contoso.com,'",
    safeFix: "writes '' (the deletion Excel ate a quote of)",
  },
  'typed-delete-marker': {
    family: 'values',
    severity: 'information',
    title: "''' in the saved file",
    help: "The deletion marker in the saved file is ''. Three quotes (''') are what one types in Excel to get it saved; written into the file itself, they are not documented. Write '' instead.",
    source: SOURCES.IMPAPI,
    decision: "orgdata still reads ''' as a deletion, as the uploader most likely does; how it treats it is not documented.",
    example: "adele@contoso.com,'''",
    safeFix: "writes ''",
  },
  'layer-delete-marker': {
    family: 'values',
    severity: 'warning',
    title: "'' in Microsoft_Layer",
    help: "A Layer is deleted with -1, not with ''. Write -1.",
    source: SOURCES.IMP,
    example: "adele@contoso.com,'' (Microsoft_Layer)",
    safeFix: 'writes -1',
  },
  'delete-marker-lookalike': {
    family: 'values',
    severity: 'warning',
    title: 'Looks like the deletion marker, but is text',
    help: "The cell holds what reads as '' (or, in Microsoft_Layer, -1) typed through a word processor or another keyboard: typographic quotes (\u2018\u2019, \u201c\u201d) or a dash other than the hyphen-minus (\u2013, \u2014, \u2212). The uploader compares the exact characters, so it stores this as a value instead of deleting the stored one. Write '' (or -1).",
    source: SOURCES.IMP,
    decision: "Microsoft documents only '' and -1; orgdata reads the look-alikes as a mistyped marker, never as a deletion.",
    example: 'adele@contoso.com,\u2018\u2019',
  },
  'skills-separator': {
    family: 'values',
    severity: 'warning',
    title: 'Skills separated by semicolons or pipes',
    help: 'Microsoft_UserSkillNames takes skill names separated by commas (the cell in quotes): the attribute reference says "separated by commas" and shows "Project management, organization". Semicolons or pipes make the whole cell one skill name, which matches nothing in the skills library. Separate the skills with commas.',
    source: SOURCES.ATTR,
    decision:
      "Microsoft's pages are not consistent about other separators (a semicolon appears in some guidance); orgdata follows the attribute reference, which names commas only, and flags semicolons and pipes.",
    example: 'adele@contoso.com,Azure|SQL',
  },
  'office-location-address': {
    family: 'values',
    severity: 'warning',
    title: 'Office location reads as a street or home address',
    help: 'Microsoft_CompanyOfficeLocation is a location code (a building, floor, room or desk), and everyone in the tenant sees it on the profile card; the attribute reference says it must not be a home or personal address. Put a street address of the office in Microsoft_CompanyOfficeStreet and the location code here; never a home address.',
    source: SOURCES.ATTR,
    decision:
      'orgdata reads a value as an address when it has a house number beside a street word (Street, Ave, Road, Stra\u00dfe, Rue, Calle, \u2026) or names a home; building, floor, room and desk codes and "Remote" are not flagged.',
    example: 'adele@contoso.com,12 Baker Street',
  },
  mojibake: {
    family: 'values',
    severity: 'warning',
    title: 'Text garbled by a wrong encoding',
    help: 'The text looks like UTF-8 that was read as Windows-1252 and saved again (M\u00c3\u00bcller for M\u00fcller, \u00e2\u20ac\u2122 for \u2019). It is valid UTF-8, so it uploads and shows garbled. Use the repaired text, or export the file again as "CSV UTF-8".',
    source: SOURCES.VRULE,
    decision:
      'The uploader accepts this text; orgdata recognizes the patterns a Windows-1252 misreading leaves, and offers a repair only where it is unambiguous.',
    example: 'adele@contoso.com,M\u00c3\u00bcller',
  },
  'name-group-incomplete': {
    family: 'values',
    severity: 'error',
    title: 'Incomplete name',
    help: 'First name, last name and display name are stored together: when one has a value in a row, the other two need one too, or no name is stored.',
    source: SOURCES.ORG,
    example: 'adele@contoso.com,Adele,,',
  },

  'shadowed-by-entra': {
    family: 'values',
    severity: 'information',
    title: 'An Entra ID value will be shown instead',
    help: 'Entra ID takes precedence over organizational data by default: where a person has a value in Entra ID, profile cards show that one. Change the value in Entra ID, or have the tenant put organizational data first (orgdata.precedence).',
    source: SOURCES.USE,
    example: 'adele@contoso.com,Sales Lead (Entra ID jobTitle: Account Executive)',
  },

  // Cross-check against the tenant's Entra ID users (orgdata.entraUsers; Organizational data files)
  'entra-person-unmatched': {
    family: 'entra',
    severity: 'warning',
    title: 'Person not found in Entra ID',
    help: 'No user of the Entra ID users file (orgdata.entraUsers) has this address as user principal name, mail or smtp proxy address. The upload resolves every person to an Entra ID user; a row it cannot resolve is dropped and listed under "Rows of data that will not be shared". Correct the address, or create the user in Entra ID first. An export that matches almost none of the file\u2019s people is one warning on the person column instead (is it this tenant\u2019s export?).',
    source: SOURCES.RQ,
    decision:
      'Microsoft documents Microsoft_PersonEmail as the primary SMTP address or an alias; orgdata also counts a match by user principal name alone, and says so in the hover. One warning replaces the per-row findings when at most 5% of at least 10 people match.',
    example: 'ex.employee@contoso.com,… (no such user in the Entra ID file)',
  },
  'entra-manager-unmatched': {
    family: 'entra',
    severity: 'warning',
    title: 'Manager not found in Entra ID',
    help: 'No user of the Entra ID users file has this manager address. The admin center lists it in the manager log as "Unmatched Microsoft_ManagerEmail", and the person gets no manager. Correct the address. With an Entra ID file this replaces manager-not-in-file: whether the manager exists is then known.',
    source: SOURCES.RQ,
    example: 'adele@contoso.com,megan.bowen@contoso.co',
  },
  'entra-account-disabled': {
    family: 'entra',
    severity: 'information',
    title: 'Account disabled in Entra ID',
    help: 'The person\u2019s Entra ID account is disabled (accountEnabled false). The row is stored, but nobody sees the profile while the account stays disabled. Leave the row out if the person has left.',
    source: DECISION,
    decision:
      'Microsoft does not document what the upload does with a disabled account; such rows are most often people who have left, so orgdata points them out.',
    example: 'leaver@contoso.com,…',
  },
  'entra-guest-user': {
    family: 'entra',
    severity: 'information',
    title: 'Guest user',
    help: 'The address belongs to a guest (userType Guest, or #EXT# in the user principal name). Organizational data describes the tenant\u2019s own people: leave the row out, or use the person\u2019s member account.',
    source: DECISION,
    decision: 'Microsoft does not document guests in organizational data; their profiles live in their home tenant.',
    example: 'partner_fabrikam.com#EXT#@contoso.onmicrosoft.com,…',
  },
  'entra-members-missing': {
    family: 'entra',
    severity: 'information',
    title: 'Enabled members without a row',
    help: 'Enabled member users of the Entra ID users file have no row in this file. Uploads merge, so their profiles stay as they are; add rows for them if the file should cover everyone. The message names the first five (from the Entra ID file, not from the cells).',
    source: DECISION,
    decision: 'Not an upload error (uploads merge); a first upload usually means to cover everyone, so orgdata counts who is left out.',
    example: '(an Entra ID file with 120 enabled members, a file with 100 of them)',
  },

  // Sensitive personal data
  'sensitive-column': {
    family: 'sensitive',
    severity: 'warning',
    title: 'Column holds sensitive personal data',
    help: 'Organizational data is visible to everyone in the tenant on profile cards and can reach Copilot. Remove columns with special-category or identifying personal data before uploading.',
    source: SOURCES.USE,
    example: 'Microsoft_PersonEmail,DateOfBirth',
  },
  'sensitive-values': {
    family: 'sensitive',
    severity: 'warning',
    title: 'Values look like identifiers or financial data',
    help: 'Values in this column look like social security numbers, card numbers, IBANs or national insurance numbers, which would become visible to everyone in the tenant. Remove the column.',
    source: SOURCES.USE,
    decision: 'Which values look like identifiers is orgdata\u2019s pattern check on a sample of each column.',
    example: 'adele@contoso.com,078-05-1120',
  },
  'pay-data': {
    family: 'sensitive',
    severity: 'information',
    title: 'Confidential pay data',
    help: 'Pay data is legitimate for Viva Insights but confidential: make sure the upload goes only where it is meant to be seen.',
    source: SOURCES.VPREP,
    example: 'PersonId,ManagerId,Organization,HourlyRate',
  },

  // File-level
  'coverage-low': {
    family: 'coverage',
    severity: 'warning',
    title: 'Coverage below 95%',
    help: 'For tenants with the Copilot dashboard, an upload whose manager or organization column is filled in for fewer than 95% of people fails. People are counted, not rows (in a Viva Insights history file, per EffectiveDate). Fill in the blanks listed under the finding. Without the Copilot dashboard, turn this off: "orgdata.severity": {"coverage-low": "off"}.',
    source: SOURCES.COP,
    example: '(manager blank for 10 of 100 people)',
  },
  'copilot-columns-missing': {
    family: 'coverage',
    severity: 'information',
    title: 'No manager or organization column',
    help: 'The Copilot dashboard\u2019s first upload needs Microsoft_ManagerEmail and Microsoft_Organization, each filled in for at least 95% of people; a later upload may leave them out. Add the columns for a first upload. Without the Copilot dashboard, turn this off: "orgdata.severity": {"copilot-columns-missing": "off"}.',
    source: SOURCES.COP,
    decision: 'Information, not a warning: only the first upload needs the columns, and orgdata cannot tell which upload this is.',
    example: 'Microsoft_PersonEmail,Microsoft_JobTitle',
  },
  'file-too-large': {
    family: 'coverage',
    severity: 'information',
    title: 'File over 25 MB',
    help: 'Files over 25 MB cannot be uploaded from the browser: upload them through SharePoint (up to 5 GB).',
    source: SOURCES.IMP,
    example: '(a 40 MB file)',
  },
  'too-many-problems': {
    family: 'coverage',
    severity: 'information',
    title: 'More problems than shown',
    help: 'Only orgdata.maxProblems findings are shown, the most severe first: errors, then warnings, information and hints, each in file order; the note says how many more there are, by severity. Fix these, or raise the setting.',
    source: DECISION,
    decision:
      'A cap keeps editors responsive on files wrong on every row. What is not shown still counts: the summary, the exit status of orgdata-lint and the language status count every finding.',
    example: '(a file with 5,000 findings)',
  },
} as const satisfies Record<string, Omit<CodeInfo, 'code'>>;

export type Code = keyof typeof CODES;

export function codeInfo(code: Code): CodeInfo {
  return { code, ...CODES[code] } as CodeInfo;
}

export function defaultSeverity(code: Code, dialect: Dialect): Severity {
  const s = (CODES[code] as Omit<CodeInfo, 'code'>).severity;
  return typeof s === 'string' ? s : s[dialect];
}

/** Where a finding comes from, in one line: documented (with the page), or orgdata's decision and why. */
export function provenanceOf(code: Code): { documented: boolean; source?: string; decision?: string } {
  const info = CODES[code] as Omit<CodeInfo, 'code'>;
  const source = info.source.startsWith('https://') ? info.source : undefined;
  return { documented: source !== undefined, source, decision: info.decision };
}

/** The provenance as Markdown, for the hover. */
export function provenanceMarkdown(code: Code): string {
  const p = provenanceOf(code);
  const documented = p.source ? `documented: [${new URL(p.source).pathname.split('/').filter(Boolean).pop()}](${p.source})` : '';
  const decision = p.decision ? `orgdata's decision: ${p.decision}` : '';
  return `\`${code}\`: ${[documented, decision].filter(Boolean).join('; ')}`;
}

export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}
