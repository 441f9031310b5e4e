import { Button } from 'antd';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import { useNavigate } from 'react-router';

/** Opens the 收文处理笺 print preview (A4) for this record. */
export function PrintSlipButton({ record }: { record: IncomingRecord }) {
  const navigate = useNavigate();
  return <Button onClick={() => navigate(`/incoming/${record.id}/print`)}>打印</Button>;
}
