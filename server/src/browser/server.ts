/**
 * The language server in a web worker (vscode.dev, github.dev, code-server's web extension host): the handlers
 * of ../lsp/start.ts over `postMessage`. No Node: analyses run on this worker's thread (stale jobs are dropped
 * before they run; requests the editor sends after each change wait for typing to pause and are cancellable).
 * There is no file system: the workspace's files are listed and read by the client when it offers to
 * (`ClientFilesWorkspace`, as our browser client does), else the workspace is the open documents. Bundled by scripts/build.mjs with
 * esbuild's browser platform into server/out/browser/server.js.
 */

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { InlineAnalyzer } from '../lsp/analyzer-common';
import { startLanguageServer } from '../lsp/start';
import { ClientFilesWorkspace, OpenDocumentsWorkspace } from '../lsp/workspace-common';

/** The worker's global scope (the project compiles without the DOM and web-worker libraries). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));

startLanguageServer(connection, {
  createAnalyzer: () => new InlineAnalyzer(),
  createWorkspace: (env) => (env.clientServesFiles ? new ClientFilesWorkspace(env) : new OpenDocumentsWorkspace(env)),
});
