import { Table, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { catalogueLines, type CatalogueLine } from '@shared/domain/filing';
import { useDb } from '../../app/DbContext';
import { listArchive } from '../../db/repositories/filing';
import { useActor } from '../auth/AuthContext';

type Line = CatalogueLine & { box: number };

/** 归档文件目录 of `year`: every filed 件 in 档号 order as the repository returns it (序号 = position). */
export function CatalogueTable({ year }: { year: number }) {
  const db = useDb();
  const actor = useActor();
  const lines = useLiveQuery(async () => {
    const { entries } = await listArchive(db, actor, year);
    return catalogueLines(entries).map((l, i): Line => ({ ...l, box: entries[i]!.box }));
  }, [db, actor.id, year]);
  return (
    <>
      <Typography.Paragraph type="secondary">{lines ? `${year} 年度共 ${lines.length} 件` : ' '}</Typography.Paragraph>
      <Table<Line>
        rowKey="archiveCode"
        size="small"
        aria-label="归档文件目录"
        loading={!lines}
        dataSource={lines ?? []}
        scroll={{ x: 1200 }}
        pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: '序号', key: 'serial', width: 60, render: (_, l) => l.serial },
          { title: '档号', key: 'archiveCode', width: 230, render: (_, l) => l.archiveCode },
          { title: '文号', key: 'docNumber', width: 160, render: (_, l) => l.docNumber },
          { title: '责任者', key: 'responsible', width: 160, render: (_, l) => l.responsible },
          { title: '题名', key: 'title', render: (_, l) => l.title },
          { title: '日期', key: 'date', width: 90, render: (_, l) => l.date },
          { title: '密级', key: 'classification', width: 60, render: (_, l) => l.classification },
          { title: '页数', key: 'pages', width: 60, render: (_, l) => l.pages },
          { title: '备注', key: 'remarks', width: 120, render: (_, l) => l.remarks },
          { title: '盒号', key: 'box', width: 60, render: (_, l) => l.box },
        ]}
      />
    </>
  );
}
