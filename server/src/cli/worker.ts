/**
 * The worker thread of the CLI's pool (pool.ts), bundled to server/out/cli-worker.js: checks the files it is sent
 * with `checkFileSafely` — the function the in-process loop runs — and answers once per batch. Before each file it
 * notes the file's job id in the shared progress slot, so that if the thread dies the pool knows which file it was.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { checkFileSafely, internalErrorResult, startRun, type KeyedResult } from './check';
import { both } from './messages';
import type { CheckBatchMessage, WorkerInit, WorkerMessage } from './pool';

const port = parentPort;
if (!port) throw new Error('cli-worker.js runs as a worker thread of the govreport-lint CLI');
const { options, progress: shared } = workerData as WorkerInit;
const progress = new Int32Array(shared);
// a worker lives for one run of the pool
startRun();

function post(m: WorkerMessage): void {
  port!.postMessage(m);
}

/** Batches are checked one after the other (a check awaits the readers of originals; two batches in flight must
 *  not interleave, or the progress slot would name the wrong file). */
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: CheckBatchMessage) => {
  if (msg.type !== 'check') return;
  queue = queue.then(() => checkBatch(msg));
});

async function checkBatch(msg: CheckBatchMessage): Promise<void> {
  const results: { id: number; keyed: KeyedResult }[] = [];
  for (const task of msg.tasks) {
    Atomics.store(progress, 0, task.id);
    results.push({ id: task.id, keyed: await checkFileSafely(task.file, { ...options, pairWith: task.pairWith }) });
  }
  Atomics.store(progress, 0, -1);
  try {
    post({ type: 'results', results });
  } catch {
    // a result that cannot be cloned is a bug of the checker: report it for its file, as an exception would be
    post({
      type: 'results',
      results: results.map(({ id, keyed }) => {
        try {
          structuredClone(keyed);
          return { id, keyed };
        } catch (e) {
          const error = both('check.failed', { path: keyed.result.filePath, error: e instanceof Error ? e.message : String(e) });
          return { id, keyed: { result: internalErrorResult(keyed.result.filePath, error), keys: [] } };
        }
      }),
    });
  }
}
post({ type: 'ready' });
