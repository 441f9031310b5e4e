import { createBrowserPlatform } from './browser';
import { createElectronPlatform } from './electron';
import type { Platform } from './types';

export type { Platform } from './types';

let current: Platform | null = null;

/** The platform the app runs on: Electron when the preload exposed window.wenshu, else the browser. */
export function platform(): Platform {
  current ??= window.wenshu ? createElectronPlatform(window.wenshu) : createBrowserPlatform();
  return current;
}
