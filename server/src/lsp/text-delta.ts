/**
 * An open document's text on its way to the analysis worker: the change since the text last sent for the same
 * document rather than the whole text. Posting a 1 MB text to the worker for each typed character cost about 5 ms on
 * the server's thread (its structured clone) and as much again in the worker; the change is a few characters. The
 * worker rebuilds the text from the one it kept. Messages to a worker arrive in order, and a new worker starts with
 * an empty `TextSender`, so the base of a change is always the worker's text.
 */

import { commonPrefix, commonSuffix } from '../core/incremental-lines';

/** A text as posted: whole, or the previous one (`base`) with its middle replaced. */
export type WireText =
  | { readonly id: number; readonly whole: string }
  | { readonly id: number; readonly base: number; readonly keep: number; readonly keepEnd: number; readonly insert: string };

/** Texts shorter than this are posted whole (the comparison would cost about what it saves). */
const DELTA_FROM = 32 * 1024;

/** The server's side: what was posted last per document. */
export class TextSender {
  private readonly sent = new Map<string, { readonly id: number; readonly text: string }>();
  private nextId = 1;

  /** The text to post for a document (`keep`: the worker keeps it as the base of the next change). */
  encode(uri: string, text: string, keep: boolean): WireText {
    if (!keep) return { id: 0, whole: text };
    const id = this.nextId++;
    const last = this.sent.get(uri);
    this.sent.set(uri, { id, text });
    if (!last || text.length < DELTA_FROM || last.text.length < DELTA_FROM) return { id, whole: text };
    if (last.text === text) return { id, base: last.id, keep: text.length, keepEnd: 0, insert: '' };
    const keepStart = commonPrefix(last.text, text);
    const keepEnd = commonSuffix(last.text, text, Math.min(last.text.length, text.length) - keepStart);
    return { id, base: last.id, keep: keepStart, keepEnd, insert: text.slice(keepStart, text.length - keepEnd) };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** The worker's side: the text received last per document. */
export class TextReceiver {
  private readonly kept = new Map<string, { readonly id: number; readonly text: string }>();

  decode(uri: string, w: WireText): string {
    let text: string;
    if ('whole' in w) text = w.whole;
    else {
      const base = this.kept.get(uri);
      if (!base || base.id !== w.base) throw new Error(`no base text ${w.base} for ${uri}`);
      text = base.text.slice(0, w.keep) + w.insert + base.text.slice(base.text.length - w.keepEnd);
    }
    if (w.id !== 0) this.kept.set(uri, { id: w.id, text });
    return text;
  }

  forget(uri: string): void {
    this.kept.delete(uri);
  }
}
