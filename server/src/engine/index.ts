/** The orgdata engine: pure functions over text, shared by the language server, the CLI and the tests. */
export { validate, analyze, analyzeTable, Validation, type Analysis, type ValidationResult, type ValidateOptions, type RuleFailure } from './validate';
export { parseCsv, cellValue, completeRows, sliceTable, type CsvTable } from './csv';
export { LineIndex, type Position, type Range } from './positions';
export { normalizeSettings, DEFAULT_SETTINGS, type OrgDataSettings, type SettingsProblem, type DateFormat } from './settings';
export { CODES, codeInfo, isCode, type Code, type Severity, type SeveritySetting, type CodeInfo } from './codes';
export { ATTRIBUTES, type AttributeDef, type Dialect } from './catalog';
export { looksLikeOrgData, detectDialect } from './dialect';
export { matchesFilesSetting } from './fileSelection';
export type { Finding, RelatedInformation } from './findings';
export { hoverAt, type HoverResult } from './hover';
export { completionsAt, type CompletionEntry } from './completion';
export { columnSymbols, type ColumnSymbol } from './symbols';
export { codeActionsFor, resolveEdit, ADD_CUSTOM_ATTRIBUTE_COMMAND, type ActionSpec, type DiagnosticRef, type LazyEdit } from './codeActions';
export { applyEdits, removeColumn, type TextEdit } from './edits';
export type { RuleContext as OrgDataDocument } from './context';
export { parseEntraUsers, EntraFileError, type EntraDirectory } from './entra';
export { previewExport, peopleOf, rowAtLine, rowOfPerson, SOURCES as PROFILE_SOURCES, type ExportPreview, type PreviewOptions, type PersonEntry } from './exportPreview';
export { IncrementalAnalysis, BLOCK_ROWS, type TextEdit as DocumentEdit } from "./incremental";
