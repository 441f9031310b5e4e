import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { contributionsFor, FEATURES } from '../../../renderer/app/features';
import { SettingsPage } from '../../../renderer/features/settings/SettingsPage';
import { PlatformProvider } from '../../../renderer/platform/context';
import { createTestingPlatform } from '../../../renderer/platform/testing';
import type { LanLinkCapability, LanLinkView } from '../../../renderer/platform/types';
import { freshDb, renderComponent } from '../render-component';

// 设置 → 局域网 (issue #19): the 系统管理员 pairs this PC with the office LAN server. The main
// process (tested against a real server in test/unit/electron/lan-link.test.ts) is scripted here.

const NOW = new Date(2026, 11, 7, 10, 0);
const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');

async function office(): Promise<{ db: WenshuDB; admin: Actor }> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  return { db, admin };
}

/** A main process that answers pairing as told, and remembers the link. */
function scriptedLan(answers: Awaited<ReturnType<LanLinkCapability['pair']>>[]) {
  let link: LanLinkView = null;
  const lan = {
    link: vi.fn(async () => link),
    pair: vi.fn(async () => {
      const a = answers.shift()!;
      if (a.ok) link = a.link;
      return a;
    }),
    post: vi.fn(),
    unpair: vi.fn(async () => {
      link = null;
    }),
  } satisfies LanLinkCapability;
  return lan;
}

async function openLan(db: WenshuDB, admin: Actor, lan: LanLinkCapability | null) {
  const platform = { ...createTestingPlatform(), lan };
  const r = await renderComponent(db, admin, <PlatformProvider platform={platform}><SettingsPage tabs={contributionsFor(FEATURES, admin).settingsTabs} /></PlatformProvider>, { at: '/settings' });
  await r.user.click(await screen.findByRole('tab', { name: '局域网' }));
  return r.user;
}

async function auditActions(db: WenshuDB): Promise<string[]> {
  return (await db.auditLog.orderBy('seq').toArray()).map((e) => `${e.action} ${e.summary}`);
}

describe('设置 → 局域网', () => {
  test('bad input is refused beside its field and nothing is sent; a wrong fingerprint from main is shown beside 证书指纹; then it pairs, says sync is 未完成, and is logged', async () => {
    const { db, admin } = await office();
    const link = { host: '192.168.1.10', port: 8443, fingerprint: FINGERPRINT, seatId: 'seat-1', name: '办公室张秘书的电脑' };
    const lan = scriptedLan([
      { ok: false, status: 0, message: '服务器证书指纹不符：服务器出示的是 AA:…', field: 'fingerprint' },
      { ok: true, link },
    ]);
    const user = await openLan(db, admin, lan);
    expect(await screen.findByText(/的同步尚未完成（未完成）/)).toBeInTheDocument();
    const form = await screen.findByRole('form', { name: '与局域网服务器配对' });
    await user.type(within(form).getByLabelText('服务器地址'), '192.168.1.10');
    await user.type(within(form).getByLabelText('配对码'), '1234-5678');
    await user.type(within(form).getByLabelText('证书指纹'), 'not a fingerprint');
    await user.type(within(form).getByLabelText('本机名称'), '办公室张秘书的电脑');
    await user.click(within(form).getByRole('button', { name: '配对' }));
    expect(await within(form).findByText('配对码为 12 位数字（服务器启动时显示）')).toBeInTheDocument();
    expect(within(form).getByText(/证书指纹为 64 位十六进制数/)).toBeInTheDocument();
    expect(lan.pair).not.toHaveBeenCalled();

    await user.clear(within(form).getByLabelText('配对码'));
    await user.type(within(form).getByLabelText('配对码'), '1234-5678-9012');
    await user.clear(within(form).getByLabelText('证书指纹'));
    await user.type(within(form).getByLabelText('证书指纹'), FINGERPRINT.toLowerCase().replaceAll(':', ' '));
    await user.click(within(form).getByRole('button', { name: '配对' }));
    expect(await within(form).findByText(/服务器证书指纹不符/)).toBeInTheDocument();
    expect(within(form).getByLabelText('证书指纹')).toHaveAttribute('aria-invalid', 'true');
    expect(lan.pair).toHaveBeenLastCalledWith({ host: '192.168.1.10', port: 8443, code: '123456789012', fingerprint: FINGERPRINT, name: '办公室张秘书的电脑', dataKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) });
    expect(await auditActions(db)).not.toContainEqual(expect.stringContaining('局域网'));

    await user.click(within(form).getByRole('button', { name: '配对' }));
    const shown = await screen.findByLabelText('局域网配对');
    expect(shown).toHaveTextContent('https://192.168.1.10:8443');
    expect(shown).toHaveTextContent(FINGERPRINT);
    await waitFor(async () => expect(await auditActions(db)).toContainEqual(`与局域网服务器配对 服务器 192.168.1.10:8443；证书指纹 ${FINGERPRINT}；本机名称 办公室张秘书的电脑`));

    await user.click(screen.getByRole('button', { name: '解除配对' }));
    // The question, then its own 解除配对.
    await screen.findByText(/服务器将停用本座席/);
    await user.click(screen.getAllByRole('button', { name: '解除配对' }).at(-1)!);
    await waitFor(() => expect(lan.unpair).toHaveBeenCalled());
    expect(await screen.findByRole('form', { name: '与局域网服务器配对' })).toBeInTheDocument();
    await waitFor(async () => expect(await auditActions(db)).toContainEqual(expect.stringMatching(/^解除局域网配对 服务器 192\.168\.1\.10:8443/)));
  });

  test('in the browser build (no LAN link) it says this PC is standalone, with no form', async () => {
    const { db, admin } = await office();
    await openLan(db, admin, null);
    expect(await screen.findByText('本机为单机模式')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: '与局域网服务器配对' })).toBeNull();
  });
});
