/**
 * The rule families, in the order they run in the shared pass: the header rules (header, then sensitive
 * names) on the first chunk, then each family's rows on every chunk, then the finishes when the file ends.
 */
import type { RuleModule } from '../ruleModule';
import { coverageRules } from './coverage';
import { entraRules } from './entra';
import { excelRules } from './excel';
import { headerRules } from './header';
import { peopleRules } from './people';
import { sensitiveRules } from './sensitive';
import { structureRules } from './structure';
import { valuesRules } from './values';

export const RULES: readonly RuleModule[] = [
  structureRules,
  headerRules,
  peopleRules,
  entraRules,
  valuesRules,
  excelRules,
  sensitiveRules,
  coverageRules,
];

/** Codes the engine itself reports, outside every family: an empty file, and the note on what the cap hides. */
export const ENGINE_CODES = ['empty-file', 'too-many-problems'] as const;
