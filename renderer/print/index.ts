// Print layouts (A4, CSS @page) for printing, PDF and preview. Import this module lazily
// (React.lazy / import()) from features: it brings the bundled print font's CSS with it.
export { IncomingSlip, type IncomingSlipProps } from './IncomingSlip';
export { IncomingRegisterSheet, MASKED_TITLE, type IncomingRegisterSheetProps, type RegisterSheetRow } from './IncomingRegisterSheet';
export { PrintDocument, PrintPreview, PrintSurfaceContext, type PreviewPrintHandler, type PrintDocumentProps, type PrintPreviewProps, type PrintSurface } from './PrintDocument';
export { printLayout, usePrintLayout, type PrintLayoutOptions } from './print-layout';
export { printMountedRoot, waitUntilPrintable, type PrintJobOptions, type PrintMode } from './print-job';
export { PRINT_FONT_BODY, PRINT_FONT_LABEL, PRINT_FONT_PAGE_NUMBER, PRINT_FONT_TITLE, loadPrintFonts } from './print-fonts';
export { PAGE_MARGINS, type PageOrientation } from './print-styles';
export { watermarkText, type WatermarkUser } from './watermark';
