import { App, Button } from 'antd';
import { useState } from 'react';
import { isClassified } from '@shared/domain/enums';
import { currentMinutes } from '@shared/domain/meeting';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { useDb } from '../../db/DbContext';
import { useSend } from '../../db/commands/use-send';
import { getMeetingSettings } from '../../db/repositories/meetings';
import { getUnitInfo } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/context';
import { watermarkText } from '../../print/watermark';
import { useActor } from '../../ui/session';
import { errorText } from './meeting-ui';

/** 导出Word: the minutes as .docx (draft or issued), saved where the user picks; logged, watermarked when classified. */
export function ExportDocxButton({ meeting }: { meeting: MeetingRecord }) {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    const minutes = currentMinutes(meeting);
    if (!minutes) return;
    setBusy(true);
    try {
      const { buildMinutesDocx } = await import('./minutes-docx');
      const watermark = watermarkText(actor, new Date());
      const classified = isClassified(meeting.classification);
      const unit = await getUnitInfo(db);
      const content = meeting.issued ? { ...meeting.issued } : minutes;
      const { printedBy } = await getMeetingSettings(db);
      const bytes = await buildMinutesDocx(meeting, content, unit?.name ?? '', { draft: !meeting.issued, ...(printedBy ? { printedBy } : {}), ...(classified ? { watermark } : {}) });
      const name = [minutes.title, meeting.issued?.number ?? '草稿'].join('-');
      const saved = await platform.saveFile({ suggestedName: `${name}.docx`, data: bytes, filters: [{ name: 'Word 文档', extensions: ['docx'] }] });
      if (saved.saved) {
        // Logged once the file is written (a cancelled save dialog is not an export).
        await send('output.record', { kind: '导出DOCX', document: '会议纪要', meetingId: meeting.id, path: saved.path, watermark });
        void message.success('已导出 Word 文档');
      }
    } catch (e) {
      void message.error(`导出失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button loading={busy} onClick={() => void run()}>
      导出Word
    </Button>
  );
}
