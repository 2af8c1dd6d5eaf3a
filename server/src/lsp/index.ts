/**
 * The language server on Node: the handlers of start.ts, analyses in worker threads (analyzer.ts), the
 * workspace scanned with Node fs (workspace.ts). `startServer` wires them onto a connection (stdio/IPC in
 * production, a pair of streams in tests).
 */

import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { ruleDocsFileTemplate } from '../rule-docs-dir';
import type { Rule } from '../core';
import { InlineAnalyzer, LaneAnalyzer, WorkerAnalyzer } from './analyzer';
import type { ServerHooks } from './context';
import { startLanguageServer, type ServerHandle } from './start';
import { WorkspaceFiles } from './workspace';

export * from './protocol';
export { DEFAULT_SETTINGS, normalizeSettings, type Settings, type Suppression } from './settings';
export type { Analysis } from './service';
export { SERVER_NAME, SERVER_VERSION, startLanguageServer, type CommonOptions, type Platform, type ServerHandle } from './start';

export interface ServerOptions {
  /** Run analyses on the main thread instead of a worker thread. */
  readonly inline?: boolean;
  /** The script started as the analysis worker (default: `worker.js` beside this module; the bundle passes itself). */
  readonly workerScript?: string;
  /** Stop an analysis that runs longer than this (ms, default 20 000). */
  readonly budgetMs?: number;
  /** Documents longer than this (characters) are analysed in a worker of their own (default 512 Ki). */
  readonly largeDocument?: number;
  /** How long the first check waits for the first workspace scan (ms, default 300). */
  readonly firstScanWaitMs?: number;
  /**
   * The rules to run instead of the core's registry (e.g. the registry plus a rule under test). Rules are code,
   * which cannot be sent to a worker thread: with a rule set, analyses run on the main thread.
   */
  readonly ruleSet?: readonly Rule[];
  /** Test hooks. */
  readonly hooks?: ServerHooks;
}

export function startServer(connection: Connection, options: ServerOptions = {}): ServerHandle {
  return startLanguageServer(
    connection,
    {
      createAnalyzer: ({ log, error }) => {
        if (options.inline || options.ruleSet) return new InlineAnalyzer({ ruleSet: options.ruleSet });
        try {
          const script = options.workerScript ?? path.join(__dirname, 'worker.js');
          const lane = (): WorkerAnalyzer => new WorkerAnalyzer(script, { budgetMs: options.budgetMs, log });
          // the large-document lane starts its worker only when a large document comes
          return new LaneAnalyzer(lane(), lane(), options.largeDocument);
        } catch (e) {
          error(`no analysis worker, analysing on the main thread: ${e instanceof Error ? e.message : String(e)}`);
          return new InlineAnalyzer();
        }
      },
      createWorkspace: (env) =>
        new WorkspaceFiles(env.connection, env.canAskFolders, env.folders, env.onCandidates, env.log, undefined, options.firstScanWaitMs),
      // clients other than ours get the installed pages' file URIs
      ruleDocs: () => ruleDocsFileTemplate(),
    },
    { hooks: options.hooks },
  );
}
