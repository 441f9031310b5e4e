import { Alert, Tag } from 'antd';
import { parseArchiveCode } from '@shared/domain/filing';
import type { FiledMarker } from '@shared/domain/filing-types';

// A filed 收文 or 纪要 (issue #14): it shows 已归档 with its 档号 wherever its state shows, and a
// refused 更正 points to the one place a filed 件 is corrected, its entry in the 归档文件目录
// (the 归档 page opens that entry's 更正 from ?correct=<档号>).

/** The 归档 page on the 件's catalogue, asking to open its 更正. */
export function archiveCorrectionHref(archiveCode: string): string {
  const year = parseArchiveCode(archiveCode)?.year;
  return `#/filing?${year ? `year=${year}&` : ''}tab=catalogue&correct=${encodeURIComponent(archiveCode)}`;
}

/** 已归档 and the 档号, in place of (or beside) the state tag. */
export function FiledTag({ filed }: { filed: FiledMarker }) {
  return (
    <Tag color="gold" title={`档号 ${filed.archiveCode}`}>
      已归档 {filed.archiveCode}
    </Tag>
  );
}

/** 已归档 in a list's 状态 column (narrow): the 档号 in its tooltip. */
export function FiledStateTag({ archiveCode }: { archiveCode: string }) {
  return (
    <Tag color="gold" title={`档号 ${archiveCode}`}>
      已归档
    </Tag>
  );
}

/** A refusal to change a record, with the link to 归档更正 when the record is filed. */
export function RefusalAlert({ message, filed, onClose }: { message: string; filed?: FiledMarker | undefined; onClose?: () => void }) {
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={message}
      {...(filed ? { description: <a href={archiveCorrectionHref(filed.archiveCode)}>到“归档”办理更正（档号 {filed.archiveCode}）</a> } : {})}
      {...(onClose ? { closable: { onClose } } : {})}
    />
  );
}
