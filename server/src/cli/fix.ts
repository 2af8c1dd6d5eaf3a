/**
 * `--fix`: the lint → apply preferred fixes loop, and writing the result back without ever losing text
 * (temporary file in the same folder, then rename; original encoding, BOM and line endings kept).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyEdits, fixAllEdits, type Finding, type LintResult, type Text2, type TextEdit } from '../core';

export const MAX_FIX_ROUNDS = 10;

export interface AppliedFix {
  readonly ruleId: string;
  /** 1-based line of the first edit, in the text of the round that applied it. */
  readonly line: number;
  readonly title: Text2;
}

export interface FixOutcome {
  /** The text after all rounds. */
  readonly text: string;
  /** The lint result of `text` (the problems that remain). */
  readonly result: LintResult;
  readonly applied: readonly AppliedFix[];
  readonly rounds: number;
}

/** A replacement made by an earlier round, located in the current text (`after` spans start..end). */
interface LiveChange {
  start: number;
  end: number;
  readonly before: string;
  readonly after: string;
}

/** Whether an edit puts back exactly what an earlier round replaced (the inverse of that fix). */
function undoes(e: TextEdit, changes: readonly LiveChange[]): boolean {
  return changes.some((c) => c.start === e.range.start && c.end === e.range.end && c.before === e.newText && c.before !== c.after);
}

/** How far the edits before `pos` (insertions at `pos` included) move it. */
function shiftAt(pos: number, edits: readonly TextEdit[], self?: TextEdit): number {
  let shift = 0;
  for (const e of edits) if (e !== self && e.range.end <= pos) shift += e.newText.length - (e.range.end - e.range.start);
  return shift;
}

/**
 * Moves the live changes through one round's edits (given in the coordinates of the text before the round);
 * a change that an edit touches inside is no longer tracked (its text was edited again).
 */
function carry(changes: readonly LiveChange[], edits: readonly TextEdit[]): LiveChange[] {
  const out: LiveChange[] = [];
  for (const c of changes) {
    const touched = edits.some((e) => e.range.start < c.end && e.range.end > c.start && !(e.range.start === e.range.end && e.range.start === c.start));
    if (touched) continue;
    const shift = shiftAt(c.start, edits);
    out.push({ ...c, start: c.start + shift, end: c.end + shift });
  }
  return out;
}

/**
 * Lints, applies the non-overlapping preferred fixes of the accepted findings, and repeats until a round has
 * no edit (or changes nothing) or `MAX_FIX_ROUNDS` rounds were applied. A fix that would put back what an earlier
 * round replaced is never applied (rules that disagree between rounds would otherwise undo each other), so every
 * fix listed in `applied` is still in effect in the final text.
 */
export function fixLoop(
  text: string,
  lint: (text: string) => LintResult,
  accept: (f: Finding) => boolean = () => true,
): FixOutcome {
  const applied: AppliedFix[] = [];
  let changes: LiveChange[] = [];
  let current = text;
  let rounds = 0;
  for (;;) {
    const result = lint(current);
    if (rounds >= MAX_FIX_ROUNDS) return { text: current, result, applied, rounds };
    const candidates = result.findings.filter(accept).map((f) => ({ ...f, fixes: f.fixes.filter((fx) => !fx.edits.some((e) => undoes(e, changes))) }));
    const { edits, fixes } = fixAllEdits(candidates);
    if (edits.length === 0) return { text: current, result, applied, rounds };
    let next: string;
    try {
      next = applyEdits(current, edits);
    } catch {
      // the core promised non-overlapping edits; if that ever fails, stop fixing rather than guess
      return { text: current, result, applied, rounds };
    }
    if (next === current) return { text: current, result, applied, rounds };
    for (const fx of fixes) {
      const owner = candidates.find((f) => f.fixes.includes(fx));
      const start = Math.min(...fx.edits.map((e) => e.range.start));
      applied.push({ ruleId: owner?.ruleId ?? '', line: result.report.index.positionAt(start).line + 1, title: fx.title });
    }
    changes = carry(changes, edits);
    for (const e of edits) {
      const start = e.range.start + shiftAt(e.range.start, edits, e);
      changes.push({ start, end: start + e.newText.length, before: current.slice(e.range.start, e.range.end), after: e.newText });
    }
    current = next;
    rounds++;
  }
}

export type WriteFailure = 'changed' | 'io';

export class FixWriteError extends Error {
  constructor(readonly reason: WriteFailure, detail: string) {
    super(detail);
  }
}

/**
 * Replaces the file's content with `bytes` atomically: the new content goes to a temporary file next to the
 * real file (symbolic links are followed), which is then renamed over it. Refuses when the file no longer holds
 * `original` (edited by someone else meanwhile). File mode (and owner, where permitted) are kept.
 */
export function writeAtomically(file: string, bytes: Buffer, original: Buffer): void {
  let real: string;
  let st: fs.Stats;
  try {
    real = fs.realpathSync(file);
    st = fs.statSync(real);
    // replacing by rename would also succeed on a read-only file; honour the file's own permission, and the
    // permission bits themselves (root passes every access check, but a file nobody may write stays as it is)
    if ((st.mode & 0o222) === 0) throw new FixWriteError('io', `EACCES: ${real} has no write permission bits (read-only)`);
    fs.accessSync(real, fs.constants.W_OK);
    if (!fs.readFileSync(real).equals(original)) throw new FixWriteError('changed', real);
  } catch (e) {
    if (e instanceof FixWriteError) throw e;
    throw new FixWriteError('io', e instanceof Error ? e.message : String(e));
  }
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}-${randomBytes(4).toString('hex')}.govreport-tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', st.mode & 0o7777);
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.chmodSync(tmp, st.mode & 0o7777);
    try {
      fs.chownSync(tmp, st.uid, st.gid);
    } catch {
      // only the owner's group or root may change ownership; keeping the mode is what matters
    }
    fs.renameSync(tmp, real);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw new FixWriteError('io', e instanceof Error ? e.message : String(e));
  }
}
