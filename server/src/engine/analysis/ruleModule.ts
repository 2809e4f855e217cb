/**
 * The shape of a rule family, declared as ESLint declares a rule's `meta`: the codes it reports and the
 * passes it joins. validate.ts runs the declared list (rules/index.ts) in one shared pass over each chunk's
 * cells; test/unit/rules.test.ts fails when a code is declared by no module or by two, or reported by a
 * module that does not declare it.
 */
import type { Code } from '../catalog/codes';
import type { RuleContext } from './context';
import type { FinishContext } from './finish';
import type { PeopleIndex } from './rules/people/peopleIndex';

export interface RuleModule {
  /** the family, named in a rule failure */
  readonly name: string;
  /** every code its files report */
  readonly codes: readonly Code[];
  /** the header row, in the chunk that starts the file */
  readonly header?: (ctx: RuleContext) => void;
  /** the data rows of each chunk */
  readonly rows?: (ctx: RuleContext) => void;
  /**
   * when the file ends, over what the chunks kept; the people index of that finish is given to those that
   * count people. (The people and Entra ID verdicts are the finish itself: validate runs them first, and
   * keeps them over an edit that changed no person.)
   */
  readonly finish?: (fin: FinishContext, people: PeopleIndex | undefined) => void;
}
