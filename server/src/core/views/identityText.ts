/**
 * How identities read in hovers and inlay hints (pure): their name, their formula with values, and the rule
 * that reports them.
 */

import type { Cell } from '../model';
import { cellOf, evaluate, identities, type Evaluation, type Identity, type IdentityKind, type Operand } from '../identities';
import { perReport, type Report } from '../model';
import { fmt, msg, pick, type Lang } from '../messages';
import { T4_BLOCKS } from '../schema';

/** The rule that reports a failing identity of each kind. */
export const IDENTITY_RULE: Record<IdentityKind, string> = {
  'row-total': 'table3-row-total',
  'legal-subtotal': 'table3-legal-subtotal',
  'group-subtotal': 'table3-group-subtotal',
  'results-total': 'table3-results-total',
  'column-balance': 'table3-column-balance',
  't4-block': 'table4-block-total',
};

/** The name of the left-hand side of an identity, e.g. `总计` (a row total) or `（七）总计/自然人`. */
export function identityName(id: Identity): string {
  const cell = cellOf(id.target);
  const column = cell?.column.label ?? id.column?.label ?? '';
  switch (id.kind) {
    case 'row-total':
    case 'legal-subtotal':
      return column;
    case 't4-block':
      return `${T4_BLOCKS[id.block ?? 0]}总计`;
    default:
      return `${id.target.row.def.label}/${column}`;
  }
}

/** `1 + 0 + 2 − 3`, unknown operands as `?`. */
export function formulaText(id: Identity, ev: Evaluation): string {
  return ev.values
    .map((v, i) => (i === 0 ? (i < id.plus.length ? '' : '−') : i < id.plus.length ? ' + ' : ' − ') + (v === undefined ? '?' : fmt(v)))
    .join('');
}

/** One line: `总计 = 1 + 0 + 2 = 3；报告中为 2 ✗`, `… = 3 ✓`, or "not computed". */
export function identityLine(id: Identity, lang: Lang): string {
  const ev = evaluate(id);
  const name = identityName(id);
  if (!ev.evaluable) return pick(msg('hover.not-evaluable', { name }), lang);
  const formula = formulaText(id, ev);
  return pick(msg(ev.holds ? 'hover.formula-ok' : 'hover.formula-bad', { name, formula, computed: ev.computed, stated: ev.stated }), lang);
}

export interface CellIdentities {
  /** Identities whose stated side is this cell. */
  readonly targetOf: Identity[];
  /** Identities this cell is an operand of. */
  readonly operandOf: Identity[];
}

/** For every cell of tables 3 and 4: the identities it is the total of, and those it feeds into. */
export const identitiesByCell = perReport((report: Report): Map<Cell, CellIdentities> => {
  const map = new Map<Cell, CellIdentities>();
  const entry = (o: Operand): CellIdentities | undefined => {
    const c = cellOf(o);
    if (!c) return undefined;
    let e = map.get(c);
    if (!e) {
      e = { targetOf: [], operandOf: [] };
      map.set(c, e);
    }
    return e;
  };
  for (const id of identities(report)) {
    entry(id.target)?.targetOf.push(id);
    for (const o of [...id.plus, ...id.minus]) entry(o)?.operandOf.push(id);
  }
  return map;
});
