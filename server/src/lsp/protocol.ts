/** The custom messages of docs/dev/contracts.md (names, parameters, results). */

import { NotificationType, RequestType } from 'vscode-languageserver';

export interface StatusParams {
  readonly uri: string;
  readonly isReport: boolean;
  readonly format?: 'F2021' | 'F2019';
  readonly year?: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface ExportTablesParams {
  readonly uri: string;
  readonly format: 'csv' | 'json';
}

export interface ExportTablesResult {
  readonly content: string;
}

export interface SkeletonParams {
  readonly year?: number;
  readonly agency?: string;
}

export interface SkeletonResult {
  readonly text: string;
}

export interface CheckWorkspaceResult {
  readonly files: number;
  readonly reports: number;
  readonly errors: number;
  readonly warnings: number;
}

/** `govreport/workspaceFiles` (server -> client): the `*.txt` / `*.md` files of the workspace folders. */
export interface WorkspaceFilesParams {
  /** Files listed at most. */
  readonly limit: number;
  /** Larger files are left out. */
  readonly maxBytes: number;
  /** Directory entries looked at, in all, and how deep below a folder. */
  readonly maxEntries: number;
  readonly maxDepth: number;
  /** Folders not entered (besides hidden ones). */
  readonly skipDirs: readonly string[];
}

export interface WorkspaceFileEntry {
  readonly uri: string;
  /** Changes when the file changes (modification time and size). */
  readonly stamp: string;
}

export interface WorkspaceFilesResult {
  readonly files: readonly WorkspaceFileEntry[];
}

/** `govreport/readFile` (server -> client): a file's saved bytes (the server decodes them as the CLI does). */
export interface ReadFileParams {
  readonly uri: string;
}

export interface ReadFileResult {
  /** The bytes in base64; absent when the file cannot be read. */
  readonly base64?: string;
}

/** `govreport/readOriginal` (client -> server): the text read from a published original (PDF, Word, web page). */
export interface ReadOriginalParams {
  /** The original file's URI (its name decides the reader). */
  readonly uri: string;
  /** The file's bytes in base64, read by the client (any file system VS Code has, desktop or web). */
  readonly base64: string;
}

export interface ReadOriginalResult {
  readonly kind: string;
  /** The report text ('' when nothing could be read: see the notices). */
  readonly text: string;
  readonly notices: readonly { readonly code: string; readonly zh: string; readonly en: string }[];
}

export const ReadOriginalRequest = new RequestType<ReadOriginalParams, ReadOriginalResult, void>('govreport/readOriginal');

export const StatusNotification = new NotificationType<StatusParams>('govreport/status');
export const ExportTablesRequest = new RequestType<ExportTablesParams, ExportTablesResult, void>('govreport/exportTables');
export const SkeletonRequest = new RequestType<SkeletonParams, SkeletonResult, void>('govreport/skeleton');
export const CheckWorkspaceRequest = new RequestType<Record<string, never>, CheckWorkspaceResult, void>('govreport/checkWorkspace');

export const WorkspaceFilesRequest = new RequestType<WorkspaceFilesParams, WorkspaceFilesResult, void>('govreport/workspaceFiles');
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>('govreport/readFile');

/** The code action kind of "fix all in this file" (works with `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.govreport';
