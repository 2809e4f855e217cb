/** What the rules see when the file ends: the kept state, not the rows. */
import type { Dialect } from '../catalog/catalog';
import type { Column } from './context';
import type { FindingCollector } from './findings';
import type { OrgDataSettings } from '../catalog/settings';
import type { FileState } from './state';

export interface FinishContext {
  readonly out: FindingCollector;
  readonly state: FileState;
  readonly columns: readonly Column[];
  readonly settings: OrgDataSettings;
  readonly dialect: Dialect;
}
