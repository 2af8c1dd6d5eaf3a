/**
 * A language server that ends unexpectedly is started again by the client (client/src/restart.ts, the error
 * handler of client/src/server.ts). The server process is found the way an operator would find it (the child
 * process of this extension host running server/out/server.js) and killed; the test then waits for a new server
 * process and for the diagnostics of an edit made afterwards, which only a living server can compute.
 * (The server's side, exiting with code 3 on a protocol framing error, is proven in test/robustness/server.test.ts;
 * to the client any end of the server process is a closed connection.) Runs after the other suites: it leaves a
 * running server behind. Linux only (/proc), like the suite's runner.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { sameFindings } from '../../helpers';
import { copyOfSeed, expectedFor, open, readyApi, ruleOf, summarize, waitFor, waitForDiagnostics } from './helpers';

const SEED = '000_05e50274e597e28a.txt';

/** The processes started by this extension host that run the language server bundle. */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, the fields after the last ')' do not
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((a) => a.replace(/\\/g, '/').endsWith('server/out/server.js'))) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    // a zombie (ended, not yet reaped) still has its /proc entry: its state is Z
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

suite('the client restarts a server that ended unexpectedly', () => {
  test('the killed server process is replaced by a new one, which checks a document edited afterwards', async () => {
    const uri = copyOfSeed(SEED, 'restart-000.txt');
    const editor = await open(uri);
    const api = await readyApi();
    const expected = expectedFor(SEED);
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), expected).ok, 'the expected findings');
    const before = serverPids();
    assert.strictEqual(before.length, 1, `one server process expected, found ${JSON.stringify(before)}`);
    const [old] = before;

    process.kill(old, 'SIGKILL');
    await waitFor(() => !alive(old), `server process ${old} to end`);
    const fresh = await waitFor(() => serverPids().find((p) => p !== old && alive(p)), 'a new server process started by the client');
    await waitFor(() => (api.client as unknown as { isRunning(): boolean } | undefined)?.isRunning(), 'the language client to run again');

    // An edit after the restart: the finding it removes disappears, the others stay (computed by the new server).
    const line2 = editor.document.lineAt(1);
    assert.match(line2.text, /—、总体情况/);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, line2.range, line2.text.replace('—、总体情况', '一、总体情况'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const rest = expected.filter((e) => !(e.rule === 'section-numeral-lookalike' && e.line === 2));
    const after = await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), rest).ok, 'the findings of the edited document');
    assert.ok(!after.some((d) => ruleOf(d) === 'section-numeral-lookalike' && d.range.start.line === 1));
    assert.ok(alive(fresh), 'the new server is still running');
    assert.deepStrictEqual(serverPids(), [fresh], 'exactly one server: the new one');
    // the status bar's data comes from the new server too
    await waitFor(() => {
      const s = api.status(uri);
      return s && s.isReport && s.errors + s.warnings + s.infos === rest.length;
    }, 'the status of the edited document');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('after 4 restarts within 3 minutes the client gives up; the restart command starts the server again', async () => {
    const uri = copyOfSeed(SEED, 'restart-again-000.txt');
    const editor = await open(uri);
    const api = await readyApi();
    const client = api.client as unknown as { isRunning(): boolean; state: number };
    const expected = expectedFor(SEED);
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), expected).ok, 'the expected findings');
    // kill each new server until the client stops restarting
    const STOPPED = 1; // vscode-languageclient State.Stopped
    let kills = 0;
    for (;;) {
      const [pid] = await waitFor(() => {
        const p = serverPids().filter(alive);
        return p.length === 1 && client.isRunning() && p;
      }, 'one running server');
      process.kill(pid, 'SIGKILL');
      kills++;
      await waitFor(() => !alive(pid), `server process ${pid} to end`);
      const next = await waitFor(
        () => (client.state === STOPPED ? 'stopped' : serverPids().some((p) => p !== pid && alive(p)) ? 'restarted' : false),
        'a new server or the client giving up',
      );
      if (next === 'stopped') break;
      assert.ok(kills < 5, 'still restarting after 5 closes within 3 minutes');
    }
    // 5 closes within 3 minutes in all; the suite's first test (if it ran) made one of them
    assert.ok(kills >= 4 && kills <= 5, `gave up after ${kills} kills in this test`);
    assert.deepStrictEqual(serverPids().filter(alive), [], 'no server runs');
    assert.strictEqual(api.status(uri), undefined, 'the status bar forgot what the ended server said');

    // the command the give-up message offers: a new server, which checks an edit
    assert.strictEqual(await vscode.commands.executeCommand('govreport.restartServer'), true);
    const fresh = await waitFor(() => serverPids().find(alive), 'the server started by the restart command');
    const line2 = editor.document.lineAt(1);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, line2.range, line2.text.replace('—、总体情况', '一、总体情况'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const rest = expected.filter((e) => !(e.rule === 'section-numeral-lookalike' && e.line === 2));
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), rest).ok, 'the findings of the edited document');
    assert.deepStrictEqual(serverPids().filter(alive), [fresh]);
    // the command cleared the count: one more crash is restarted
    process.kill(fresh, 'SIGKILL');
    await waitFor(() => serverPids().some((p) => p !== fresh && alive(p)) && client.isRunning(), 'a restart after the command');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
