/**
 * The client's restart policy (client/src/restart.ts): a server whose connection closes is started again at most
 * MAX_RESTARTS times within RESTART_WINDOW_MS; closes older than the window no longer count; the restart command
 * clears the count. (The real-editor suite proves that a killed server is restarted and answers again.)
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../client/src/restart';

test('restarts up to MAX_RESTARTS times within the window, then gives up', () => {
  assert.equal(MAX_RESTARTS, 4);
  assert.equal(RESTART_WINDOW_MS, 180_000);
  const p = new RestartPolicy();
  const t0 = 1_000_000;
  const answers = [0, 1, 2, 3, 4].map((i) => p.closed(t0 + i * 10_000));
  assert.deepEqual(answers, [true, true, true, true, false]);
  assert.equal(p.count, 5);
});

test('closes older than the window no longer count', () => {
  const p = new RestartPolicy(2, 1000);
  assert.equal(p.closed(0), true);
  assert.equal(p.closed(100), true);
  assert.equal(p.closed(200), false, 'three closes within 1 s');
  // 1.15 s later the first two have left the window: 2 closes within it
  assert.equal(p.closed(1150), true);
  assert.equal(p.count, 2);
  assert.equal(p.closed(1160), false);
});

test('the restart command clears the count', () => {
  const p = new RestartPolicy(1, 60_000);
  assert.equal(p.closed(0), true);
  assert.equal(p.closed(1), false);
  p.reset();
  assert.equal(p.count, 0);
  assert.equal(p.closed(2), true);
});
