/**
 * Entry point of the language server (`--stdio`, `--node-ipc`, `--socket=N`). The same bundle also runs as the
 * server's analysis worker thread.
 */

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isAnalysisWorker } from './lsp/worker';
import { startServer } from './lsp/index';

if (!isAnalysisWorker()) {
  startServer(createConnection(ProposedFeatures.all), { workerScript: __filename });
}
