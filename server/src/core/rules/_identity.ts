/** Shared shape of the identity rules of tables 3 and 4 (not a rule). */

import { perReport, type Cell, type Report } from '../model';
import type { Fix, RawFinding } from '../rule';
import { evaluate, identities, isSafe, cellOf, type Identity, type IdentityKind } from '../identities';
import { fmt, type Args, type MessageKey } from '../messages';
import { msg } from '../messages';
import { formula, operandsRelated } from './_util';

export interface IdentityFailure {
  id: Identity;
  stated: number;
  computed: number;
  target: Cell;
}

/** Every identity of the report that does not hold, evaluated once for all identity rules. */
const allFailures = perReport((report: Report): IdentityFailure[] => {
  const all: IdentityFailure[] = [];
  const ids = identities(report);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const ev = evaluate(id);
    if (ev.evaluable && !ev.holds) all.push({ id, stated: ev.stated!, computed: ev.computed!, target: cellOf(id.target)! });
  }
  return all;
});

/** The identities of `kind` that do not hold. */
export function failures(report: Report, kind: IdentityKind): IdentityFailure[] {
  return allFailures(report).filter((f) => f.id.kind === kind);
}

/** A quick fix that sets cells; preferred only when the edit provably keeps every identity involved true. */
export function setCellsFix(report: Report, titleKey: MessageKey, args: Args, edits: Map<Cell, number>, allowPreferred = true): Fix {
  const safe = isSafe(report, edits);
  return {
    title: msg(titleKey, args),
    edits: [...edits].map(([c, v]) => ({ range: c.range, newText: fmt(v) })),
    preferred: allowPreferred && safe,
  };
}

export function identityFinding(f: IdentityFailure, key: MessageKey, args: Args, fixes: Fix[]): RawFinding {
  return {
    range: f.target.displayRange,
    message: msg(key, { ...args, stated: f.stated, computed: f.computed }),
    related: operandsRelated(f.id),
    fixes,
    data: { expected: f.computed, stated: f.stated, formula: formula(f.id) },
  };
}
