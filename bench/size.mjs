// Size and start-up: the VSIX (`npm run package` into a temporary file, when the script exists), the bundles as
// built in the working tree and as minified (`GOVREPORT_MINIFY=1 node scripts/build.mjs` in a temporary copy of the
// tree, as the VSIX is built), and the language server's start: spawn `node server/out/server.js --stdio`, send
// `initialize`, time to the result — against a baseline `node -e ""` (spawn to exit), interleaved, as a ratio of
// medians. The server is timed as built in the tree and minified.
//
// Usage: node bench/size.mjs [--rounds N] [--no-vsix]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { fmtMs, median, ROOT, saveResults, table } from './lib.mjs';

const BUNDLES = ['client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'server/out/cli-worker.js', 'server/out/readers/pdf.js', 'server/out/readers/docx.js', 'server/out/readers/html.js', 'server/out/browser/server.js'];
/** Not copied into the temporary tree (as scripts/package.mjs). */
const SKIP = new Set(['.git', 'node_modules', 'out', '.vscode-test', '.vscode-test-web', 'test-results', '.cache', 'client/out', 'server/out', 'bench/results']);
const VSIX_GOAL_BYTES = 3 * 1024 * 1024; // test/unit/vsix.test.ts (the budget with pdf.js for the PDF reader; 500 KB without it)

function argValue(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : dflt;
}

/** Minified: esbuild's minifier leaves long lines and no source map reference. */
function looksMinified(text) {
  const lines = text.split('\n');
  return !/sourceMappingURL=/.test(text) && text.length / lines.length > 500;
}

function bundleRows(root, build) {
  return BUNDLES.filter((rel) => existsSync(path.join(root, rel))).map((rel) => {
    const text = readFileSync(path.join(root, rel));
    return { build, file: rel, bytes: text.length, gzipBytes: gzipSync(text).length, minified: looksMinified(text.toString('utf8')) };
  });
}

/** A copy of the tree without build outputs, node_modules linked; built minified. */
function minifiedTree() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govreport-bench-size-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(ROOT, src).split(path.sep).join('/');
      return rel === '' || !(SKIP.has(rel) || rel.endsWith('.vsix') || rel.endsWith('/node_modules'));
    },
  });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, env: { ...process.env, GOVREPORT_MINIFY: '1' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`minified build failed:\n${r.stdout}\n${r.stderr}`);
  return dir;
}

function vsix() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (!pkg.scripts?.package) return { skipped: 'package.json has no "package" script' };
  if (process.argv.includes('--no-vsix')) return { skipped: '--no-vsix given' };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govreport-bench-vsix-'));
  try {
    const out = path.join(dir, 'govreport-lint.vsix');
    const t0 = performance.now();
    const r = spawnSync('npm', ['run', 'package', '--', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    const ms = performance.now() - t0;
    if (r.status !== 0 || !existsSync(out)) return { skipped: `npm run package failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}` };
    const bytes = statSync(out).size;
    return { bytes, ms, goalBytes: VSIX_GOAL_BYTES, met: bytes < VSIX_GOAL_BYTES };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Spawns the server, sends initialize, resolves with the ms until the initialize result arrives. */
function serverStart(script) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [script, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null } });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let buf = Buffer.alloc(0);
    let done = false;
    const timer = setTimeout(() => finish(new Error('no initialize result within 20 s')), 20_000);
    function finish(err, ms) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      p.kill('SIGKILL');
      if (err) reject(err);
      else resolve(ms);
    }
    p.on('error', (e) => finish(e));
    p.on('exit', (code) => finish(new Error(`server exited (${code}) before answering initialize`)));
    p.stdout.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString('ascii'));
        if (!m) return finish(new Error('malformed header'));
        const len = Number(m[1]);
        if (buf.length < head + 4 + len) return;
        const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8'));
        buf = buf.subarray(head + 4 + len);
        if (msg.id === 1) {
          if (msg.error) return finish(new Error(`initialize failed: ${msg.error.message}`));
          return finish(undefined, performance.now() - t0);
        }
      }
    });
  });
}

function nodeBaseline() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('exit', () => resolve(performance.now() - t0));
  });
}

async function startRows(servers, rounds) {
  const base = [];
  const times = servers.map(() => []);
  for (let i = 0; i < 2; i++) {
    await nodeBaseline();
    for (const s of servers) await serverStart(s.script);
  }
  for (let r = 0; r < rounds; r++) {
    base.push(await nodeBaseline());
    for (const [i, s] of servers.entries()) times[i].push(await serverStart(s.script));
  }
  const b = median(base);
  return servers.map((s, i) => ({ server: s.name, baselineMs: b, serverMs: median(times[i]), ratio: median(times[i]) / b, rounds }));
}

export async function run({ rounds = argValue('--rounds', 15) } = {}) {
  const current = bundleRows(ROOT, 'working tree');
  const tree = minifiedTree();
  try {
    const minified = bundleRows(tree, 'minified');
    const servers = [];
    if (existsSync(path.join(ROOT, 'server/out/server.js'))) servers.push({ name: `working tree (${current.find((r) => r.file === 'server/out/server.js')?.minified ? 'minified' : 'not minified'})`, script: path.join(ROOT, 'server/out/server.js') });
    servers.push({ name: 'minified', script: path.join(tree, 'server/out/server.js') });
    const start = await startRows(servers, rounds);
    return { bundles: [...current, ...minified], vsix: vsix(), serverStart: start };
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

export function print(res) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('\nBundle sizes\n' + table(res.bundles.map((r) => ({ ...r, bytes: kb(r.bytes), gzipBytes: kb(r.gzipBytes) })), ['build', 'file', 'bytes', 'gzipBytes', 'minified']));
  const v = res.vsix;
  console.log(v.skipped ? `\nVSIX: skipped — ${v.skipped}` : `\nVSIX (npm run package): ${kb(v.bytes)} (goal < ${kb(v.goalBytes)}: ${v.met ? 'met' : 'NOT met'}), built in ${(v.ms / 1000).toFixed(1)} s`);
  console.log(
    '\nLanguage server start (spawn → initialize result) vs `node -e ""` (spawn → exit)\n' +
      table(res.serverStart.map((r) => ({ ...r, baselineMs: fmtMs(r.baselineMs), serverMs: fmtMs(r.serverMs), ratio: r.ratio.toFixed(2) })), ['server', 'baselineMs', 'serverMs', 'ratio', 'rounds']),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await run();
  print(res);
  console.log(`\nsaved ${saveResults('size', res)}`);
}
