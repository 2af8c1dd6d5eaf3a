/**
 * VS Code client of govreport-lint in browsers (vscode.dev, github.dev, code-server's web worker extension host):
 * the language server is server/out/browser/server.js in a web worker of its own. Commands, status bar,
 * suppression quick fix and `govreport.files` are the desktop's (../activate.ts). The web-worker server has no
 * file system: this client lists and reads the workspace's files for it (../workspace-files.ts), so the cross-year
 * rules and the workspace check see closed files too.
 */

import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { activateWith, deactivateAll, type GovReportApi } from '../activate';
import type { ClientPlatform, Schemes } from '../server';

export type { GovReportApi } from '../activate';

/** The web worker of the server (the project compiles without the DOM and web-worker libraries). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

/**
 * Where saved files live in browsers: local folders in vscode.dev (`file`), GitHub and Azure Repos in vscode.dev
 * and github.dev (`vscode-vfs`), code-server and remote tunnels (`vscode-remote`), `@vscode/test-web`
 * (`vscode-test-web`). Other schemes are views (git:, output:, …).
 */
const FILE_SCHEMES = ['file', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'];

export const BROWSER_SCHEMES: Schemes = { reports: [...FILE_SCHEMES, 'untitled'], candidates: [...FILE_SCHEMES, 'untitled'] };

const WORKER_NAME = 'govreport-lint-server';

/**
 * Starts the server bundle in a web worker. An extension installed on a remote (code-server, a remote opened in
 * vscode.dev) has a `vscode-remote:` location, from which the web extension host refuses to start workers
 * ("Creating workers from remote extensions is currently not supported."): the bundle is then read through the
 * workspace file system and started from a blob URL.
 */
async function startWorker(script: vscode.Uri): Promise<ServerWorker> {
  try {
    return new Worker(script.toString(true), { name: WORKER_NAME });
  } catch (direct) {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(script);
    } catch (e) {
      throw new Error(`cannot start ${script.toString(true)} in a web worker (${String(direct)}) nor read it (${String(e)})`);
    }
    // Not revoked: the worker loads it asynchronously; one small blob per server start.
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
    return new Worker(url, { name: WORKER_NAME });
  }
}

/** A language client whose disposal also ends its worker. */
class WorkerLanguageClient extends LanguageClient {
  constructor(id: string, name: string, clientOptions: LanguageClientOptions, private readonly serverWorker: ServerWorker) {
    super(id, name, clientOptions, serverWorker);
  }

  override async dispose(timeout?: number): Promise<void> {
    try {
      await super.dispose(timeout);
    } finally {
      this.serverWorker.terminate();
    }
  }
}

const BROWSER_PLATFORM: ClientPlatform = {
  schemes: BROWSER_SCHEMES,
  servesFiles: true,
  async createClient(context, id, name, clientOptions) {
    const worker = await startWorker(vscode.Uri.joinPath(context.extensionUri, 'server', 'out', 'browser', 'server.js'));
    return new WorkerLanguageClient(id, name, clientOptions, worker);
  },
};

export function activate(context: vscode.ExtensionContext): GovReportApi {
  return activateWith(context, BROWSER_PLATFORM);
}

export function deactivate(): Promise<void> {
  return deactivateAll();
}
