// Editor latency: from a `textDocument/didChange` to the diagnostics of that version, as VS Code sees them.
// Our bundled server (`node server/out/server.js --stdio`) against a trivial echo server on the same transport
// (bench/echo-server.mjs: keeps the document, answers with no diagnostics after the same debounce), both child
// processes spoken to with vscode-jsonrpc as VS Code's language client does: initialize with the pull-diagnostics
// capability, didOpen, then small incremental edits, each followed at once by a `textDocument/diagnostic` pull
// (with the previous result id; a "server cancelled, retrigger" answer is pulled again, as the client does). The
// push model (no pull capability: wait for `publishDiagnostics` of that version) is measured as well, and the pull
// model with the views VS Code also asks for after each change ("pull+views": `textDocument/diagnostic`,
// `documentSymbol` and `foldingRange` sent together right after the change; the time is until the last of the
// three answers arrives).
// The debounce is set through the real setting, `govreport.debounceMs`, answered to both servers'
// `workspace/configuration` requests: "default" sends no value (200 ms in both servers), "0" turns it off.
// Edits and servers are interleaved; each row is the median over the rounds and the ratio of the medians.
//
// The goals (issue 12, item 5), each a ratio of medians in the same run:
//   - editor, no debounce: didChange → diagnostics on 100 KB ≤ 3× the echo server (pull, debounce 0);
//   - diagnostics + document symbols + folding ranges on 1 MB ≤ 4× the echo server (pull+views, debounce 0).
//
// Usage: node bench/lsp.mjs [--rounds N] [--server <bundle>] [--goals] [--profile]
//   --server: another build of our server in place of server/out/server.js (before/after comparisons).
//   --goals:  only the two goal rows.
//   --profile: run our server alone under `node --cpu-prof` on the two goal scenarios (debounce 0) and print
//              where the time goes (self time per function, main thread and analysis worker).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { fmtMs, median, requireBuilt, ROOT, saveResults, table } from './lib.mjs';

const require = createRequire(import.meta.url);
const SERVER = requireBuilt('server/out/server.js');
const ECHO = path.join(ROOT, 'bench', 'echo-server.mjs');
const gen = require(requireBuilt('out/test/gen/report.js'));
/** The test generator's seeded PRNG (mulberry32). */
const { rng } = gen;

/** The echo server's default debounce (bench/echo-server.mjs) must be the manifest's. */
const ECHO_DEFAULT_DEBOUNCE_MS = 200;
const manifestDefault = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties['govreport.debounceMs'].default;
if (manifestDefault !== ECHO_DEFAULT_DEBOUNCE_MS) {
  console.error(`govreport.debounceMs defaults to ${manifestDefault} in package.json, the echo server waits ${ECHO_DEFAULT_DEBOUNCE_MS}: update bench/echo-server.mjs`);
  process.exit(2);
}

const seedsDir = path.join(ROOT, 'test', 'fixtures', 'seeds');
const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(seedsDir, f), 'utf8'));

/** Samples and generated reports (both formats, all layouts) concatenated up to `bytes` (as bench/core.mjs). */
export function synthetic(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t =
      i % 3 === 0
        ? seeds[i % seeds.length]
        : gen.generateReport({ format: i % 4 === 1 ? 'F2019' : 'F2021', layout: ['L1', 'L2', 'L3', 'L4', 'L5'][i % 5], seed: i + 1, agency: `第${i}号测试局` });
    parts.push(t.endsWith('\n') ? t : t + '\n');
    size += Buffer.byteLength(parts[parts.length - 1]);
  }
  return parts.join('');
}

function positionAt(text, offset) {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  return { line, character: offset - lineStart };
}

/** A sequence of one-character insertions (typing) at seeded random places: [{ offset, insert }]. */
function edits(text, n, seed) {
  const rand = rng(seed);
  const chars = ['1', '2', '件', '，', '0', '项'];
  const out = [];
  let len = text.length;
  for (let i = 0; i < n; i++) {
    out.push({ offset: Math.floor(rand() * len), insert: chars[Math.floor(rand() * chars.length)] });
    len++;
  }
  return out;
}

const SERVER_CANCELLED = -32802;

/** One language server child process and the client side of its connection (bench/preview.mjs starts its server with it too). */
export class Session {
  constructor(name, child, conn, pull, views) {
    this.name = name;
    this.child = child;
    this.conn = conn;
    this.pull = pull;
    this.views = views;
    this.version = 1;
    this.text = '';
    this.resultId = undefined;
    this.waiters = new Set();
    this.published = new Map();
    this.stderr = '';
  }

