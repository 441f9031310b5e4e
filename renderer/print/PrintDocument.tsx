import { Button, Space } from 'antd';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { usePlatform } from '../platform/context';
import { printMountedRoot, waitUntilPrintable, type PrintJobOptions, type PrintMode, type PrintOutcome } from './print-job';
import { LABELS_PAGE_MARGINS, PAGE_MARGINS, PRINT_CSS, type PageOrientation } from './print-styles';

// The frame every print layout sits in. It renders into its own root directly under <body>
// (a portal), so a print stylesheet can hide everything else: the app, antd's pop-ups, other roots.
// The same document is either shown as a preview (A4 sheet over the app, with a tool bar that is
// never printed) or mounted unseen by printLayout for one print job.

/** How the surrounding code wants the document shown; set by PrintPreview or printLayout. */
export type PrintSurface =
  | {
      kind: 'preview';
      /** Replaces the default 打印 / 导出PDF actions, e.g. to write the audit entry too. */
      onPrint?: PreviewPrintHandler;
      /** Called after a default print action went through the platform. */
      onPrinted?: (result: PrintOutcome, mode: PrintMode) => void;
      /** Shows a 关闭 button. */
      onClose?: () => void;
      suggestedName?: string;
      /** More buttons for the tool bar. */
      extra?: ReactNode;
      /** Why the document may not be printed as it stands (打印 and 导出PDF are disabled); null/absent: it may. */
      blocked?: string | null;
    }
  | {
      /**
       * In place inside a page, scaled, with no tool bar and never printed: the live preview of a
       * layout being edited (设置 → 打印).
       */
      kind: 'inline';
      scale: number;
    }
  | {
      kind: 'job';
      jobId: string;
      /** printLayout's watermark, for documents that were not given one themselves. */
      watermark?: string;
    };

/**
 * A custom 打印 / 导出PDF action. `print` does what the button would have done (for this document,
 * this mode, the preview's file name); options override that, e.g. { pdf: 'bytes' }.
 */
export type PreviewPrintHandler = (
  mode: PrintMode,
  print: (options?: Partial<PrintJobOptions>) => Promise<PrintOutcome>,
) => Promise<unknown> | void;

export const PrintSurfaceContext = createContext<PrintSurface>({ kind: 'preview' });

export interface PrintDocumentProps {
  /** A4 portrait (GB/T 9704 margins) or A4 landscape (registers). Default portrait. */
  orientation?: PageOrientation;
  /** Text repeated diagonally in light grey on every page, e.g. from watermarkText(). */
  watermark?: string;
  /** Shown in the preview tool bar; the default PDF file name. */
  title?: string;
  /** 'labels': a label sheet, A4 portrait edge to edge (margins 0, no page number); the document places everything itself. */
  page?: 'labels';
  children: ReactNode;
}

/** Enough tiles to cover the rotated grid on any A4 page; the layer clips the rest. */
const WATERMARK_TILES = 120;

function Watermark({ text }: { text: string }) {
  return (
    <div className="ws-print-watermark" aria-hidden="true" data-testid="print-watermark">
      <div className="ws-print-watermark-grid">
        {Array.from({ length: WATERMARK_TILES }, (_, i) => (
          <span key={i}>{text}</span>
        ))}
      </div>
    </div>
  );
}

