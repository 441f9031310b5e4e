import type { ComponentType } from 'react';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import type { OutgoingRecord } from '@shared/domain/outgoing-types';
import type { AnyRegister, RegisterRow } from '@shared/domain/registers';
import type { SlipLayout } from '@shared/domain/slip-layout';

// The document a filed 件 is, as it prints: the layout its register names in filing.packageDocument
// (收文处理笺 for a 收文, 发文稿纸 for a 发文, the issued 纪要 for a meeting). One map for the 归档包's PDFs and for a
// filed 件 printed from 档案查阅. Each layout module loads only when asked (with the print font).
// The office's print settings (the 收文处理笺 layout of 设置 → 打印) are given by the caller.

export interface FiledDocumentSettings {
  slipLayout?: SlipLayout;
}

export interface FiledDocumentProps {
  /** The source record, of the register the layout was asked for. */
  record: RegisterRow;
  unitName: string;
  /** Classified content only: who printed it and when. */
  watermark?: string;
}

export interface FiledDocumentLayout {
  /** Whether this record has the document (a meeting without issued minutes has none). */
  applies(record: RegisterRow): boolean;
  Component: ComponentType<FiledDocumentProps>;
}

const mark = (watermark: string | undefined) => (watermark ? { watermark } : {});

// The register that names a layout stores rows of that layout's type (the registry is data).
const LAYOUTS: Readonly<Record<string, (settings: FiledDocumentSettings) => Promise<FiledDocumentLayout>>> = {
  'incoming-slip': async ({ slipLayout }) => {
    const { IncomingSlip } = await import('./IncomingSlip');
    const layout = slipLayout ? { layout: slipLayout } : {};
    return {
      applies: () => true,
      Component: ({ record, unitName, watermark }) => <IncomingSlip record={record as IncomingRecord} unitName={unitName} {...layout} {...mark(watermark)} />,
    };
  },
  // 发文: the 定稿's 发文稿纸 (签发 and the procedure on it) is the 件's PDF.
  'outgoing-slip': async () => {
    const { OutgoingSlip } = await import('./OutgoingSlip');
    return {
      applies: () => true,
      Component: ({ record, unitName, watermark }) => <OutgoingSlip record={record as OutgoingRecord} unitName={unitName} {...mark(watermark)} />,
    };
  },
  minutes: async () => {
    const { MinutesDocument } = await import('./MinutesDocument');
    return {
      applies: (record) => !!(record as MeetingRecord).issued,
      Component: ({ record, unitName, watermark }) => {
        const meeting = record as MeetingRecord;
        return meeting.issued ? <MinutesDocument meeting={meeting} minutes={meeting.issued} unitName={unitName} {...mark(watermark)} /> : null;
      },
    };
  },
};

/** The layout of `register`'s filed document, or null when it files none (or has no layout here). */
export async function filedDocumentLayout(register: AnyRegister | null, settings: FiledDocumentSettings = {}): Promise<FiledDocumentLayout | null> {
  const id = register?.filing?.packageDocument;
  const load = id ? LAYOUTS[id] : undefined;
  return load ? load(settings) : null;
}
