import { render, screen, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider, Table } from 'antd';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../renderer/db/types';
import { ellipsisColumn, useColumnChooser, type ChoosableColumn } from '../../../renderer/ui/list-columns';
import { SessionContext, type AuthState } from '../../../renderer/ui/session';

// The column chooser (列设置) of every register list: key columns on, optional ones off, the
// choice kept per user on this PC; long text cut with a tooltip holding the whole of it.

interface Row {
  id: string;
  serial: string;
  title: string;
  urgency: string;
}

const COLUMNS: ChoosableColumn<Row>[] = [
  { title: '编号', key: 'serial', fixedOn: true, render: (_, r) => r.serial },
  { ...ellipsisColumn<Row>({ text: (r) => r.title }), title: '标题', key: 'title' },
  { title: '紧急程度', key: 'urgency', optional: true, render: (_, r) => r.urgency },
];

function List() {
  const { columns, chooser } = useColumnChooser<Row>('test.list', COLUMNS);
  return (
    <>
      {chooser}
      <Table<Row> rowKey="id" aria-label="列表" pagination={false} columns={columns} dataSource={[{ id: '1', serial: '收〔2026〕0001', title: '关于印发某某县优化营商环境重点任务分工方案的通知', urgency: '特急' }]} />
    </>
  );
}

function renderAs(userId: string) {
  const actor = { id: userId, username: userId, displayName: userId, roles: ['秘书'] } as unknown as Actor;
  const auth = { actor } as unknown as AuthState;
  return render(
    <ConfigProvider theme={{ token: { motion: false } }}>
      <AntApp>
        <SessionContext.Provider value={auth}>
          <List />
        </SessionContext.Provider>
      </AntApp>
    </ConfigProvider>,
  );
}

const headers = () => within(screen.getByRole('table', { name: '列表' })).getAllByRole('columnheader').map((h) => h.textContent);
const user = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });

describe('列设置', () => {
  beforeEach(() => window.localStorage.clear());

  it('shows the key columns by default, turns an optional one on, and keeps the choice for that user only', async () => {
    const view = renderAs('u1');
    expect(headers()).toEqual(['编号', '标题']);
    const u = user();
    await u.click(screen.getByRole('button', { name: '列设置' }));
    const group = await screen.findByRole('group', { name: '显示的列' });
    // The number is always shown: not offered.
    expect(within(group).queryByRole('checkbox', { name: '编号' })).toBeNull();
    await u.click(within(group).getByRole('checkbox', { name: '紧急程度' }));
    await u.click(within(group).getByRole('checkbox', { name: '标题' }));
    expect(headers()).toEqual(['编号', '紧急程度']);
    view.unmount();

    // Back to the list later: the same columns.
    renderAs('u1');
    expect(headers()).toEqual(['编号', '紧急程度']);
  });

  it('another user on the same PC starts from the defaults; 恢复默认 restores them', async () => {
    window.localStorage.setItem('wenshu.columns.u1.test.list', JSON.stringify({ on: ['urgency'], off: ['title'] }));
    const other = renderAs('u2');
    expect(headers()).toEqual(['编号', '标题']);
    other.unmount();
    renderAs('u1');
    expect(headers()).toEqual(['编号', '紧急程度']);
    const u = user();
    await u.click(screen.getByRole('button', { name: '列设置' }));
    await u.click(await screen.findByRole('button', { name: '恢复默认' }));
    expect(headers()).toEqual(['编号', '标题']);
    expect(JSON.parse(window.localStorage.getItem('wenshu.columns.u1.test.list') ?? '{}')).toEqual({ on: [], off: [] });
  });

  it('a long title is cut in its cell and shown whole in a tooltip on hover', async () => {
    renderAs('u3');
    const u = user();
    const text = screen.getByText('关于印发某某县优化营商环境重点任务分工方案的通知');
    expect(text).toHaveStyle({ textOverflow: 'ellipsis', whiteSpace: 'nowrap' });
    await u.hover(text);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('关于印发某某县优化营商环境重点任务分工方案的通知');
  });
});
