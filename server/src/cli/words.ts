/**
 * The terminal's words: a message the engine writes for the editor names a setting where the command line
 * has a flag ("set orgdata.dateFormat to DD/MM/YYYY" is "--date-format DD/MM/YYYY" here). Only advice is
 * rewritten, never a statement of what a settings file says; the editor keeps its words.
 */
const ADVICE: [RegExp, string][] = [
  [/set orgdata\.dateFormat to (\S+?)(?=[\s,.)]|$)/g, 'use --date-format $1'],
  [/([Aa])dd it to orgdata\.customAttributes/g, '$1dd it to --custom-attributes'],
  [/set orgdata\.precedence if/g, 'use --precedence organizationalData if'],
  [/set orgdata\.topLeader to name another/g, 'use --top-leader EMAIL to name another'],
  [/orgdata\.maxProblems is (\d+)/g, '--max-problems is $1'],
  [/raise the setting\./g, 'raise --max-problems.'],
  [/\(orgdata\.entraUsers\)/g, '(--entra-users)'],
];

export function terminalWords(message: string): string {
  if (!message.includes('orgdata.') && !message.includes('raise the setting')) return message;
  for (const [from, to] of ADVICE) message = message.replace(from, to);
  return message;
}
