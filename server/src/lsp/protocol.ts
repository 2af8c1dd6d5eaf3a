/** The custom messages (server/src/shared/protocol.ts) as typed requests and notifications of the server library. */

import { NotificationType, RequestType } from 'vscode-languageserver';
import type { PreviewParams, PreviewResult } from '../core/views/preview';
import {
  Method,
  type CheckWorkspaceParams,
  type CheckWorkspaceResult,
  type ExportTablesParams,
  type ExportTablesResult,
  type ReadFileParams,
  type ReadFileResult,
  type ReadOriginalParams,
  type ReadOriginalResult,
  type SkeletonParams,
  type SkeletonResult,
  type StatusParams,
  type WorkspaceFilesParams,
  type WorkspaceFilesResult,
} from '../shared/protocol';

export * from '../shared/protocol';

export const StatusNotification = new NotificationType<StatusParams>(Method.status);
export const ExportTablesRequest = new RequestType<ExportTablesParams, ExportTablesResult, void>(Method.exportTables);
export const SkeletonRequest = new RequestType<SkeletonParams, SkeletonResult, void>(Method.skeleton);
export const CheckWorkspaceRequest = new RequestType<CheckWorkspaceParams, CheckWorkspaceResult, void>(Method.checkWorkspace);

export const WorkspaceFilesRequest = new RequestType<WorkspaceFilesParams, WorkspaceFilesResult, void>(Method.workspaceFiles);
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>(Method.readFile);
/** `govreport/readOriginal` (client -> server): the text read from a published original. */
export const ReadOriginalRequest = new RequestType<ReadOriginalParams, ReadOriginalResult, void>(Method.readOriginal);
/** `govreport/preview` (client -> server): the table preview of an open document (never a file read from disk). */
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult, void>(Method.preview);