  static async start(name, argv, { pull, debounceMs, views = false }) {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const s = new Session(name, child, conn, pull, views);
    child.stderr.on('data', (d) => (s.stderr += d));
    // settings: none = the defaults (debounce 200 in both servers); else `govreport.debounceMs`
    const settings = debounceMs === undefined ? {} : { debounceMs };
    conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'govreport' ? settings : null)));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onRequest('workspace/inlayHint/refresh', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onNotification('window/logMessage', () => undefined);
    conn.onNotification('govreport/status', () => undefined);
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      s.published.set(p.uri, p);
      for (const w of [...s.waiters]) w();
    });
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      locale: 'zh-cn',
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: {},
          ...(pull ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    await conn.sendNotification('initialized', {});
    return s;
  }

  get uri() {
    return `file:///bench/${this.name}/年报.txt`;
  }

  /** Diagnostics of the current version: pulled (retriggered when the server says so) or pushed; with views, the
   * outline and folding requests are sent along with the pull and awaited too. Resolves to the number of diagnostics. */
  async diagnostics() {
    if (this.pull) {
      const views = this.views ? this.askViews() : [];
      for (;;) {
        try {
          const r = await this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: this.uri }, previousResultId: this.resultId });
          this.resultId = r.resultId;
          await Promise.all(views);
          return r.kind === 'full' ? r.items.length : -1;
        } catch (e) {
          if (e?.code === SERVER_CANCELLED && e?.data?.retriggerRequest !== false) continue;
          throw e;
        }
      }
    }
    const v = this.version;
    return new Promise((resolve) => {
      const check = () => {
        const p = this.published.get(this.uri);
        if (p && p.version === v) {
          this.waiters.delete(check);
          resolve(p.diagnostics.length);
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** The outline and folding requests VS Code sends after a change; each resolves to its answer's length. */
  askViews() {
    return ['textDocument/documentSymbol', 'textDocument/foldingRange'].map((method) =>
      this.conn.sendRequest(method, { textDocument: { uri: this.uri } }).then((r) => {
        if (!Array.isArray(r)) throw new Error(`${method} answered ${JSON.stringify(r)}`);
        return r.length;
      }),
    );
  }

  async open(text) {
    this.text = text;
    this.version = 1;
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: 'govreport', version: 1, text } });
    return this.diagnostics();
  }

  /** Applies one edit and times it until its diagnostics arrive (ms); the position is computed beforehand. */
  async edit({ offset, insert }) {
    const pos = positionAt(this.text, offset);
    this.text = this.text.slice(0, offset) + insert + this.text.slice(offset);
    const version = ++this.version;
    const t0 = performance.now();
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri, version },
      contentChanges: [{ range: { start: pos, end: pos }, text: insert }],
    });
    const n = await this.diagnostics();
    return { ms: performance.now() - t0, n };
  }

  async stop() {
    const exited = new Promise((r) => this.child.once('exit', r));
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // gone already
    }
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
    this.conn.dispose();
  }
}

let subject = SERVER;
const ours = (extra = []) => [...extra, subject, '--stdio'];
const echo = () => [ECHO, '--stdio'];

