import { Alert, Button, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { AttachmentMeta } from '@shared/domain/attachment-types';
import { isClassified, type Classification } from '@shared/domain/enums';
import { getAttachment, openAttachment } from '../db/repositories/attachments';
import { useDb } from '../db/DbContext';
import { useActor } from '../ui/session';
import { pagesForPrint, releasePages } from '../ui/attachment-pages';
import { errorText } from '../ui/error-text';
import type { AttachmentPrintPage as PageImage } from './AttachmentPrintSheet';
import { AttachmentPrintSheet } from './AttachmentPrintSheet';
import { PrintPage } from './PrintPage';

// 打印 / 另存 of a kept file as a copy (issue #17 §2), through the one print page: the file's pages
// as A4 sheets, a classified record's with the watermark and a 打印份号 taken before the copy
// leaves (voided if the dialog is cancelled). 打印 goes to the printer; 导出PDF makes the copy as a
// PDF (the watermarked, numbered 另存 of a classified record's file). Both are logged
// (output.record: 附件打印 / 附件另存).

export interface AttachmentPrintPageProps {
  attachment: AttachmentMeta;
  /** The record's number (收文编号 etc.), printed on every page; never its title. */
  recordNumber: string;
  classification: Classification;
  /** 'save': opened by 另存 (a classified record's file is saved as this copy, through 导出PDF). */
  purpose?: 'print' | 'save';
  onClose: () => void;
}

export function AttachmentPrintPage({ attachment, recordNumber, classification, purpose = 'print', onClose }: AttachmentPrintPageProps) {
  const db = useDb();
  const actor = useActor();
  const [pages, setPages] = useState<{ id: string; pages: PageImage[] } | { id: string; error: string } | null>(null);

  // The pages are drawn once, before the preview shows: a print never catches a page still drawing.
  useEffect(() => {
    let live = true;
    let made: PageImage[] = [];
    void (async () => {
      try {
        made = await pagesForPrint(await openAttachment(db, actor, attachment.id), attachment.type);
        if (live) setPages({ id: attachment.id, pages: made });
        else releasePages(made);
      } catch (e) {
        if (live) setPages({ id: attachment.id, error: errorText(e) });
      }
    })();
    return () => {
      live = false;
      releasePages(made);
    };
  }, [db, actor, attachment.id, attachment.type]);

  const ready = pages?.id === attachment.id ? pages : null;
  if (!ready || 'error' in ready) {
    return (
      <Modal open title={`打印附件：${attachment.name}`} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
        {ready ? <Alert type="error" showIcon title={`无法打印：${ready.error}`} /> : <Spin tip="正在准备打印页面…" style={{ display: 'block', margin: '24px auto' }} />}
      </Modal>
    );
  }
  const classified = isClassified(classification);
  return (
    <PrintPage
      deps={[attachment.id, ready]}
      // Read again as the signed-in user: a print is refused outside the need to know.
      load={async (d, a) => ({ meta: await getAttachment(d, a, attachment.id), pages: ready.pages })}
      name={({ meta }) => `${recordNumber}-${meta.name.replace(/\.[^.]+$/, '')}`}
      onClose={onClose}
      classified={() => classified}
      extra={() =>
        purpose === 'save' && classified ? (
          <span role="note">涉密附件只能另存为加水印、编号的副本：请点“导出PDF”</span>
        ) : null
      }
      output={({ meta }, how) => ({
        kind: how.kind === '导出PDF' ? '附件另存' : '附件打印',
        attachmentId: meta.id,
        ...(how.path ? { path: how.path } : {}),
        watermark: how.watermark,
      })}
    >
      {({ meta, pages: images }, stamp) => (
        <AttachmentPrintSheet
          pages={images}
          recordNumber={recordNumber}
          classificationMark={classified ? classification : ''}
          fileName={meta.name}
          copyNumber={stamp.copyNumber}
          {...(stamp.watermark ? { watermark: stamp.watermark } : {})}
        />
      )}
    </PrintPage>
  );
}
