/** The orgdata engine: pure functions over text, shared by the language server, the CLI and the tests. */
export {
  validate,
  analyze,
  analyzeTable,
  Validation,
  type Analysis,
  type ValidationResult,
  type ValidateOptions,
  type RuleFailure,
} from './analysis/validate';
export { parseCsv, detectDelimiter, cellValue, completeRows, sliceTable, type CsvTable, type Delimiter } from './text/csv';
export { LineIndex, type Position, type Range } from './text/positions';
export { normalizeSettings, DEFAULT_SETTINGS, type OrgDataSettings, type SettingsProblem, type DateFormat } from './catalog/settings';
export { CODES, codeInfo, isCode, type Code, type Severity, type SeveritySetting, type CodeInfo } from './catalog/codes';
export { ATTRIBUTES, findAttributeIgnoringCase, type AttributeDef, type Dialect } from './catalog/catalog';
export { rankCandidates } from './catalog/spelling';
export { guessColumn, guessDateFormat, type ColumnGuess } from './catalog/hrNames';
export { looksLikeOrgData, detectDialect, mappedNames } from './catalog/dialect';
export { matchesFilesSetting } from './catalog/fileSelection';
export type { Finding, RelatedInformation, SeverityCounts } from './analysis/findings';
export { addCounts, noCounts, printable } from './analysis/findings';
export { hoverAt, type HoverResult } from './features/hover';
export { completionsAt, type CompletionEntry } from './features/completion';
export { columnSymbols, type ColumnSymbol } from './features/symbols';
export {
  codeActionsFor,
  resolveEdit,
  ADD_CUSTOM_ATTRIBUTE_COMMAND,
  type ActionSpec,
  type DiagnosticRef,
  type LazyEdit,
  SAFE_FIX_CODES,
  hasSafeFix,
} from './features/codeActions';
export { applyEdits, removeColumn, type TextEdit } from './features/edits';
export { convertExport, csvField, type Converted } from './features/convert';
export { fixText, fixAllOf, safeEditsOf, FIX_ALL_KIND, type FixResult, type SafeEdits } from './features/fixAll';
export type { RuleContext as OrgDataDocument } from './analysis/context';
export { columnOf } from './analysis/context';
export { parseEntraUsers, EntraFileError, type EntraDirectory } from './entra/directory';
export {
  previewExport,
  peopleOf,
  rowAtLine,
  rowOfPerson,
  SOURCES as PROFILE_SOURCES,
  type ExportPreview,
  type PreviewOptions,
  type PersonEntry,
} from './preview/exportPreview';
export { IncrementalAnalysis, BLOCK_ROWS, type Splice } from './analysis/incremental';
export { PieceText, type TextSource } from './text/pieceText';
export { ReportingTree, badgesByLine, type RootKind, type TreePerson } from './features/reportingLines';
export { PeopleNavigation, personSummary, type PeoplePlace, type PersonSummary, type PlaceKind } from './features/navigation';
export {
  ProfileBuilder,
  DEFAULT_MIN_GROUP_SIZE,
  NOTHING_TO_PROFILE,
  type FileProfile,
  type ColumnProfile,
  type ValueCount,
} from './review/profile';
export {
  DiffBuilder,
  type UploadDiff,
  type Change,
  type ChangeKind,
  type ByteOffsetOf,
  type ByteRangeReader,
  type InFile,
} from './review/diff';
export { diffJson, diffMarkdown, diffText } from './review/diffReport';
export { profileJson, profileMarkdown, profileText } from './review/profileReport';
export { addressMatches, emailProblem } from './catalog/formats';
export { EntraCrossCheckElsewhere, type EntraJob, type EntraOutcome } from './analysis/entraElsewhere';
export type { MissingMembers } from './analysis/rules/entra';
