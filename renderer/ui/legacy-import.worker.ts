/// <reference lib="webworker" />
import { checkSheet, fileSha256, sheetHead } from './legacy-import-core';
import type { FromWorker, ToWorker } from './legacy-import-protocol';
import { readWorkbook, type WorkbookSheet } from './xlsx';

// The legacy register import's worker: reads the workbook and keeps its sheets (only the top of
// each goes back to the wizard), then checks the chosen sheet's rows with the mapping the wizard
// sends, posting progress as it goes. It hashes the file too (SHA-256), off the main thread. Nothing here touches the database or the network.

const scope = self as unknown as DedicatedWorkerGlobalScope;
let sheets: WorkbookSheet[] = [];

const post = (m: FromWorker) => scope.postMessage(m);

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'read') {
      // Hashed before parsing (the file as picked): the import record knows it by this (issue #20).
      const sha256 = fileSha256(m.bytes);
      sheets = (await readWorkbook(m.bytes)).sheets;
      post({ id: m.id, type: 'read', sheets: sheets.map(sheetHead), sha256 });
    } else {
      const sheet = sheets[m.sheetIndex];
      if (!sheet) throw new Error('工作表不存在');
      const result = checkSheet(sheet, m.mapping, m.options, (done, total) => post({ id: m.id, type: 'progress', done, total }));
      post({ id: m.id, type: 'checked', result });
    }
  } catch (error) {
    post({ id: m.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
