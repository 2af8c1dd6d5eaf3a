/**
 * A pool of worker threads that run `checkFileSafely` (check.ts) — the very function the in-process loop runs —
 * on the files of one phase, and give back the results in task order.
 *
 * Dispatch: every worker gets batches of `batchSize` files, two batches in flight, so it never waits for the
 * main thread; the last files are spread thinly (batches shrink) so that no worker finishes long before another.
 * A worker answers once per batch (a message per file would wake the main thread thousands of times, and on a
 * machine with as many workers as CPUs every wake-up preempts a worker), and notes the id of the file it is
 * checking in a shared integer, so the main thread always knows which file a worker was checking.
 *
 * Failures: an exception of a check is caught inside the worker and comes back as that file's result, exactly as
 * in-process. A worker that dies (process.exit in a rule, out of memory, an uncaught asynchronous error) while
 * checking a file takes down only that file: it is retried once, alone (at the latest once the other files are
 * done); if it kills that worker too it is reported as an internal error of that file. The other files the dead
 * worker had not answered (started or not) are handed to the other workers; so are all of them when it died
 * between two files (an asynchronous error), which blames no file. Workers that keep dying without answering
 * anything (a broken installation, no threads) make `run` reject after a few attempts, so the caller can fall back
 * to checking in-process. Nothing waits for a dead worker: every exit is an event, so a crash never hangs the CLI.
 */

import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { internalErrorResult, type CheckOptions, type KeyedResult } from './check';
import { both } from './messages';

export interface PoolTask {
  readonly file: string;
  readonly pairWith?: readonly string[];
}

/** Main thread → worker. */
export interface CheckBatchMessage {
  readonly type: 'check';
  readonly tasks: readonly { readonly id: number; readonly file: string; readonly pairWith?: readonly string[] }[];
}

/** Worker → main thread: ready to check; the results of one batch. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'results'; readonly results: readonly { readonly id: number; readonly keyed: KeyedResult }[] };

/** What a worker gets as `workerData`. */
export interface WorkerInit {
  readonly options: Omit<CheckOptions, 'pairWith'>;
  /** Int32Array view, slot 0: the id of the job the worker is checking (−1: none). */
  readonly progress: SharedArrayBuffer;
}

/**
 * The young generation of a worker's heap (V8's default grows it to 48 MB per thread): its objects live for one
 * report, so a small one costs few more collections and keeps the peak of a run over 10,000 files under 200 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** Workers that die without answering anything and blaming no file, one after the other, before the pool gives up. */
const MAX_BARREN_DEATHS = 3;

export class PoolStartupError extends Error {}

interface Job {
  readonly id: number;
  readonly task: PoolTask;
  /** Already retried alone after its worker died. */
  readonly retried: boolean;
}

interface Lane {
  readonly worker: Worker;
  readonly progress: Int32Array;
  readonly inFlight: Job[];
  ready: boolean;
  /** Answered at least one batch. */
  answered: boolean;
  /** Runs one retried job alone; takes nothing else until it is answered. */
  isolated: boolean;
  exited: boolean;
  error?: Error;
}

export class CheckPool {
  private readonly lanes = new Set<Lane>();
  private queue: Job[] = [];
  private head = 0;
  private readonly retries: Job[] = [];
  private results: (KeyedResult | undefined)[] = [];
  private remaining = 0;
  private barrenDeaths = 0;
  private closing = false;
  private settle: { resolve: (r: KeyedResult[]) => void; reject: (e: Error) => void } | undefined;
  private nextId = 0;
  private phaseBase = 0;

  constructor(
    private readonly script: string,
    private readonly size: number,
    private readonly options: WorkerInit['options'],
    private readonly batchSize = 16,
  ) {}

