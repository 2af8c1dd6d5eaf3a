/**
 * `--fix`: the lint → apply preferred fixes loop, and writing the result back without ever losing text
 * (temporary file in the same folder, then rename; original encoding, BOM and line endings kept).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyEdits, fixAllEdits, type Finding, type LintResult, type Text2 } from '../core';

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

/**
 * Lints, applies the non-overlapping preferred fixes of the accepted findings, and repeats until a round has
 * no edit (or changes nothing) or `MAX_FIX_ROUNDS` rounds were applied.
 */
export function fixLoop(
  text: string,
  lint: (text: string) => LintResult,
  accept: (f: Finding) => boolean = () => true,
): FixOutcome {
  const applied: AppliedFix[] = [];
  let current = text;
  let rounds = 0;
  for (;;) {
    const result = lint(current);
    if (rounds >= MAX_FIX_ROUNDS) return { text: current, result, applied, rounds };
    const candidates = result.findings.filter(accept);
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
    // replacing by rename would also succeed on a read-only file; honour the file's own permission
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
