import type { Platform, PrintResult, PrintToPdfResult } from '../platform/types';
import { loadPrintFonts } from './print-fonts';

// Sending a mounted print document to the platform: wait until it can be printed as it will look
// (fonts loaded, laid out, painted), then ask for a PDF or the print dialog.

export type PrintMode = 'pdf' | 'dialog';

/**
 * What a print job did: a PDF made ('saved' | 'bytes'), printed on paper ('printed'), cancelled,
 * or handed to a dialog that cannot say what the user did ('dialog': count it as output).
 */
export type PrintOutcome = PrintToPdfResult | PrintResult;

export interface PrintJobOptions {
  /** 'pdf': a PDF through the platform (Electron: printToPDF; browser: the print dialog). 'dialog': print. */
  mode: PrintMode;
  /** For mode 'pdf': 'save' asks where to save the file (default), 'bytes' returns the PDF. */
  pdf?: 'save' | 'bytes';
  /** File name offered in the save dialog, e.g. "收文处理笺-收〔2026〕0001.pdf". */
  suggestedName?: string;
  /** Default: the orientation of the print document itself. */
  landscape?: boolean;
}

/** Resolves after the next paint, or soon anyway: rAF never fires in a hidden window. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      });
    }
  });
}

/** Fonts the document uses are loaded and it has been laid out and painted with them. */
export async function waitUntilPrintable(root: HTMLElement): Promise<void> {
  // Reading a layout property lays the document out now, so the faces its text needs start loading.
  void root.offsetHeight;
  // The sheet's text only: not the <style> or the preview tool bar, which are never printed.
  const sheet = root.querySelector('.ws-print-sheet') ?? root;
  await loadPrintFonts(sheet.textContent ?? '');
  await nextFrame();
  await nextFrame();
}

/** Prints `root` (a mounted .ws-print-root) through the platform; the result says what happened. */
export async function printMountedRoot(root: HTMLElement, options: PrintJobOptions, p: Platform): Promise<PrintOutcome> {
  await waitUntilPrintable(root);
  const landscape = options.landscape ?? root.dataset.orientation === 'landscape';
  if (options.mode === 'dialog') return p.print({ landscape });
  return p.printToPdf({
    landscape,
    mode: options.pdf ?? 'save',
    ...(options.suggestedName ? { suggestedName: options.suggestedName } : {}),
  });
}
