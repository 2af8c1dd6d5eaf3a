/**
 * The custom LSP messages of docs/dev/contracts.md, as the client sees them.
 * Names and shapes must stay identical to that document (the server implements the other side).
 */

export const Method = {
  status: 'govreport/status',
  exportTables: 'govreport/exportTables',
  skeleton: 'govreport/skeleton',
  checkWorkspace: 'govreport/checkWorkspace',
  workspaceFiles: 'govreport/workspaceFiles',
  readFile: 'govreport/readFile',
  readOriginal: 'govreport/readOriginal',
} as const;

/** The scheme of the documents holding the text read from an original (PDF, Word, web page). */
export const ORIGINAL_SCHEME = 'govreport-original';

/** `govreport/readOriginal` (client -> server request): the server's readers read an original's bytes. */
export interface ReadOriginalParams {
  uri: string;
  base64: string;
}
export interface ReadOriginalResult {
  kind: string;
  /** '' when nothing could be read (the notices say why). */
  text: string;
  notices: { code: string; zh: string; en: string }[];
}

/** `govreport/status` (server -> client notification), sent for every checked document. */
export interface StatusParams {
  uri: string;
  isReport: boolean;
  format?: 'F2021' | 'F2019';
  year?: number;
  errors: number;
  warnings: number;
  infos: number;
}

export type ExportFormat = 'csv' | 'json';

/** `govreport/exportTables` (client -> server request). */
export interface ExportTablesParams {
  uri: string;
  format: ExportFormat;
}
export interface ExportTablesResult {
  content: string;
}

/** `govreport/skeleton` (client -> server request): a 2021-format report skeleton. */
export interface SkeletonParams {
  year?: number;
  agency?: string;
}
export interface SkeletonResult {
  text: string;
}

/** `govreport/checkWorkspace` (client -> server request); diagnostics of closed files are published. */
export type CheckWorkspaceParams = Record<string, never>;
export interface CheckWorkspaceResult {
  files: number;
  reports: number;
  errors: number;
  warnings: number;
}

/** `govreport/workspaceFiles` (server -> client request): the `*.txt` / `*.md` files of the workspace folders. */
export interface WorkspaceFilesParams {
  limit: number;
  maxBytes: number;
  /** Directory entries looked at, in all, and how deep below a folder. */
  maxEntries: number;
  maxDepth: number;
  /** Folders not entered (besides hidden ones). */
  skipDirs: string[];
}
export interface WorkspaceFilesResult {
  /** `stamp` changes when the file changes (modification time and size). */
  files: { uri: string; stamp: string }[];
}

/** `govreport/readFile` (server -> client request): a file's saved bytes in base64; none when unreadable. */
export interface ReadFileParams {
  uri: string;
}
export interface ReadFileResult {
  base64?: string;
}

/** One entry of the `govreport.suppressions` setting. */
export interface Suppression {
  /** Workspace-relative path (forward slashes) or glob. */
  file: string;
  rule: string;
  /** 1-based line. */
  line?: number;
}

/** The diagnostic `source` the server sets on every finding. */
export const DIAGNOSTIC_SOURCE = 'govreport';
/** The language id contributed by the extension. */
export const LANGUAGE_ID = 'govreport';
/** The code-action kind of "fix all" offered by the server. */
export const FIX_ALL_KIND = 'source.fixAll.govreport';
