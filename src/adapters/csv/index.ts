/** Participant import from CSV files. */
export { parseParticipantsCsv } from './import.js';
export { CsvFileError, parseParticipantsBytes, readParticipantsFile } from './read-file.js';
export type {
  CsvField,
  CsvImportOptions,
  CsvImportResult,
  CsvProblem,
  CsvProblemCode,
  ImportedPerson,
} from './types.js';
