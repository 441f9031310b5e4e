import type { AttachmentPrintPage } from '../print/AttachmentPrintSheet';
import { loadPdfJs, pdfParams } from './pdfjs';

// A kept file as page images for printing or for a watermarked copy: PDF pages drawn by pdf.js at
// 150 dpi (enough for a scanned page on A4), an image file as it is. The caller revokes the URLs
// with releasePages once the print is done.

const PRINT_DPI = 150;

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('页面图像生成失败'))), 'image/jpeg', 0.9));
}

/** Waits until the image can be drawn: a print must never catch a page still decoding. */
async function decoded(url: string): Promise<{ width: number; height: number }> {
  const img = new Image();
  img.src = url;
  await img.decode();
  return { width: img.naturalWidth, height: img.naturalHeight };
}

export async function pagesForPrint(blob: Blob, type: string): Promise<AttachmentPrintPage[]> {
  if (type === 'image/jpeg' || type === 'image/png') {
    const url = URL.createObjectURL(blob);
    return [{ url, ...(await decoded(url)) }];
  }
  if (type !== 'application/pdf') throw new Error('OFD 文件不能在本系统中打印：请另存后用版式阅读器打开');
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(pdfParams(new Uint8Array(await blob.arrayBuffer())));
  const pages: AttachmentPrintPage[] = [];
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: PRINT_DPI / 72 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      // White paper under the page (JPEG has no transparency).
      const ctx = canvas.getContext('2d');
      if (ctx) {
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
      }
      await page.render({ canvas, viewport }).promise;
      const url = URL.createObjectURL(await canvasBlob(canvas));
      pages.push({ url, ...(await decoded(url)) });
      page.cleanup();
    }
    return pages;
  } catch (e) {
    releasePages(pages);
    throw e;
  } finally {
    await task.destroy();
  }
}

export function releasePages(pages: readonly AttachmentPrintPage[]): void {
  for (const p of pages) URL.revokeObjectURL(p.url);
}