function PreviewToolbar({
  surface,
  title,
  root,
}: {
  surface: Extract<PrintSurface, { kind: 'preview' }>;
  title: string | undefined;
  root: () => HTMLElement | null;
}) {
  const [busy, setBusy] = useState<PrintMode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const p = usePlatform();

  async function run(mode: PrintMode) {
    const el = root();
    if (!el || busy) return;
    setBusy(mode);
    setError(null);
    try {
      const name = surface.suggestedName ?? (title ? `${title}.pdf` : undefined);
      const print = (options?: Partial<PrintJobOptions>) => printMountedRoot(el, { mode, suggestedName: name, ...options }, p);
      if (surface.onPrint) {
        await surface.onPrint(mode, print);
      } else {
        // Not `onPrinted?.(await print())`: optional chaining would skip the print itself.
        const result = await print();
        surface.onPrinted?.(result, mode);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  // Without its own PDF maker (the browser) both go through the print dialog, where "另存为 PDF" makes the file.
  const pdfHint = p.canMakePdf ? undefined : '在打印对话框中选择“另存为 PDF”';
  const blocked = surface.blocked ?? null;
  return (
    <div className="ws-print-toolbar" role="toolbar" aria-label="打印预览">
      <span className="ws-print-toolbar-title">{title ? `打印预览：${title}` : '打印预览'}</span>
      {error && (
        <span role="alert" style={{ color: '#cf1322' }}>
          {error}
        </span>
      )}
      <Space>
        {surface.extra}
        <Button autoInsertSpace={false} onClick={() => void run('pdf')} loading={busy === 'pdf'} disabled={busy !== null || !!blocked} title={blocked ?? pdfHint}>
          导出PDF
        </Button>
        <Button autoInsertSpace={false} type="primary" onClick={() => void run('dialog')} loading={busy === 'dialog'} disabled={busy !== null || !!blocked} title={blocked ?? undefined}>
          打印
        </Button>
        {surface.onClose && (
          <Button autoInsertSpace={false} onClick={surface.onClose}>
            关闭
          </Button>
        )}
      </Space>
    </div>
  );
}

/**
 * An A4 print document. In a preview (the default, or inside <PrintPreview>) it shows over the app
 * with a tool bar; under printLayout it is mounted unseen for one print. Either way only it is
 * printed, with @page size and margins, "— N —" page numbers and the watermark on every page.
 * Sets data-print-ready="true" on its root once its fonts are loaded (E2E tests wait for that
 * before page.pdf()).
 */
export function PrintDocument({ orientation = 'portrait', watermark, title, page, children }: PrintDocumentProps) {
  const surface = useContext(PrintSurfaceContext);
  const rootRef = useRef<HTMLDivElement>(null);
  const mark = watermark ?? (surface.kind === 'job' ? surface.watermark : undefined);

  // Runs after every render: new content may need font slices that are not loaded yet.
  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    let current = true;
    el.dataset.printReady = 'false';
    void waitUntilPrintable(el).then(() => {
      if (current) el.dataset.printReady = 'true';
    });
    return () => {
      current = false;
    };
  });

  if (surface.kind === 'inline') {
    // No orientation class: it names the @page of a printed document, and this one is never printed.
    return (
      <div ref={rootRef} className="ws-print-root ws-print-root--inline" data-orientation={orientation} style={{ zoom: surface.scale }}>
        <style>{PRINT_CSS}</style>
        <div className={`ws-print-sheet ws-print-sheet--${orientation}`}>
          {mark && <Watermark text={mark} />}
          {children}
        </div>
      </div>
    );
  }
  const classes = ['ws-print-root', `ws-print-root--${surface.kind}`, `ws-print-root--${orientation}`, ...(page ? [`ws-print-root--${page}`] : [])];
  // The page's margins (top right bottom left, mm), for whoever measures the printed page.
  const margins = page === 'labels' ? LABELS_PAGE_MARGINS : PAGE_MARGINS[orientation];
  return createPortal(
    <div
      ref={rootRef}
      className={classes.join(' ')}
      data-orientation={orientation}
      data-page-margins={margins.join(' ')}
      data-print-job={surface.kind === 'job' ? surface.jobId : undefined}
    >
      <style>{PRINT_CSS}</style>
      {surface.kind === 'preview' && <PreviewToolbar surface={surface} title={title} root={() => rootRef.current} />}
      <div className={`ws-print-sheet ws-print-sheet--${orientation}${page ? ` ws-print-sheet--${page}` : ''}`}>
        {mark && <Watermark text={mark} />}
        {children}
      </div>
    </div>,
    document.body,
  );
}

export interface PrintPreviewProps {
  /** A print document: IncomingSlip, IncomingRegisterSheet, or content inside <PrintDocument>. */
  children: ReactNode;
  /** Replaces the default 打印 / 导出PDF handling: e.g. `async (mode, print) => { const r = await print(); await audit(r); }`. */
  onPrint?: PreviewPrintHandler;
  /** After a default print went through the platform: e.g. write the audit entry. */
  onPrinted?: (result: PrintOutcome, mode: PrintMode) => void;
  /** Shows a 关闭 button (e.g. navigate back). */
  onClose?: () => void;
  /** PDF file name; default "<document title>.pdf". */
  suggestedName?: string;
  /** More tool bar buttons. */
  extra?: ReactNode;
  /** Why it may not be printed as it stands (e.g. the chosen columns do not fit): 打印 and 导出PDF are disabled. */
  blocked?: string | null;
}

/** Shows a print document as an on-screen A4 preview with 打印 / 导出PDF (and 关闭) buttons. */
export function PrintPreview({ children, onPrint, onPrinted, onClose, suggestedName, extra, blocked }: PrintPreviewProps) {
  const surface: PrintSurface = { kind: 'preview', onPrint, onPrinted, onClose, suggestedName, extra, blocked };
  return <PrintSurfaceContext value={surface}>{children}</PrintSurfaceContext>;
}
