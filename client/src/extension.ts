/**
 * VS Code client of govreport-lint on the desktop (and in the Node extension host of code-server and remotes):
 * the language server is server/out/server.js, a Node process spoken to over IPC. The activation itself is
 * shared with the browser (activate.ts, browser/extension.ts).
 */

import type * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { activateWith, deactivateAll, type GovReportApi } from './activate';
import { DESKTOP_SCHEMES, type ClientPlatform } from './server';

export type { GovReportApi } from './activate';

const NODE_PLATFORM: ClientPlatform = {
  schemes: DESKTOP_SCHEMES,
  restart: (client) => (client as LanguageClient).restart(),
  async createClient(context: vscode.ExtensionContext, id: string, name: string, clientOptions: LanguageClientOptions) {
    // Loaded on first start, not on activation: most of the bundle is the language client library.
    const { LanguageClient, TransportKind } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    const module = context.asAbsolutePath('server/out/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    return new LanguageClient(id, name, serverOptions, clientOptions);
  },
};

export function activate(context: vscode.ExtensionContext): GovReportApi {
  return activateWith(context, NODE_PLATFORM);
}

export function deactivate(): Promise<void> {
  return deactivateAll();
}
