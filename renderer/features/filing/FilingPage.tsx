import { Alert, Card, Form, InputNumber, Tabs, Tag } from 'antd';
import { useId, useState } from 'react';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../auth/AuthContext';
import { CandidatesTable } from './CandidatesTable';
import { CatalogueTable } from './CatalogueTable';

/** What issue #6 has not built yet: said on the page, and nothing here pretends to do it. */
export const FILING_NOT_BUILT = ['归档文件目录、归档章、备考表打印', '目录导出 Excel', '归档包导出与校验', '迁移包'];

/** A 年度 the repository accepts. */
export function validYear(y: number | null | undefined): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= 1000 && y <= 9999;
}

/**
 * 归档 (DOMAIN.md §6): the 待归档 finished 收文 and issued 纪要 of a 年度, filed in a batch with
 * their 机构 and 保管期限, and the 归档文件目录 of that 年度. Only an account with 归档 rights
 * (the repository refuses everyone else, the catalogue included).
 */
export function FilingPage() {
  const actor = useActor();
  const [year, setYear] = useState<number>(() => new Date().getFullYear());
  const yearId = useId();
  if (!can(actor, 'filing.manage')) return <Forbidden />;
  return (
    <Card
      title={
        <span>
          归档 <Tag color="orange">部分未完成</Tag>
        </span>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="未完成（issue #6）"
        description={`以下功能尚未提供：${FILING_NOT_BUILT.join('；')}。`}
      />
      <Form layout="inline" component="div" style={{ marginBottom: 12 }}>
        <Form.Item label="年度" htmlFor={yearId}>
          <InputNumber<number>
            id={yearId}
            min={1000}
            max={9999}
            precision={0}
            value={year}
            onChange={(v) => {
              if (validYear(v)) setYear(v);
            }}
            style={{ width: 110 }}
          />
        </Form.Item>
      </Form>
      <Tabs
        items={[
          { key: 'candidates', label: '待归档', children: <CandidatesTable year={year} /> },
          { key: 'catalogue', label: '归档文件目录', children: <CatalogueTable year={year} /> },
        ]}
      />
    </Card>
  );
}
