import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LockOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Input, InputNumber, Table } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { afterEach, describe, expect, test } from 'vitest';
import { chineseAriaLabel, installChineseAriaLabels } from '../../../renderer/ui/zh-aria';

// Screen-reader labels antd writes in English whatever the locale: put in Chinese (issue #14).

let stop: (() => void) | null = null;
afterEach(() => stop?.());

describe('chineseAriaLabel', () => {
  test('the English labels antd writes itself, and nothing else', () => {
    expect(chineseAriaLabel('Select row 3')).toBe('选择第 3 行');
    expect(chineseAriaLabel('Row 12 selected')).toBe('已选第 12 行');
    expect(chineseAriaLabel('Select all')).toBe('全选本页');
    expect(chineseAriaLabel('Increase Value')).toBe('增加');
    expect(chineseAriaLabel('Decrease Value')).toBe('减少');
    expect(chineseAriaLabel('search')).toBe('查找');
    for (const own of ['收文登记', '搜索', 'Select row', '督办事项']) expect(chineseAriaLabel(own)).toBeNull();
  });
});

describe('installChineseAriaLabels', () => {
  test('a selectable table and a number field read in Chinese, also after a row is ticked', async () => {
    stop = installChineseAriaLabels(document.body);
    const user = userEvent.setup();
    render(
      <ConfigProvider locale={zhCN}>
        <Table
          rowKey="id"
          rowSelection={{}}
          pagination={false}
          dataSource={[{ id: 'a', n: '收〔2026〕0001' }, { id: 'b', n: '收〔2026〕0002' }]}
          columns={[{ title: '收文编号', dataIndex: 'n' }]}
        />
        <InputNumber aria-label="办理时限" />
        <Button icon={<LockOutlined />}>锁定</Button>
        <Input.Search aria-label="搜索" />
      </ConfigProvider>,
    );
    await waitFor(() => expect(screen.getByRole('checkbox', { name: '全选本页' })).toBeInTheDocument());
    expect(screen.getByRole('checkbox', { name: '选择第 1 行' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: '选择第 2 行' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '增加' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '减少' })).toBeInTheDocument();
    // An icon beside the button's words adds nothing; a button that is only an icon is named by it.
    expect(screen.getByRole('button', { name: '锁定' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '查找' })).toBeInTheDocument();
    expect(screen.getByLabelText('搜索')).toHaveRole('searchbox');
    await user.click(screen.getByRole('checkbox', { name: '选择第 2 行' }));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: '已选第 2 行' })).toBeChecked());
    expect(document.querySelectorAll('[aria-label^="Select"], [aria-label$="Value"], [aria-label^="Row "]')).toHaveLength(0);
  });
});
