import { Card, Form, InputNumber, Tabs } from 'antd';
import { useId, useState } from 'react';
import { can } from '@shared/domain/permissions';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../auth/AuthContext';
import { CandidatesTable } from './CandidatesTable';
import { CatalogueTable } from './CatalogueTable';
import { FilingPackagePanel } from './FilingPackagePanel';

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
    <Card title="归档">
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
          { key: 'package', label: '归档包', children: <FilingPackagePanel year={year} /> },
        ]}
      />
    </Card>
  );
}
