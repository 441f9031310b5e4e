// Printing the app page: to PDF bytes, to a PDF file the user places, or through the system dialog.
// Page size and margins come from the print layouts' CSS @page when they set one; A4 otherwise.

import type { WebContents, WebContentsPrintOptions } from 'electron';
import type {
  PrintRequest,
  PrintResponse,
  PrintToPdfRequest,
  PrintToPdfResponse,
} from '../shared/ipc';
import { bytesForIpc } from '../shared/ipc';
import type { SavePathRequest } from './file-dialogs';

export interface PdfSaveDeps {
  askSavePath(contents: WebContents, request: SavePathRequest): Promise<string | null>;
  writeFileAtomic(file: string, data: Uint8Array): Promise<void>;
}

export const DEFAULT_PDF_NAME = '文枢导出.pdf';

function withPdfExtension(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

export async function printToPdf(
  contents: WebContents,
  request: PrintToPdfRequest,
  deps: PdfSaveDeps,
): Promise<PrintToPdfResponse> {
  // Rendered first, so the PDF shows the page as it was when the user clicked.
  const pdf = await contents.printToPDF({
    pageSize: 'A4',
    printBackground: true,
    landscape: request.landscape ?? false,
    preferCSSPageSize: true,
  });
  const data = bytesForIpc(pdf);
  if (request.mode === 'bytes') return { kind: 'bytes', data };

  const file = await deps.askSavePath(contents, {
    suggestedName: withPdfExtension(request.suggestedName ?? DEFAULT_PDF_NAME),
    filters: [{ name: 'PDF 文档', extensions: ['pdf'] }],
  });
  if (file === null) return { kind: 'cancelled' };
  await deps.writeFileAtomic(file, data);
  return { kind: 'saved', path: file };
}

/** The system print dialog. Cancelling is not an error; a failed print job is. */
export function printWithDialog(
  contents: WebContents,
  request: PrintRequest,
): Promise<PrintResponse> {
  const options: WebContentsPrintOptions = {
    silent: false,
    printBackground: true,
    landscape: request.landscape ?? false,
    pageSize: 'A4',
  };
  return new Promise((resolve, reject) => {
    contents.print(options, (success, failureReason) => {
      if (success) resolve({ printed: true });
      else if (failureReason === 'cancelled') resolve({ printed: false });
      else reject(new Error(`打印失败 (print failed): ${failureReason}`));
    });
  });
}