/** Interleaved rounds (alternating which server goes first) after `warmup` edits on each. */
export async function measure(text, { pull, views = false, debounceMs, rounds, warmup = 3, seed = 1 }) {
  const a = await Session.start('echo', echo(), { pull, debounceMs, views });
  const b = await Session.start('ours', ours(), { pull, debounceMs, views });
  try {
    await a.open(text);
    const findings = await b.open(text);
    const seq = edits(text, warmup + rounds, seed);
    for (let i = 0; i < warmup; i++) {
      await a.edit(seq[i]);
      await b.edit(seq[i]);
    }
    const ta = [];
    const tb = [];
    let lastFindings = findings;
    for (let i = warmup; i < warmup + rounds; i++) {
      const first = i % 2 ? b : a;
      const second = first === a ? b : a;
      const r1 = await first.edit(seq[i]);
      const r2 = await second.edit(seq[i]);
      const [ra, rb] = first === a ? [r1, r2] : [r2, r1];
      if (ra.n !== 0) throw new Error(`the echo server returned ${ra.n} diagnostics`);
      ta.push(ra.ms);
      tb.push(rb.ms);
      lastFindings = rb.n;
    }
    return { echoMs: median(ta), oursMs: median(tb), ratio: median(tb) / median(ta), rounds, diagnostics: lastFindings, oursMaxMs: Math.max(...tb) };
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

function kb(text) {
  const n = Buffer.byteLength(text);
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * The measured cases: the two goals first, then the same scenarios on the other input, with the default debounce
 * and pushed (context for the goals, not goals themselves).
 */
const CASES = [
  { model: 'pull', input: 0, debounceMs: 0, goal: 3, what: 'didChange → diagnostics, 100 KB, no debounce' },
  { model: 'pull+views', input: 1, debounceMs: 0, goal: 4, what: 'diagnostics + symbols + folding, 1 MB, no debounce' },
  { model: 'pull', input: 1, debounceMs: 0 },
  { model: 'pull+views', input: 0, debounceMs: 0 },
  { model: 'push', input: 0, debounceMs: 0 },
  { model: 'push', input: 1, debounceMs: 0 },
  { model: 'pull', input: 0, debounceMs: undefined },
  { model: 'pull', input: 1, debounceMs: undefined },
];

export async function run({ rounds = 15, server = SERVER, goalsOnly = false } = {}) {
  subject = path.resolve(server);
  const inputs = [
    { name: '100 KB', text: synthetic(100 << 10) },
    { name: '1 MB', text: synthetic(1 << 20) },
  ];
  const rows = [];
  for (const c of goalsOnly ? CASES.filter((x) => x.goal) : CASES) {
    const inp = inputs[c.input];
    const pull = c.model !== 'push';
    const views = c.model === 'pull+views';
    const big = inp.text.length > 200_000;
    const r = await measure(inp.text, { pull, views, debounceMs: c.debounceMs, rounds: big ? Math.max(5, Math.round(rounds * 0.7)) : rounds });
    rows.push({
      model: c.model,
      input: `${inp.name} (${kb(inp.text)}, ${inp.text.length} chars)`,
      debounce: c.debounceMs === undefined ? `default (${ECHO_DEFAULT_DEBOUNCE_MS})` : String(c.debounceMs),
      ...r,
      goal: c.goal ? `≤ ${c.goal}` : '',
      met: c.goal ? r.ratio <= c.goal : '',
    });
  }
  return { server: path.relative(ROOT, subject) || subject, latency: rows };
}

export function print(res) {
  const f = (rows) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? (k.endsWith('Ms') ? fmtMs(v) : k === 'ratio' ? v.toFixed(2) : v) : v])));
  console.log(
    `\nEditor latency: didChange → diagnostics of that version (medians), our server (${res.server}) vs the echo server\n` +
      table(f(res.latency), ['model', 'input', 'debounce', 'echoMs', 'oursMs', 'ratio', 'goal', 'met', 'oursMaxMs', 'diagnostics', 'rounds']),
  );
}

// ------------------------------------------------------------------ profile

/** Self time per function of a .cpuprofile (ms), heaviest first. */
function selfTimes(file) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    const n = byId.get(prof.samples[i]);
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url ? path.basename(cf.url) : ''}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = (self.get('(idle) :0') ?? 0) + (self.get('(program) :0') ?? 0);
  return { total, idle, top: [...self.entries()].sort((a, b) => b[1] - a[1]) };
}

async function profile(rounds) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govreport-lsp-prof-'));
  for (const [name, bytes, views] of [
    ['100 KB', 100 << 10, false],
    ['1 MB', 1 << 20, true],
  ]) {
    const sub = path.join(dir, name.replace(' ', '') + (views ? '-views' : ''));
    const text = synthetic(bytes);
    const s = await Session.start('ours', ours([`--cpu-prof`, `--cpu-prof-dir=${sub}`]), { pull: true, debounceMs: 0, views });
    await s.open(text);
    const seq = edits(text, rounds, 1);
    const ts = [];
    for (const e of seq) ts.push((await s.edit(e)).ms);
    await s.stop();
    console.log(`\n=== profile ${name}${views ? ' (diagnostics + symbols + folding)' : ''}: ${rounds} edits, median ${fmtMs(median(ts))} ms (debounce 0); profiles in ${sub}`);
    for (const f of readdirSync(sub).filter((x) => x.endsWith('.cpuprofile'))) {
      const st = selfTimes(path.join(sub, f));
      console.log(`\n${f}: ${fmtMs(st.total)} ms sampled, ${fmtMs(st.total - st.idle)} ms busy`);
      console.log(
        table(
          st.top.slice(0, 25).map(([k, v]) => ({ function: k, selfMs: fmtMs(v), share: `${((100 * v) / st.total).toFixed(1)}%` })),
          ['function', 'selfMs', 'share'],
        ),
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const ri = args.indexOf('--rounds');
  const rounds = ri >= 0 ? Number(args[ri + 1]) : undefined;
  const si = args.indexOf('--server');
  if (si >= 0) subject = path.resolve(args[si + 1]);
  if (args.includes('--profile')) {
    await profile(rounds ?? 30);
  } else {
    const res = await run({ ...(rounds ? { rounds } : {}), server: subject, goalsOnly: args.includes('--goals') });
    print(res);
    console.log(`\nsaved ${saveResults('lsp', res)}`);
  }
}