  /** Checks the tasks; resolves with one result per task, in task order. One phase at a time. */
  run(tasks: readonly PoolTask[]): Promise<KeyedResult[]> {
    if (this.settle) return Promise.reject(new Error('CheckPool.run: a phase is already running'));
    if (this.closing) return Promise.reject(new Error('CheckPool.run: the pool is closed'));
    this.phaseBase = this.nextId;
    this.queue = tasks.map((task) => ({ id: this.nextId++, task, retried: false }));
    this.head = 0;
    this.results = new Array<KeyedResult | undefined>(tasks.length);
    this.remaining = tasks.length;
    if (tasks.length === 0) return Promise.resolve([]);
    return new Promise<KeyedResult[]>((resolve, reject) => {
      this.settle = { resolve, reject };
      try {
        while (this.lanes.size < Math.min(this.size, tasks.length)) this.spawn();
        for (const lane of this.lanes) this.feed(lane);
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closing = true;
    const lanes = [...this.lanes];
    this.lanes.clear();
    await Promise.all(lanes.map((l) => l.worker.terminate().catch(() => 0)));
  }

  private spawn(): Lane {
    const progress = new SharedArrayBuffer(4);
    const init: WorkerInit = { options: this.options, progress };
    const worker = new Worker(this.script, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    const lane: Lane = { worker, progress: new Int32Array(progress), inFlight: [], ready: false, answered: false, isolated: false, exited: false };
    lane.progress[0] = -1;
    this.lanes.add(lane);
    worker.on('message', (m: WorkerMessage) => this.onMessage(lane, m));
    worker.on('error', (e: Error) => {
      lane.error = e;
    });
    worker.on('exit', (code: number) => this.onExit(lane, code));
    return lane;
  }

  private pending(): number {
    return this.queue.length - this.head;
  }

  /** Tops the lane up to two batches; batches shrink towards the end so the lanes finish together. */
  private feed(lane: Lane): void {
    if (lane.exited || lane.isolated || !this.settle) return;
    if (lane.inFlight.length === 0 && this.retries.length > 0) {
      const job = this.retries.shift()!;
      lane.isolated = true;
      this.send(lane, [job]);
      return;
    }
    const perLane = Math.max(1, Math.ceil(this.pending() / (2 * Math.max(1, this.lanes.size))));
    const batch = Math.min(this.batchSize, perLane);
    while (lane.inFlight.length < 2 * batch && this.pending() > 0) {
      const n = Math.min(batch, this.pending());
      this.send(lane, this.queue.slice(this.head, this.head + n));
      this.head += n;
    }
  }

  private send(lane: Lane, jobs: Job[]): void {
    lane.inFlight.push(...jobs);
    const msg: CheckBatchMessage = { type: 'check', tasks: jobs.map((j) => ({ id: j.id, file: j.task.file, pairWith: j.task.pairWith })) };
    lane.worker.postMessage(msg);
  }

  private onMessage(lane: Lane, m: WorkerMessage): void {
    if (m.type === 'ready') {
      lane.ready = true;
      return;
    }
    lane.answered = true;
    this.barrenDeaths = 0;
    for (const { id, keyed } of m.results) {
      const at = lane.inFlight.findIndex((j) => j.id === id);
      if (at < 0) continue; // a job of an earlier, abandoned phase
      lane.inFlight.splice(at, 1);
      this.complete(id, keyed);
    }
    if (lane.isolated && lane.inFlight.length === 0) lane.isolated = false;
    this.feed(lane);
  }

  private complete(id: number, keyed: KeyedResult): void {
    const i = id - this.phaseBase;
    if (i < 0 || i >= this.results.length || this.results[i] !== undefined) return;
    this.results[i] = keyed;
    this.remaining--;
    if (this.remaining === 0 && this.settle) {
      const { resolve } = this.settle;
      this.settle = undefined;
      resolve(this.results as KeyedResult[]);
    }
  }

  private fail(e: Error): void {
    if (!this.settle) return;
    const { reject } = this.settle;
    this.settle = undefined;
    reject(e);
  }

  private onExit(lane: Lane, code: number): void {
    lane.exited = true;
    const wasMember = this.lanes.delete(lane);
    if (this.closing || !wasMember) return;
    const lost = lane.inFlight.splice(0);
    // the job it was checking when it died, if any (not when it died before it was ready or between two files)
    const checking = lane.ready ? Atomics.load(lane.progress, 0) : -1;
    const culprit = lost.find((j) => j.id === checking);
    this.queue.splice(this.head, 0, ...lost.filter((j) => j !== culprit && !j.retried));
    this.retries.unshift(...lost.filter((j) => j !== culprit && j.retried));
    if (culprit?.retried) {
      const reason = lane.error ? { zh: lane.error.message, en: lane.error.message } : { zh: `退出码 ${code}`, en: `exit code ${code}` };
      const file = path.resolve(culprit.task.file);
      const zh = both('check.worker-exited', { path: file, reason: reason.zh }).zh;
      const en = both('check.worker-exited', { path: file, reason: reason.en }).en;
      this.complete(culprit.id, { result: internalErrorResult(file, { zh, en }), keys: [] });
    } else if (culprit) {
      this.retries.push({ ...culprit, retried: true });
    } else if (!lane.answered && lost.length > 0 && ++this.barrenDeaths >= MAX_BARREN_DEATHS) {
      const why = lane.error?.message ?? `exit code ${code}`;
      this.fail(new PoolStartupError(`worker threads die without checking anything (${why})`));
      return;
    }
    if (!this.settle) return;
    try {
      const wanted = Math.min(this.size, this.pending() + this.retries.length + this.busyLanes());
      while (this.lanes.size < wanted) this.spawn();
      for (const l of this.lanes) this.feed(l);
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private busyLanes(): number {
    let n = 0;
    for (const l of this.lanes) if (l.inFlight.length > 0) n++;
    return n;
  }
}
