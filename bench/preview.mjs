// Table preview update latency: how long after an edit the preview's data (`govreport/preview`) arrives, against the
// diagnostics of the same edit in the same run, on a 100 KB document of concatenated reports (bench/lsp.mjs's
// `synthetic`) and on one sample report. Our bundled server (`node server/out/server.js --stdio`) is spoken to with
// vscode-jsonrpc as VS Code's client does (pull diagnostics), with `govreport.debounceMs` = 0 so that only the
// server's work is timed. The preview is asked for the report at the edited line (as the client does: the report
// the cursor is in; a document of several reports shows one at a time, with the list of all). Rounds alternate two cases after each one-character edit:
//   - "after check": didChange → pull diagnostics (the baseline, `diagMs`), then the preview request (`previewMs`):
//     what the client does when the server's status says the check is done (the analysis is reused);
//   - "cold": didChange → the preview request at once (`coldMs`: the analysis is computed for it), then the pull.
// Ratios are medians over the rounds: previewMs / diagMs and coldMs / diagMs. `kb` is the preview's JSON size.
//
// Usage: node bench/preview.mjs [--rounds N]
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmtMs, median, requireBuilt, ROOT, saveResults, table } from './lib.mjs';
import { Session, synthetic } from './lsp.mjs';

const SERVER = requireBuilt('server/out/server.js');
const SERVER_CANCELLED = -32802;

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The server as bench/lsp.mjs starts it (pull diagnostics), with `govreport.debounceMs` = 0. */
async function startServer() {
  const s = await Session.start('preview', [SERVER, '--stdio'], { pull: true, debounceMs: 0 });
  return { child: s.child, conn: s.conn };
}

async function pull(conn, uri) {
  for (;;) {
    try {
      return await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    } catch (e) {
      if (e?.code === SERVER_CANCELLED) continue;
      throw e;
    }
  }
}

async function measure(name, text, rounds) {
  const { child, conn } = await startServer();
  const uri = `file:///bench/preview/${encodeURIComponent(name)}.txt`;
  let version = 1;
  let doc = text;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version, text } });
  await pull(conn, uri);
  const first = await conn.sendRequest('govreport/preview', { uri, version });
  if (!first || first.version !== version || !first.isReport) throw new Error(`no preview of ${name}`);
  const kb = Buffer.byteLength(JSON.stringify(first)) / 1024;
  const reports = first.list.length;
  // one-character insertions at fixed places spread over the text (narrative and tables alike)
  let line = 0;
  const edit = async (i) => {
    const offset = Math.floor(((i * 7919) % 1000) / 1000 * doc.length);
    const pos = positionAt(doc, offset);
    line = pos.line;
    doc = doc.slice(0, offset) + '1' + doc.slice(offset);
    version++;
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: '1' }] });
  };
  const preview = async () => {
    const d = await conn.sendRequest('govreport/preview', { uri, version, line });
    if (!d || d.version !== version) throw new Error(`preview of version ${d?.version}, expected ${version}`);
  };
  const diag = [];
  const after = [];
  const cold = [];
  const warmup = 2;
  try {
    for (let i = 0; i < warmup + 2 * rounds; i++) {
      await edit(i);
      if (i % 2 === 0) {
        let t0 = performance.now();
        await pull(conn, uri);
        const d = performance.now() - t0;
        t0 = performance.now();
        await preview();
        const p = performance.now() - t0;
        if (i >= warmup) {
          diag.push(d);
          after.push(p);
        }
      } else {
        const t0 = performance.now();
        await preview();
        const c = performance.now() - t0;
        await pull(conn, uri);
        if (i >= warmup) cold.push(c);
      }
    }
  } finally {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await conn.sendNotification('exit');
    } catch {
      // gone already
    }
    setTimeout(() => child.kill(), 5000).unref();
    conn.dispose();
  }
  const diagMs = median(diag);
  return {
    input: `${name} (${Math.round(Buffer.byteLength(text) / 1024)} KB, ${reports} reports)`,
    diagMs,
    previewMs: median(after),
    previewRatio: median(after) / diagMs,
    coldMs: median(cold),
    coldRatio: median(cold) / diagMs,
    kb: Math.round(kb),
    rounds,
  };
}

export async function run({ rounds = 11 } = {}) {
  const seedsDir = path.join(ROOT, 'test', 'fixtures', 'seeds');
  const seed0 = readFileSync(path.join(seedsDir, readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()[0]), 'utf8');
  return {
    latency: [await measure('sample 000', seed0, rounds), await measure('100 KB', synthetic(100 << 10), rounds)],
  };
}

export function print(res) {
  const rows = res.latency.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? (k.endsWith('Ms') ? fmtMs(v) : k.endsWith('Ratio') ? v.toFixed(2) : v) : v])),
  );
  console.log(
    '\nTable preview: edit → preview data, against edit → diagnostics (medians, debounce 0)\n' +
      table(rows, ['input', 'diagMs', 'previewMs', 'previewRatio', 'coldMs', 'coldRatio', 'kb', 'rounds']),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--rounds');
  const res = await run(i > 0 ? { rounds: Number(process.argv[i + 1]) } : {});
  print(res);
  console.log(`saved ${saveResults('preview', res)}`);
}
