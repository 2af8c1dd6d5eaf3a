/** The rule registry: one rule per file, run in this order. */

import type { Rule } from '../rule';
import { rule as encodingSuspect } from './encoding-suspect';
import { rule as notAReport } from './not-a-report';
import { rule as reportYearMissing } from './report-year-missing';
import { rule as formatYearMismatch } from './format-year-mismatch';
import { rule as formatMixed } from './format-mixed';
import { rule as sectionMissing } from './section-missing';
import { rule as sectionOrder } from './section-order';
import { rule as sectionDuplicate } from './section-duplicate';
import { rule as sectionMisnumbered } from './section-misnumbered';
import { rule as sectionNumeralLookalike } from './section-numeral-lookalike';
import { rule as sectionHeadingVariant } from './section-heading-variant';
import { rule as sectionHeadingTypo } from './section-heading-typo';
import { rule as subsectionNumbering } from './subsection-numbering';
import { rule as tableMissing } from './table-missing';
import { rule as tableTruncated } from './table-truncated';
import { rule as tableRowMissing } from './table-row-missing';
import { rule as tableRowCellCount } from './table-row-cell-count';
import { rule as tableBlankCell } from './table-blank-cell';
import { rule as tableNonNumericCell } from './table-non-numeric-cell';
import { rule as tableCellUnit } from './table-cell-unit';
import { rule as tableCellNotInteger } from './table-cell-not-integer';
import { rule as tableCellNegative } from './table-cell-negative';
import { rule as tableLabelVariant } from './table-label-variant';
import { rule as tableLabelTypo } from './table-label-typo';
import { rule as table3RowTotal } from './table3-row-total';
import { rule as table3LegalSubtotal } from './table3-legal-subtotal';
import { rule as table3GroupSubtotal } from './table3-group-subtotal';
import { rule as table3ResultsTotal } from './table3-results-total';
import { rule as table3ColumnBalance } from './table3-column-balance';
import { rule as table4BlockTotal } from './table4-block-total';
import { rule as table2ValidCount } from './table2-valid-count';
import { rule as table2ChangePlausibility } from './table2-change-plausibility';
import { rule as narrativeTableMismatch } from './narrative-table-mismatch';
import { rule as narrativeSumMismatch } from './narrative-sum-mismatch';
import { rule as feeStatementMissing } from './fee-statement-missing';
import { rule as feeStatementContradiction } from './fee-statement-contradiction';
import { rule as reportYearMismatch } from './report-year-mismatch';
import { rule as publicationDeadline } from './publication-deadline';
import { rule as typoKnown } from './typo-known';
import { rule as crossYearCarryover } from './cross-year-carryover';
import { rule as crossYearValidCount } from './cross-year-valid-count';
import { rule as overviewElementMissing } from './overview-element-missing';
import { rule as improvementMissing } from './improvement-missing';
import { rule as enumerationSequence } from './enumeration-sequence';
import { rule as doubledWord } from './doubled-word';
import { rule as planYear } from './plan-year';
import { rule as crossYearRepetition } from './cross-year-repetition';
import { rule as crossReportCopy } from './cross-report-copy';
import { rule as tableGluedRow } from './table-glued-row';

export const RULES: readonly Rule[] = [
  encodingSuspect,
  notAReport,
  reportYearMissing,
  formatYearMismatch,
  formatMixed,
  sectionMissing,
  sectionOrder,
  sectionDuplicate,
  sectionMisnumbered,
  sectionNumeralLookalike,
  sectionHeadingVariant,
  sectionHeadingTypo,
  subsectionNumbering,
  tableMissing,
  tableTruncated,
  tableRowMissing,
  tableRowCellCount,
  tableBlankCell,
  tableNonNumericCell,
  tableCellUnit,
  tableCellNotInteger,
  tableCellNegative,
  tableLabelVariant,
  tableLabelTypo,
  table3RowTotal,
  table3LegalSubtotal,
  table3GroupSubtotal,
  table3ResultsTotal,
  table3ColumnBalance,
  table4BlockTotal,
  table2ValidCount,
  table2ChangePlausibility,
  narrativeTableMismatch,
  narrativeSumMismatch,
  feeStatementMissing,
  feeStatementContradiction,
  reportYearMismatch,
  publicationDeadline,
  typoKnown,
  crossYearCarryover,
  crossYearValidCount,
  overviewElementMissing,
  improvementMissing,
  enumerationSequence,
  doubledWord,
  planYear,
  crossYearRepetition,
  crossReportCopy,
  tableGluedRow,
];
