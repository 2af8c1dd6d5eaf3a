/** Views of the model for editors (pure; the language server translates them to protocol types). */

export { outline, foldingRanges, reportSymbol, reportFoldingRanges, sectionName, type OutlineSymbol, type OutlineKind, type FoldRange } from './outline';
export { hoverAt, hoverItems, pickHover, mdEscape, type HoverView } from './hover';
export { inlayHints, type InlayView } from './inlay';
export { reportSkeleton, tableSkeleton, tableSkeletonLines, BLANK_CELL, AGENCY_PLACEHOLDER, type SkeletonOptions } from './skeleton';
export { exportTables, exportData, CSV_HEADER, type ExportFormat, type ExportedReport, type ExportedTable, type ExportedRow, type ExportedCell } from './export';
export { IDENTITY_RULE, identityName, identityLine, identitiesByCell } from './identityText';
export {
  reportGrid,
  documentGrids,
  type GridReport,
  type GridTable,
  type GridBlock,
  type GridRow,
  type GridCell,
  type GridFailure,
  type GridHeaderCell,
  type GridPlace,
  type GridCellState,
  type GridRowState,
} from './grid';
export {
  previewData,
  previewReport,
  previewList,
  previewStrings,
  reportSpan,
  type ReportSpan,
  type PreviewReportRef,
  type PreviewDataOptions,
  type PreviewOptions,
  type PreviewData,
  type PreviewParams,
  type PreviewResult,
  type PreviewReport,
  type PreviewSection,
  type PreviewTable,
  type PreviewBlock,
  type PreviewRow,
  type PreviewCell,
  type PreviewCellState,
  type PreviewHeaderCell,
  type PreviewRange,
  type PreviewStrings,
  type PreviewStringKey,
  type SectionMark,
} from './preview';
