import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, test } from 'vitest';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { WenshuDB } from '../../../renderer/db/database';
import type { Actor } from '../../../renderer/db/types';
import { PlatformProvider } from '../../../renderer/platform/context';
import { createTestingPlatform, type TestingPlatform } from '../../../renderer/platform/testing';
import { IncomingSlip } from '../../../renderer/print/IncomingSlip';
import { nothingToPrint, PrintPage } from '../../../renderer/print/PrintPage';
import { staffedOffice } from '../../unit/db/helpers';
import { renderComponent } from '../render-component';
import { fullRecord } from './fixtures';

// The one print page: it loads, watermarks classified content with who printed it and when, and
// logs the output through recordOutput only once the platform has printed it.

function slipPage(db: WenshuDB, actor: Actor, platform: TestingPlatform, record: IncomingRecord | null) {
  return renderComponent(db, actor, (
    <PlatformProvider platform={platform}>
      <PrintPage
        deps={[record?.id]}
        load={async () => (record ? { record } : nothingToPrint('没有这件收文', '/incoming'))}
        name={({ record: r }) => `收文处理笺-${r.serial}`}
        back={({ record: r }) => `/incoming/${r.id}`}
        classified={({ record: r }) => r.classification !== '非密' && r.classification !== '内部'}
        output={({ record: r }, how) => ({ ...how, document: '收文处理笺', records: [r] })}
      >
        {({ record: r }, { watermark }) => <IncomingSlip record={r} unitName="某局" {...(watermark ? { watermark } : {})} />}
      </PrintPage>
    </PlatformProvider>
  ), { at: '/print' });
}

// One office for the file (accounts take a password hash each); each test prints its own record.
let office: { db: WenshuDB; clerk: Actor };
beforeAll(async () => {
  office = await staffedOffice();
});
const open = (id: string): IncomingRecord => ({ ...fullRecord(), id, classification: '非密' });
const outputs = (db: WenshuDB, id: string) =>
  db.auditLog
    .where('action')
    .equals('打印收文处理笺')
    .filter((e) => e.entityId === id)
    .toArray();

describe('PrintPage', () => {
  test('a classified document carries the watermark; the print is logged after the platform printed it', async () => {
    const { db, clerk } = office;
    const platform = createTestingPlatform();
    let loggedWhenPrinted = -1;
    const print = platform.print.bind(platform);
    platform.print = async (req) => {
      loggedWhenPrinted = (await outputs(db, 'secret')).length;
      return print(req);
    };
    const secret = { ...fullRecord(), id: 'secret', classification: '机密' as const };
    await slipPage(db, clerk, platform, secret);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '打印' }));
    await waitFor(async () => expect(await outputs(db, 'secret')).toHaveLength(1));

    expect(loggedWhenPrinted).toBe(0);
    const [job] = platform.printed;
    expect(job!.via).toBe('print');
    // The watermark names who printed it, at the time of printing.
    expect(job!.text).toMatch(/clerk \d{4}-\d{2}-\d{2} \d{2}:\d{2} 文枢/);
    const [entry] = await outputs(db, 'secret');
    expect(entry).toMatchObject({ entityType: '收文', entityId: secret.id, actorName: 'clerk' });
    expect(entry!.summary).toContain(`${secret.serial}【机密】`);
    expect(entry!.summary).toMatch(/水印“clerk \d{4}-\d{2}-\d{2} \d{2}:\d{2} 文枢”/);
    expect(entry!.summary).not.toContain(secret.title);
    expect(entry!.details).toMatchObject({ output: '打印', document: '收文处理笺', highest: '机密' });
  });

  test('a cancelled print or save dialog logs nothing; a saved PDF is logged with its path', async () => {
    const { db, clerk } = office;
    const platform = createTestingPlatform();
    await slipPage(db, clerk, platform, open('r2'));
    const user = userEvent.setup();
    platform.answerNext('print', 'cancel');
    await user.click(await screen.findByRole('button', { name: '打印' }));
    // Both buttons are disabled while one runs: a click before the first is over would be lost.
    await waitFor(() => expect(screen.getByRole('button', { name: '打印' })).toBeEnabled());
    platform.answerNext('pdf', 'cancel');
    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '导出PDF' })).toBeEnabled());
    expect(platform.printed).toHaveLength(0);
    expect(await outputs(db, 'r2')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '导出PDF' }));
    await waitFor(async () => expect(await outputs(db, 'r2')).toHaveLength(1));
    expect(platform.saved.map((f) => f.name)).toEqual(['收文处理笺-收〔2026〕0001.pdf']);
    const [entry] = await outputs(db, 'r2');
    expect(entry!.details).toMatchObject({ output: '导出PDF', path: '/testing/收文处理笺-收〔2026〕0001.pdf' });
    // Not classified: no watermark on it, none in the log.
    expect(document.querySelector('[data-testid="print-watermark"]')).toBeNull();
    expect(entry!.summary).toBe('共 1 件');
  });

  test('where the platform cannot tell a cancelled dialog, the print counts as an output', async () => {
    const { db, clerk } = office;
    const platform = createTestingPlatform({ canMakePdf: false, canTellPrintCancelled: false });
    await slipPage(db, clerk, platform, open('r3'));
    platform.answerNext('print', 'cancel');
    await userEvent.setup().click(await screen.findByRole('button', { name: '打印' }));
    await waitFor(async () => expect(await outputs(db, 'r3')).toHaveLength(1));
  });

  test('nothing to print: says so, with the way back', async () => {
    const { db, clerk } = office;
    await slipPage(db, clerk, createTestingPlatform(), null);
    expect(await screen.findByText('没有这件收文')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '返回' })).toHaveAttribute('href', '#/incoming');
  });
});
