import { Alert, Button, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { ATTACHMENT_TYPES, type AttachmentMeta } from '@shared/domain/attachment-types';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { loadPdfJs, pdfParams } from './pdfjs';

// The attachment viewer (issue #17 §2): a kept scan shown inside the app, never handed to another
// program. PDF pages are drawn by pdf.js (loaded only now, with its bundled worker); JPG and PNG
// as images; an OFD is kept as a file only (no OFD reader is bundled) and offered for 另存. Pages
// come one under another with 上一页 / 下一页 and a zoom; a classified record's file carries the
// watermark of who is looking and when over every page, as its prints do.

/** pdf.js draws 1 unit = 1/72 in; the screen's CSS pixel is 1/96 in. */
const PDF_TO_CSS = 96 / 72;
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
/** 'width': the page as wide as the view; 'page': the whole page in the view. */
type Zoom = 'width' | 'page' | number;

export interface AttachmentViewerProps {
  meta: Pick<AttachmentMeta, 'name' | 'type' | 'size'>;
  /** The file's bytes (openAttachment). */
  blob: Blob;
  /** For a 秘密+ record: the text repeated over the view (user, time, 密级). */
  watermark?: string;
  /** 另存 (offered for an OFD, which the viewer cannot show). */
  onSave?: () => void;
  /** Height of the view area (CSS), default fits a 1366×768 screen inside a modal. */
  height?: CSSProperties['height'];
}

/** The tiles of the view's watermark, in a layer over one page (it scrolls with the page). */
export function ViewWatermark({ text }: { text: string }) {
  return (
    <div
      aria-hidden="true"
      data-testid="attachment-watermark"
      style={{ position: 'absolute', inset: 0, overflow: 'hidden', pointerEvents: 'none', userSelect: 'none', zIndex: 2 }}
    >
      <div
        style={{
          position: 'absolute',
          left: '-50%',
          top: '-50%',
          width: '200%',
          height: '200%',
          display: 'flex',
          flexWrap: 'wrap',
          alignContent: 'flex-start',
          justifyContent: 'space-around',
          rowGap: 90,
          columnGap: 60,
          paddingTop: 30,
          transform: 'rotate(-30deg)',
        }}
      >
        {Array.from({ length: 80 }, (_, i) => (
          <span key={i} style={{ whiteSpace: 'nowrap', fontSize: 16, color: 'rgba(0, 0, 0, 0.16)' }}>
            {text}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The page's frame: white sheet, shadow, the watermark over it. */
function Sheet({ width, height, watermark, index, children }: { width: number; height: number; watermark?: string; index: number; children: ReactNode }) {
  return (
    <div
      data-page={index + 1}
      className="ws-attachment-page"
      style={{ position: 'relative', width, height, margin: '0 auto 12px', background: '#fff', boxShadow: '0 1px 6px rgba(0,0,0,0.25)', overflow: 'hidden' }}
    >
      {children}
      {watermark && <ViewWatermark text={watermark} />}
    </div>
  );
}

function scaleFor(zoom: Zoom, page: { width: number; height: number }, view: { width: number; height: number }): number {
  if (zoom === 'width') return Math.max(0.1, (view.width - 32) / page.width);
  if (zoom === 'page') return Math.max(0.1, Math.min((view.width - 32) / page.width, (view.height - 24) / page.height));
  return zoom;
}

/** One PDF page on a canvas, drawn when it comes near the view (a 200-page scan is not drawn at once). */
function PdfPage({ doc, index, size, scale, watermark, root }: { doc: PDFDocumentProxy; index: number; size: { width: number; height: number }; scale: number; watermark?: string; root: HTMLElement | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [near, setNear] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const width = Math.floor(size.width * scale);
  const height = Math.floor(size.height * scale);

  useEffect(() => {
    const el = canvasRef.current;
    if (!el || !root || typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { root, rootMargin: '800px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [root]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!near || !canvas) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let live = true;
    void (async () => {
      try {
        const page = await doc.getPage(index + 1);
        if (!live) return;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * PDF_TO_CSS * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.dataset.rendered = 'false';
        task = page.render({ canvas, viewport });
        await task.promise;
        if (live) canvas.dataset.rendered = 'true';
      } catch (e) {
        if (live && !(e instanceof Error && e.name === 'RenderingCancelledException')) setFailed(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, index, scale, near]);

  return (
    <Sheet width={width} height={height} watermark={watermark} index={index}>
      <canvas ref={canvasRef} aria-label={`第 ${index + 1} 页`} style={{ width, height, display: 'block' }} />
      {failed && <Alert type="error" showIcon title={`第 ${index + 1} 页无法显示：${failed}`} style={{ position: 'absolute', top: 8, left: 8, right: 8 }} />}
    </Sheet>
  );
}

/** The view area's size, followed as the modal or window changes. */
function useBoxSize(el: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 800, height: 520 });
  useEffect(() => {
    if (!el) return;
    const update = () => setSize({ width: el.clientWidth || 800, height: el.clientHeight || 520 });
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return size;
}

type Loaded =
  | { kind: 'pdf'; doc: PDFDocumentProxy; sizes: { width: number; height: number }[] }
  | { kind: 'image'; url: string; width: number; height: number }
  | { kind: 'ofd' }
  | { kind: 'error'; message: string };

function useLoaded(blob: Blob, type: string): Loaded | null {
  // Kept with the blob it belongs to: another file shows 正在打开 until its own is ready.
  const [state, setState] = useState<{ blob: Blob; loaded: Loaded } | null>(null);
  useEffect(() => {
    let live = true;
    let cleanup = () => {};
    const setLoaded = (loaded: Loaded) => setState({ blob, loaded });
    void (async () => {
      try {
        if (type === 'application/pdf') {
          const pdfjs = await loadPdfJs();
          const task = pdfjs.getDocument(pdfParams(new Uint8Array(await blob.arrayBuffer())));
          cleanup = () => void task.destroy();
          const doc = await task.promise;
          const sizes: { width: number; height: number }[] = [];
          for (let n = 1; n <= doc.numPages; n++) {
            const vp = (await doc.getPage(n)).getViewport({ scale: PDF_TO_CSS });
            sizes.push({ width: vp.width, height: vp.height });
          }
          if (live) setLoaded({ kind: 'pdf', doc, sizes });
        } else if (type === 'image/jpeg' || type === 'image/png') {
          const url = URL.createObjectURL(blob);
          cleanup = () => URL.revokeObjectURL(url);
          const img = new Image();
          img.src = url;
          await img.decode();
          if (live) setLoaded({ kind: 'image', url, width: img.naturalWidth, height: img.naturalHeight });
        } else if (live) setLoaded({ kind: 'ofd' });
      } catch (e) {
        if (live) setLoaded({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      live = false;
      cleanup();
    };
  }, [blob, type]);
  return state?.blob === blob ? state.loaded : null;
}

/** A kept file shown in the app: PDF pages or an image, page by page, with zoom and the watermark. */
export function AttachmentViewer({ meta, blob, watermark, onSave, height = 'calc(100vh - 230px)' }: AttachmentViewerProps) {
  const loaded = useLoaded(blob, meta.type);
  const [zoom, setZoom] = useState<Zoom>('width');
  const [current, setCurrent] = useState(1);
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const view = useBoxSize(box);

  const pages = useMemo(() => {
    if (loaded?.kind === 'pdf') return loaded.sizes;
    if (loaded?.kind === 'image') return [{ width: loaded.width, height: loaded.height }];
    return [];
  }, [loaded]);
  const first = pages[0] ?? { width: 1, height: 1 };
  const scale = scaleFor(zoom, first, view);

  const goTo = (n: number) => {
    const target = box?.querySelector<HTMLElement>(`[data-page="${n}"]`);
    if (!box || !target) return;
    box.scrollTo({ top: target.offsetTop - 8 });
    setCurrent(n);
  };
  const onScroll = () => {
    if (!box) return;
    const els = [...box.querySelectorAll<HTMLElement>('[data-page]')];
    const top = box.scrollTop + 40;
    const at = els.filter((e) => e.offsetTop <= top).pop();
    setCurrent(Number(at?.dataset.page ?? 1));
  };

  if (meta.type === 'application/ofd' || loaded?.kind === 'ofd') {
    return (
      <Empty description="OFD 文件请另存后用版式阅读器打开">
        {onSave && (
          <Button type="primary" onClick={onSave}>
            另存
          </Button>
        )}
      </Empty>
    );
  }

  const zoomIndex = typeof zoom === 'number' ? ZOOMS.indexOf(zoom as (typeof ZOOMS)[number]) : ZOOMS.findIndex((z) => z >= scale);
  const step = (d: 1 | -1) => {
    const i = zoomIndex < 0 ? ZOOMS.length - 1 : zoomIndex;
    const next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, typeof zoom === 'number' ? i + d : d > 0 ? i : i - 1))];
    if (next) setZoom(next);
  };

  return (
    <div className="ws-attachment-viewer" data-type={ATTACHMENT_TYPES[meta.type as keyof typeof ATTACHMENT_TYPES] ?? ''}>
      <Space wrap style={{ marginBottom: 8 }} role="toolbar" aria-label="查看附件">
        <Button size="small" disabled={current <= 1} onClick={() => goTo(current - 1)}>
          上一页
        </Button>
        <Typography.Text aria-live="polite" data-testid="attachment-page-count">
          第 {Math.min(current, Math.max(pages.length, 1))} / {pages.length || '…'} 页
        </Typography.Text>
        <Button size="small" disabled={current >= pages.length} onClick={() => goTo(current + 1)}>
          下一页
        </Button>
        <Segmented<'width' | 'page' | 'n'>
          size="small"
          value={typeof zoom === 'number' ? 'n' : zoom}
          onChange={(v) => v !== 'n' && setZoom(v)}
          options={[
            { value: 'width', label: '适合宽度' },
            { value: 'page', label: '适合页面' },
            { value: 'n', label: `${Math.round(scale * 100)}%`, disabled: true },
          ]}
        />
        <Button size="small" aria-label="缩小" onClick={() => step(-1)}>
          −
        </Button>
        <Button size="small" aria-label="放大" onClick={() => step(1)}>
          ＋
        </Button>
      </Space>
      <div ref={setBox} onScroll={onScroll} style={{ height, overflow: 'auto', background: '#e8e8e8', padding: '12px 8px', position: 'relative' }}>
        {loaded === null && <Spin tip="正在打开…" style={{ display: 'block', margin: '40px auto' }} />}
        {loaded?.kind === 'error' && <Alert type="error" showIcon title={`无法显示该文件：${loaded.message}`} />}
        {loaded?.kind === 'pdf' &&
          loaded.sizes.map((s, i) => <PdfPage key={i} doc={loaded.doc} index={i} size={s} scale={scale} watermark={watermark} root={box} />)}
        {loaded?.kind === 'image' && (
          <Sheet width={Math.floor(loaded.width * scale)} height={Math.floor(loaded.height * scale)} watermark={watermark} index={0}>
            <img src={loaded.url} alt={meta.name} style={{ width: '100%', height: '100%', display: 'block' }} />
          </Sheet>
        )}
      </div>
    </div>
  );
}
