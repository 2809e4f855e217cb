/** Microsoft's pages behind the rules (see ../shared/reference/orgdata-facts.md). */
export const SOURCES = {
  ATTR: 'https://learn.microsoft.com/en-us/viva/orgdata-attributes',
  IMP: 'https://learn.microsoft.com/en-us/viva/import-orgdata',
  USE: 'https://learn.microsoft.com/en-us/viva/orgdata-data-usage',
  VPREP: 'https://learn.microsoft.com/en-us/viva/insights/advanced/admin/prepare-org-data',
  VRULE: 'https://learn.microsoft.com/en-us/viva/insights/advanced/admin/rules-validation-errors',
  COP: 'https://learn.microsoft.com/en-us/viva/organizational-data-copilot',
  SRC: 'https://learn.microsoft.com/en-us/graph/people-data-sources',
  GDPR9: 'https://gdpr-info.eu/art-9-gdpr/',
  OWASP_CSV: 'https://owasp.org/www-community/attacks/CSV_Injection',
  RFC4180: 'https://www.rfc-editor.org/rfc/rfc4180',
} as const;
