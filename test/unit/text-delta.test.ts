/** Texts posted to the analysis worker as changes (server/src/lsp/text-delta.ts) arrive as they were sent. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize, deserialize } from 'node:v8';
import { TextReceiver, TextSender, type WireText } from '../../server/src/lsp/text-delta';
import { generateReport, rng } from '../gen/report';

const clone = (w: WireText): WireText => deserialize(serialize(w)) as WireText;

test('random edits of two large documents and a small one: the worker rebuilds every text; large ones travel as changes', () => {
  const big = Array.from({ length: 30 }, (_, i) => generateReport({ seed: i + 1, agency: `第${i}测试局` })).join('\n');
  assert.ok(big.length > 40_000);
  const texts = new Map([
    ['file:///a.txt', big],
    ['file:///b.txt', big.replace(/\n/g, '\r\n')],
    ['file:///small.txt', generateReport({ seed: 3 })],
  ]);
  const sender = new TextSender();
  const receiver = new TextReceiver();
  const rand = rng(5);
  let postedChars = 0;
  let largeChars = 0;
  for (let step = 0; step < 200; step++) {
    const uris = [...texts.keys()];
    const uri = uris[Math.floor(rand() * uris.length)];
    let t = texts.get(uri)!;
    const at = Math.floor(rand() * (t.length + 1));
    const r = rand();
    if (r < 0.1) t = t + '\n附：' + step;
    else if (r < 0.2) t = step + t;
    else if (r < 0.25) t = t; // the same text again (a settings change)
    else t = t.slice(0, at) + ['1', '件', '\n', ''][Math.floor(rand() * 4)] + t.slice(Math.min(t.length, at + Math.floor(rand() * 3)));
    texts.set(uri, t);
    const w = clone(sender.encode(uri, t, true));
    assert.equal(receiver.decode(uri, w), t, `step ${step}`);
    if (uri !== 'file:///small.txt' && step > 10) {
      postedChars += 'whole' in w ? w.whole.length : w.insert.length;
      largeChars += t.length;
    }
    if (step === 100) {
      // the document was closed and opened again: the next text goes whole
      sender.forget('file:///a.txt');
      receiver.forget('file:///a.txt');
    }
  }
  assert.ok(postedChars < largeChars / 100, `posted ${postedChars} of ${largeChars} characters`);
  // a closed file's text (workspace check) goes whole and does not become a base
  const closed = sender.encode('file:///c.txt', big, false);
  assert.ok('whole' in closed);
  assert.equal(receiver.decode('file:///c.txt', closed), big);
  assert.ok('whole' in sender.encode('file:///c.txt', big + '1', true));
});

test('a change against a text the worker does not hold is refused, not guessed', () => {
  const big = Array.from({ length: 30 }, (_, i) => generateReport({ seed: i + 1 })).join('\n');
  const sender = new TextSender();
  sender.encode('file:///a.txt', big, true);
  const w = sender.encode('file:///a.txt', big + '1', true);
  assert.ok(!('whole' in w));
  assert.throws(() => new TextReceiver().decode('file:///a.txt', w), /no base text/);
});
