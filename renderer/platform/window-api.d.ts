// window.wenshu exists only inside the Electron shell (electron/preload.ts exposes it).
import type { WenshuApi } from '../../shared/ipc';

declare global {
  interface Window {
    wenshu?: WenshuApi;
  }
}

export {};
