// Print layouts (A4, CSS @page) for printing, PDF and preview. Import this module lazily
// (React.lazy / import()) from features: it brings the bundled print font's CSS with it.
export { IncomingSlip, type IncomingSlipProps } from './IncomingSlip';
export { OutgoingSlip, type OutgoingSlipProps } from './OutgoingSlip';
export { slipContent as outgoingSlipContent, slipLayout as outgoingSlipLayout, type SlipRecord as OutgoingSlipRecord } from './outgoing-slip-layout';
export { OutgoingRegisterSheet, type OutgoingRegisterSheetProps } from './OutgoingRegisterSheet';
export {
  OUTGOING_REGISTER_COLUMNS,
  OUTGOING_REGISTER_KEYS,
  outgoingCellText,
  type OutgoingRegisterColumn,
  type OutgoingRegisterKey,
  type OutgoingRegisterLine,
} from './outgoing-register-columns';
export { DistributionReceipt, copyNumbersText, receiptRows, type DistributionReceiptProps, type ReceiptRow } from './DistributionReceipt';
export { IncomingRegisterSheet, MASKED_TITLE, type IncomingRegisterSheetProps, type RegisterSheetRow } from './IncomingRegisterSheet';
export { CarrierRegisterSheet, carrierRemarkText, carrierSourceText, type CarrierRegisterSheetProps } from './CarrierRegisterSheet';
export { CarrierLoanSheet, carrierLoanRows, loanApproverText, type CarrierLoanSheetProps, type LoanSheetRow } from './CarrierLoanSheet';
export { DestructionList, destructionSignGroups, type DestructionListProps, type DestructionSignGroup } from './DestructionList';
export { InventoryReport, inventoryReportData, type InventoryLineResult, type InventoryReportData, type InventoryReportProps } from './InventoryReport';
export {
  CARRIER_LABEL_COLUMNS,
  CARRIER_LABEL_ROWS,
  CARRIER_LABELS_PER_PAGE,
  CarrierLabels,
  QR_QUIET_ZONE,
  qrModules,
  qrPathData,
  type CarrierLabelsProps,
} from './CarrierLabels';
export { CarrierHandoverForm, type CarrierHandoverFormProps } from './CarrierHandoverForm';
export { PrintDocument, PrintPreview, PrintSurfaceContext, type PreviewPrintHandler, type PrintDocumentProps, type PrintPreviewProps, type PrintSurface } from './PrintDocument';
export { printLayout, usePrintLayout, type PrintLayoutOptions } from './print-layout';
export { printMountedRoot, waitUntilPrintable, type PrintJobOptions, type PrintMode, type PrintOutcome } from './print-job';
export { PRINT_FONT_BODY, PRINT_FONT_LABEL, PRINT_FONT_PAGE_NUMBER, PRINT_FONT_TITLE, loadPrintFonts } from './print-fonts';
export { PAGE_MARGINS, PAGE_SIZE_MM, TEXT_BLOCK_MM, type PageOrientation } from './print-styles';
export { watermarkText, type WatermarkUser } from './watermark';
export { MinutesDocument, type MinutesDocumentProps } from './MinutesDocument';
export {
  ATTENDANCE_LABELS,
  DECISIONS_LEAD,
  UNNUMBERED,
  attendanceLines,
  chineseNumeral,
  decisionLine,
  minutesTextLines,
  openingParagraph,
  type AttendanceLabel,
  type AttendanceLine,
  type MinutesPrintContent,
  type MinutesText,
} from './minutes-text';
export { SIGN_IN_COLUMNS, SignInSheet, meetingTimeText, type SignInSheetProps } from './SignInSheet';
export { ReminderNotice, lastProgressText, overdueText, type ReminderNoticeProps } from './ReminderNotice';
export { FLOW_SHEET_HEAD, FlowReportSheet, figureRows as flowFigureRows, type FlowReportSheetProps } from './FlowReportSheet';
export {
  BULLETIN_CSS,
  BULLETIN_HEAD,
  CONTENT_CHARS_PER_LINE,
  SupervisionReportSheet,
  UNNUMBERED_BULLETIN,
  bulletinHeading,
  completionRateText,
  type SupervisionReportSheetProps,
} from './SupervisionReportSheet';
export {
  ARCHIVE_CATALOGUE_COLUMNS,
  ARCHIVE_CATALOGUE_TITLE,
  ArchiveCatalogueSheet,
  catalogueHeaderText,
  type ArchiveCatalogueSheetProps,
} from './ArchiveCatalogueSheet';
export {
  ARCHIVE_STAMP_COLUMNS,
  ARCHIVE_STAMP_ROWS,
  ARCHIVE_STAMPS_PER_PAGE,
  ArchiveStampLabels,
  archiveStampCells,
  archiveStampLabels,
  type ArchiveStampLabel,
  type ArchiveStampLabelsProps,
} from './ArchiveStampLabels';
export { ArchiveBoxNotes, boxNote, correctionText, entriesOfBox, type ArchiveBoxNotesProps, type BoxNote } from './ArchiveBoxNotes';
