import { Empty, Spin } from 'antd';
import { useLiveQuery } from '../db/live';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router';
import { useDb } from '../db/DbContext';
import { useActor } from '../ui/session';
import type { WenshuDB } from '../db/database';
import { send } from '../db/commands/client';
import type { OutputInput } from '../db/repositories/output';
import type { Actor } from '../db/types';
import type { PrintMode, PrintOutcome } from './print-job';
import { watermarkText } from './watermark';

// The one print page: every preview of a print (收文处理笺, 登记簿, 纪要, 签到表, 催办单, 通报, 归档
// prints, carrier prints) is this wrapper around its document. It loads the data, shows the A4
// preview (the print module, with the bundled print font, loads only now), stamps classified
// content with the watermark of who printed it and when (the time of printing), waits for the
// fonts (printMountedRoot does), and logs the output (the command output.record) once it has happened:
// a cancelled save dialog or print dialog logs nothing, where the platform can tell.
//
// A numbered copy (a carrier print; a classified record's attachment printed or saved) is the one
// output logged before it is printed: its 打印份号 must be on the paper. If that print is then
// cancelled, the number is voided in the log (never reused).

const PrintPreview = lazy(() => import('./PrintDocument').then((m) => ({ default: m.PrintPreview })));

const NOTHING: unique symbol = Symbol('nothing to print');

/** What a loader returns when there is nothing to print (made by nothingToPrint). */
export interface NothingToPrint {
  readonly [NOTHING]: true;
  empty: string;
  back?: string;
}

/** What the document is stamped with at the time of printing. */
export interface PrintStamp {
  /** Set when the content is classified (see `classified`). */
  watermark?: string;
  /** The 打印份号 of a numbered carrier copy; '' until 打印 takes it. */
  copyNumber: string;
}

/** The output as it happened, for `output` to describe. */
export interface PrintedHow {
  kind: '打印' | '导出PDF';
  /** The saved PDF's path, when the platform saved one. */
  path?: string;
  /** The watermark that was on the paper (classified content only). */
  watermark: string | null;
}

export interface PrintPageProps<T> {
  /** Reads what is printed, as the signed-in user; re-read when `deps` change. nothingToPrint(...): shown instead. */
  load: (db: WenshuDB, actor: Actor) => Promise<T | NothingToPrint>;
  deps: readonly unknown[];
  /** The PDF's file name without ".pdf". */
  name: (data: T) => string;
  /** Where 关闭 goes. */
  back?: (data: T) => string;
  /** What 关闭 does instead of going to `back` (a preview opened over a page, e.g. an attachment's). */
  onClose?: () => void;
  /** Whether the printed content is classified: it then carries the watermark. */
  classified: (data: T) => boolean;
  /**
   * The audit entry of this output (output.record's input). A '载体打印', and a classified
   * record's '附件打印' / '附件另存', is numbered before printing.
   */
  output: (data: T, how: PrintedHow) => OutputInput;
  /** The document, stamped. */
  children: (data: T, stamp: PrintStamp) => ReactNode;
  /** More controls for the preview's tool bar (e.g. the 收文登记簿's column chooser, the label printer). */
  extra?: (data: T) => ReactNode;
  /** Why the document may not be printed as it stands; null when it may. */
  blocked?: (data: T) => string | null;
}

/** A loader's answer when there is nothing to print: the text shown instead, and where 返回 goes. */
export function nothingToPrint(empty: string, back?: string): NothingToPrint {
  return { [NOTHING]: true, empty, ...(back ? { back } : {}) };
}

function isNothing(v: unknown): v is NothingToPrint {
  return typeof v === 'object' && v !== null && NOTHING in v;
}

function printedHow(mode: PrintMode, result: PrintOutcome, watermark: string | null): PrintedHow {
  return { kind: mode === 'pdf' ? '导出PDF' : '打印', ...(result.kind === 'saved' ? { path: result.path } : {}), watermark };
}

/** Outputs numbered before they leave (their 打印份号 is on the paper), and how a cancelled one is voided. */
function numbered(draft: OutputInput, classified: boolean): ((copyNumber: string) => OutputInput) | null {
  if (draft.kind === '载体打印') return (copyNumber) => ({ kind: '载体打印作废', document: draft.document, copyNumber });
  if ((draft.kind === '附件打印' || draft.kind === '附件另存') && classified) return (copyNumber) => ({ ...draft, copyNumber, cancelled: true });
  return null;
}

export function PrintPage<T>({ load, deps, name, back, onClose, classified, output, children, extra, blocked }: PrintPageProps<T>) {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const data = useLiveQuery(() => load(db, actor), [db, actor.id, ...deps]);
  const [stamp, setStamp] = useState<{ watermark: string; copyNumber: string }>(() => ({ watermark: watermarkText(actor, new Date()), copyNumber: '' }));
  const [lastCopyNumber, setLastCopyNumber] = useState('');
  if (data === undefined) return <Spin />;
  if (isNothing(data)) {
    return <Empty description={data.empty}>{data.back && <a href={`#${data.back}`}>返回</a>}</Empty>;
  }
  const marked = classified(data);
  return (
    <Suspense fallback={<Spin />}>
      <PrintPreview
        suggestedName={`${name(data)}.pdf`}
        onClose={onClose ?? (() => back && navigate(back(data)))}
        extra={
          <>
            {extra?.(data)}
            {lastCopyNumber && <span role="status">已打印，打印份号 {lastCopyNumber}</span>}
          </>
        }
        blocked={blocked?.(data) ?? null}
        onPrint={async (mode, print) => {
          const now = new Date();
          // The time on the watermark is the time of printing.
          const watermark = marked ? watermarkText(actor, now) : null;
          const draft = output(data, { kind: mode === 'pdf' ? '导出PDF' : '打印', watermark });
          const voided = numbered(draft, marked);
          if (voided) {
            const { copyNumber } = await send(db, actor, 'output.record', draft, now);
            // The number and the time of printing must be on the paper before it is printed.
            flushSync(() => setStamp({ watermark: watermark ?? stamp.watermark, copyNumber: copyNumber ?? '' }));
            try {
              const result = await print();
              if (result.kind === 'cancelled' && copyNumber) await send(db, actor, 'output.record', voided(copyNumber));
              else if (copyNumber) setLastCopyNumber(copyNumber);
            } finally {
              // The number belonged to that print: the preview is unnumbered again, so a second
              // paper (another 打印, or Ctrl+P) can never carry the same 打印份号.
              setStamp((s) => ({ ...s, copyNumber: '' }));
            }
            return;
          }
          if (watermark) flushSync(() => setStamp((s) => ({ ...s, watermark })));
          const result = await print();
          // Logged once it has left: a cancelled dialog is not an output.
          if (result.kind === 'cancelled') return;
          await send(db, actor, 'output.record', output(data, printedHow(mode, result, watermark)));
        }}
      >
        {children(data, { copyNumber: stamp.copyNumber, ...(marked ? { watermark: stamp.watermark } : {}) })}
      </PrintPreview>
    </Suspense>
  );
}
