import { App, Button } from 'antd';
import { useState } from 'react';
import { isClassified } from '@shared/domain/enums';
import type { OutgoingRecord } from '@shared/domain/outgoing-types';
import { useDb } from '../../db/DbContext';
import { useSend } from '../../db/commands/use-send';
import { getOutgoingSeries } from '../../db/repositories/outgoing';
import { getUnitInfo } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/context';
import { watermarkText } from '../../print/watermark';
import { errorText } from '../../ui/error-text';
import { useActor } from '../../ui/session';

/** 导出红头文件: the 发文 as a GB/T 9704 Word file, saved where the user picks; logged (with the watermark text when classified). */
export function RedheadButton({ record }: { record: OutgoingRecord }) {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const series = (await getOutgoingSeries(db)).find((s) => s.id === record.seriesId);
      if (!series) throw new Error('找不到本件的发文字号设置');
      const unit = await getUnitInfo(db);
      // The Word writer loads only when a file is exported.
      const { buildRedheadDocx } = await import('./redhead-docx');
      const watermark = watermarkText(actor, new Date());
      const classified = isClassified(record.classification);
      const bytes = await buildRedheadDocx(record, series, { unitName: unit?.name ?? '', ...(classified ? { watermark } : {}) });
      const saved = await platform.saveFile({ suggestedName: `${record.docNumber ?? record.title}.docx`, data: bytes, filters: [{ name: 'Word 文档', extensions: ['docx'] }] });
      if (saved.saved) {
        // Logged once the file is written (a cancelled save dialog is not an export).
        await send('output.record', {
          kind: '导出DOCX',
          document: '发文红头文件',
          records: [{ id: record.id, serial: record.docNumber ?? '未编号', classification: record.classification }],
          path: saved.path,
          watermark: classified ? watermark : null,
        });
        void message.success('已导出红头文件');
      }
    } catch (e) {
      void message.error(`导出失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button loading={busy} onClick={() => void run()}>
      导出红头文件
    </Button>
  );
}
