import { hasSafeFix, type Finding } from '../engine';

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

/** A safe quick fix, named in a message, is `--fix` on the command line. */
const QUICK_FIX = /use the quick fix( "[^"]*")?/g;

export function terminalWords(message: string, safeFix = false): string {
  if (safeFix) message = message.replace(QUICK_FIX, 'run orgdata-lint --fix');
  if (!message.includes('orgdata.') && !message.includes('raise the setting')) return message;
  for (const [from, to] of ADVICE) message = message.replace(from, to);
  return message;
}

/** A finding's message in the terminal's words: its flags, and --fix where its quick fix is one --fix makes. */
export function terminalMessage(f: Finding): string {
  return terminalWords(f.message, hasSafeFix(f));
}
