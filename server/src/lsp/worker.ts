/**
 * The analysis worker: runs the report service for the server (see analyzer.ts). Started from the server
 * bundle itself (`workerData` carries WORKER_FLAG) or, in tests, from this compiled file.
 */

import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { DocumentSymbol } from 'vscode-languageserver';
import { ReportService } from './service';
import { packSymbols } from './symbol-codec';
import { WORKER_FLAG, type PostedRequest, type WorkerResponse } from './analyzer';
import { TextReceiver } from './text-delta';

/** Whether this thread was started as the analysis worker. */
export function isAnalysisWorker(): boolean {
  return !isMainThread && !!parentPort && typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[WORKER_FLAG] === true;
}

export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('not a worker thread');
  const service = new ReportService();
  // the open documents' texts as last posted: an input's text comes as the change since then (text-delta.ts)
  const texts = new TextReceiver();
  port.on('message', (m: PostedRequest) => {
    if (m.op === 'candidates') {
      service.setCandidates(m.upserts, m.removes);
      return;
    }
    if (m.op === 'forget') {
      texts.forget(m.uri);
      service.forgetOpen(m.uri);
      return;
    }
    let reply: WorkerResponse;
    try {
      let result: unknown;
      if (m.op === 'analyze') result = service.analyze({ ...m.input, text: texts.decode(m.input.uri, m.wire) });
      else if (m.op === 'view') {
        const input = m.input && m.wire ? { ...m.input, text: texts.decode(m.input.uri, m.wire) } : m.input;
        const answer = service.view(m.uri, m.version, m.key, m.req, input);
        // the outline crosses to the server's thread packed (symbol-codec.ts), not as an object graph
        result = !answer.miss && m.req.view === 'symbols' && Array.isArray(answer.result) ? { miss: false, result: packSymbols(answer.result as DocumentSymbol[]) } : answer;
      }
      else result = service.exportText(m.text, m.format);
      reply = { id: m.id, ok: true, result };
    } catch (e) {
      reply = { id: m.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies WorkerResponse);
}

if (isAnalysisWorker()) runAnalysisWorker();
