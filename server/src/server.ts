/**
 * Entry point of the language server (`--stdio`, `--node-ipc`, `--socket=N`). The same bundle also runs as the
 * server's analysis worker thread.
 */

import { isAnalysisWorker } from './lsp/worker';
import { startServer } from './lsp/index';
import { connectionFromArgs } from './lsp/transport';

if (!isAnalysisWorker()) {
  startServer(connectionFromArgs(), { workerScript: __filename });
}
