import { useCallback, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Platform } from '../platform/types';
import { PrintDocument, PrintSurfaceContext, type PrintSurface } from './PrintDocument';
import { printMountedRoot, type PrintJobOptions, type PrintOutcome } from './print-job';

// Printing a layout without showing it: mount it unseen, wait for its fonts, print, unmount.

export interface PrintLayoutOptions extends PrintJobOptions {
  /** Watermark for documents not given one as a prop (see watermarkText). */
  watermark?: string;
  /** Where it is printed (usePlatform() in a component). */
  platform: Platform;
}

let jobSeq = 0;
/** One job at a time: two documents mounted together would both go on paper. */
let queue: Promise<unknown> = Promise.resolve();

async function runJob(options: PrintLayoutOptions, element: ReactNode): Promise<PrintOutcome> {
  const jobId = `ws-print-job-${++jobSeq}`;
  const host = document.createElement('div');
  host.hidden = true;
  document.body.appendChild(host);
  const root = createRoot(host);
  const surface: PrintSurface = { kind: 'job', jobId, watermark: options.watermark };
  const findRoot = () => document.querySelector<HTMLElement>(`[data-print-job="${jobId}"]`);
  try {
    flushSync(() => root.render(<PrintSurfaceContext value={surface}>{element}</PrintSurfaceContext>));
    let printRoot = findRoot();
    if (!printRoot) {
      // A bare layout, not a print document: give it the frame (page, numbers, watermark).
      flushSync(() =>
        root.render(
          <PrintSurfaceContext value={surface}>
            <PrintDocument orientation={options.landscape ? 'landscape' : 'portrait'}>{element}</PrintDocument>
          </PrintSurfaceContext>,
        ),
      );
      printRoot = findRoot();
    }
    if (!printRoot) throw new Error('打印内容未能生成');
    return await printMountedRoot(printRoot, options, options.platform);
  } finally {
    root.unmount();
    host.remove();
  }
}

/**
 * Prints `element` (IncomingSlip, IncomingRegisterSheet, or any layout, which then gets the A4
 * frame) without showing it, and resolves with what the platform did (PrintOutcome).
 * The element is rendered in a separate React root: it gets its data through props, not context.
 */
export function printLayout(options: PrintLayoutOptions, element: ReactNode): Promise<PrintOutcome> {
  const job = queue.then(
    () => runJob(options, element),
    () => runJob(options, element),
  );
  queue = job.catch(() => undefined);
  return job;
}

/** printLayout with a `printing` flag for a button's loading state. */
export function usePrintLayout(): {
  printing: boolean;
  print: (options: PrintLayoutOptions, element: ReactNode) => Promise<PrintOutcome>;
} {
  const [printing, setPrinting] = useState(false);
  const print = useCallback(async (options: PrintLayoutOptions, element: ReactNode) => {
    setPrinting(true);
    try {
      return await printLayout(options, element);
    } finally {
      setPrinting(false);
    }
  }, []);
  return { printing, print };
}
