import { Card, Form, InputNumber, Tabs } from 'antd';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { patchParams } from '../../ui/patch-params';
import { CandidatesTable } from './CandidatesTable';
import { CatalogueTable } from './CatalogueTable';
import { FilingPackagePanel } from './FilingPackagePanel';
import { FILING_TABS, validYear, type FilingTab } from './filing-routes';

/**
 * 归档 (DOMAIN.md §6): the 待归档 finished 收文 and issued 纪要 of a 年度, filed in a batch with
 * their 机构 and 保管期限, and the 归档文件目录 of that 年度. Only an account with 归档 rights
 * (the repository refuses everyone else, the catalogue included); the route guard opens it with
 * the menu entry's own permission. 年度 and tab live in the URL, so coming back from a print
 * preview lands where the user was.
 */
export function FilingPage() {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('year'));
  const year = params.has('year') && validYear(raw) ? raw : new Date().getFullYear();
  const tab: FilingTab = FILING_TABS.find((t) => t === params.get('tab')) ?? 'candidates';
  const yearId = useId();
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
              if (validYear(v)) setParams(patchParams(params, { year: String(v) }), { replace: true });
            }}
            style={{ width: 110 }}
          />
        </Form.Item>
      </Form>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(patchParams(params, { tab: k }), { replace: true })}
        items={[
          { key: 'candidates', label: '待归档', children: <CandidatesTable year={year} /> },
          { key: 'catalogue', label: '归档文件目录', children: <CatalogueTable year={year} /> },
          { key: 'package', label: '归档包', children: <FilingPackagePanel year={year} /> },
        ]}
      />
    </Card>
  );
}
