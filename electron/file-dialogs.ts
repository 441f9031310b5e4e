// Native open/save dialogs. The renderer proposes a file name; only the user chooses where.

import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  type OpenDialogOptions,
  type SaveDialogOptions,
  type WebContents,
} from 'electron';
import { MAX_FILE_BYTES, type FileFilter } from '../shared/ipc';

export interface SavePathRequest {
  suggestedName: string;
  filters?: FileFilter[] | undefined;
}

/** The path the user chose in the save dialog, or null when cancelled. */
export async function askSavePath(
  contents: WebContents,
  { suggestedName, filters }: SavePathRequest,
): Promise<string | null> {
  const options: SaveDialogOptions = {
    defaultPath: path.join(app.getPath('documents'), suggestedName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
    ...(filters ? { filters } : {}),
  };
  const parent = BrowserWindow.fromWebContents(contents);
  const result = parent
    ? await dialog.showSaveDialog(parent, options)
    : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The file the user chose in the open dialog, or null when cancelled. */
export async function askOpenPath(
  contents: WebContents,
  { filters }: { filters?: FileFilter[] | undefined },
): Promise<string | null> {
  const options: OpenDialogOptions = {
    properties: ['openFile'],
    ...(filters ? { filters } : {}),
  };
  const parent = BrowserWindow.fromWebContents(contents);
  const result = parent
    ? await dialog.showOpenDialog(parent, options)
    : await dialog.showOpenDialog(options);
  const [first] = result.filePaths;
  return result.canceled || first === undefined ? null : first;
}

/** The folder the user chose (for scheduled backups), or null when cancelled. */
export async function askFolderPath(contents: WebContents): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: '选择备份文件夹',
    defaultPath: app.getPath('documents'),
    properties: ['openDirectory', 'createDirectory'],
  };
  const parent = BrowserWindow.fromWebContents(contents);
  const result = parent
    ? await dialog.showOpenDialog(parent, options)
    : await dialog.showOpenDialog(options);
  const [first] = result.filePaths;
  return result.canceled || first === undefined ? null : first;
}

/** Read a file the user chose, refusing ones too large to hand to the renderer. */
export async function readUserFile(file: string): Promise<Uint8Array> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error('所选项不是文件 (not a regular file)');
  if (info.size > MAX_FILE_BYTES) throw new Error('文件过大 (file too large)');
  return readFile(file);
}
