import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { isClassified } from '@shared/domain/enums';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { allIncomingRows } from '../../db/repositories/incoming';
import { useSend } from '../../db/commands/use-send';
import { getUnitInfo } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/context';
import { watermarkText } from '../../print/watermark';
import { useActor } from '../../ui/session';
import { toQuery, type RegisterFilters } from './RegisterList';

/** 导入 (旧 Excel 登记簿), 导出 (the filtered list to XLSX) and 打印 (收文登记簿, A4 landscape). */
export function RegisterTools({ filters, total }: { filters: RegisterFilters; total: number }) {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const today = todayIso();
      const { offset: _o, limit: _l, ...q } = toQuery(filters, 0, 0);
      const rows = await allIncomingRows(db, actor, q, today);
      const watermark = watermarkText(actor, new Date());
      const mark = rows.some((r) => isClassified(r.classification)) ? watermark : null;
      const unit = await getUnitInfo(db);
      const { buildRegisterXlsx } = await import('../../ui/xlsx');
      const bytes = await buildRegisterXlsx(rows, {
        title: `${unit?.name ?? ''}收文登记簿${filters.year ? `（${filters.year}年）` : ''}`,
        ...(mark ? { note: `含涉密内容 · ${mark}` } : {}),
      });
      const saved = await platform.saveFile({
        suggestedName: `收文登记簿-${today}.xlsx`,
        data: bytes,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      });
      if (saved.saved) {
        // Logged once the file is written (a cancelled save dialog is not an export).
        await send('output.record', { kind: '导出XLSX', document: '收文登记簿', records: rows, path: saved.path, watermark });
        void message.success(`已导出 ${rows.length} 件`);
      }
    } catch (e) {
      void message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space>
      {can(actor, 'incoming.process') && <Button onClick={() => navigate('/incoming/import')}>导入</Button>}
      <Button onClick={() => void exportXlsx()} loading={exporting} disabled={total === 0}>
        导出
      </Button>
      {/* Filters travel in the URL, so a reload of the preview prints the same list. */}
      <Button onClick={() => navigate(`/incoming/print-register?f=${encodeURIComponent(JSON.stringify(filters))}`)} disabled={total === 0}>
        打印
      </Button>
    </Space>
  );
}
