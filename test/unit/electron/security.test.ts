import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  cancelDownload,
  denyFrameNavigationAway,
  denyNavigationAway,
  denyRedirectAway,
  hardenWebContents,
  isRequestAllowed,
  lockDownSession,
  permissionCheckHandler,
  permissionRequestHandler,
} from '../../../electron/security';
import { createFakeSession, FakeWebContents, navigationEvent } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

const production = { allowDevtools: false };
const development = { allowDevtools: true };

const REMOTE_AND_LOCAL_FILE_URLS = [
  'http://example.com/',
  'https://example.com/font.woff2',
  'http://127.0.0.1:8080/',
  'http://localhost/',
  'ws://example.com/socket',
  'wss://example.com/socket',
  'ftp://example.com/file.txt',
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  'chrome://settings',
  'javascript:alert(1)',
  'app://evil/index.html', // our scheme, someone else's host
  'app://wenshu:8080/index.html',
  'not a url',
];

function lockedSession() {
  const fake = createFakeSession();
  lockDownSession(fake as unknown as Session, production);
  return fake;
}

describe('webRequest: only app:// leaves the renderer', () => {
  it.each(REMOTE_AND_LOCAL_FILE_URLS)('cancels %s', (url) => {
    expect(isRequestAllowed(url, production)).toBe(false);
    expect(isRequestAllowed(url, development)).toBe(false);
  });

  it.each(['app://wenshu/index.html', 'app://wenshu/assets/index-abc.js', 'app://wenshu/x.wasm'])(
    'allows %s',
    (url) => {
      expect(isRequestAllowed(url, production)).toBe(true);
    },
  );

  it('allows in-memory data: and blob: URLs, which reach no other machine', () => {
    expect(isRequestAllowed('data:image/png;base64,AAAA', production)).toBe(true);
    expect(isRequestAllowed('blob:app://wenshu/1b2c', production)).toBe(true);
  });

  it('allows devtools:// in development only', () => {
    const url = 'devtools://devtools/bundled/devtools_app.html';
    expect(isRequestAllowed(url, production)).toBe(false);
    expect(isRequestAllowed(url, development)).toBe(true);
  });

  it('the listener registered on the session cancels http, https, ws, wss, ftp and file', () => {
    const session = lockedSession();
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as (
      details: { url: string },
      callback: (response: { cancel: boolean }) => void,
    ) => void;
    expect(listener).toBeTypeOf('function');
    const decide = (url: string) => {
      const callback = vi.fn();
      listener({ url }, callback);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]?.[0] as { cancel: boolean };
    };
    for (const url of [
      'http://example.com/',
      'https://example.com/',
      'ws://example.com/',
      'wss://example.com/',
      'ftp://example.com/',
      'file:///etc/passwd',
    ]) {
      expect(decide(url), url).toEqual({ cancel: true });
    }
    expect(decide('app://wenshu/index.html')).toEqual({ cancel: false });
  });
});

describe('navigation: the window never leaves the app page', () => {
  it.each([
    'https://example.com/',
    'http://127.0.0.1/',
    'file:///etc/passwd',
    'file:///C:/Users/secretary/Desktop/',
    'app://wenshu/other.html',
    'app://evil/index.html',
    'javascript:alert(1)',
    'about:blank',
  ])('will-navigate to %s is prevented', (url) => {
    const contents = new FakeWebContents();
    hardenWebContents(contents.asWebContents());
    const event = navigationEvent(url);
    contents.emit('will-navigate', event, url);
    expect(event.prevented).toBe(true);
  });

  it('will-navigate to the app page itself is let through', () => {
    const event = navigationEvent('app://wenshu/index.html');
    denyNavigationAway(event);
    expect(event.prevented).toBe(false);
  });

  it('will-redirect away from app:// is prevented', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents.asWebContents());
    for (const url of ['https://example.com/', 'file:///etc/passwd']) {
      const event = navigationEvent(url);
      contents.emit('will-redirect', event, url);
      expect(event.prevented, url).toBe(true);
    }
    const inside = navigationEvent('app://wenshu/index.html');
    denyRedirectAway(inside);
    expect(inside.prevented).toBe(false);
  });

  it('will-frame-navigate: subframes stay on app://wenshu, the main frame on the app page', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents.asWebContents());
    const away = navigationEvent('https://example.com/', false);
    contents.emit('will-frame-navigate', away);
    expect(away.prevented).toBe(true);
    const file = navigationEvent('file:///etc/passwd', false);
    denyFrameNavigationAway(file);
    expect(file.prevented).toBe(true);
    const mainAway = navigationEvent('app://wenshu/other.html', true);
    denyFrameNavigationAway(mainAway);
    expect(mainAway.prevented).toBe(true);
    const printFrame = navigationEvent('app://wenshu/index.html', false);
    denyFrameNavigationAway(printFrame);
    expect(printFrame.prevented).toBe(false);
  });

  it('window.open is denied, whatever the URL', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents.asWebContents());
    for (const url of ['https://example.com/', 'app://wenshu/index.html', 'file:///etc/passwd']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('attaching a <webview> is prevented', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents.asWebContents());
    const event = navigationEvent('https://example.com/');
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.prevented).toBe(true);
  });
});

describe('permissions', () => {
  const PERMISSIONS = [
    'media',
    'geolocation',
    'notifications',
    'midi',
    'openExternal',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'unknown',
  ];

  it.each(PERMISSIONS)('a request for %s is denied', (permission) => {
    const session = lockedSession();
    const handler = session.setPermissionRequestHandler.mock.calls[0]?.[0] as typeof permissionRequestHandler;
    expect(handler).toBe(permissionRequestHandler);
    const callback = vi.fn();
    handler(new FakeWebContents().asWebContents(), permission, callback, {
      requestingUrl: 'app://wenshu/index.html',
    });
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(PERMISSIONS)('a check for %s is denied', (permission) => {
    const session = lockedSession();
    const handler = session.setPermissionCheckHandler.mock.calls[0]?.[0] as typeof permissionCheckHandler;
    expect(handler).toBe(permissionCheckHandler);
    expect(handler(null, permission, 'app://wenshu')).toBe(false);
    expect(handler(null, permission, 'https://example.com')).toBe(false);
  });

  it('persistent storage (no eviction of the registers) is granted to app://wenshu only', () => {
    const callback = vi.fn();
    permissionRequestHandler(new FakeWebContents().asWebContents(), 'persistent-storage', callback, {
      requestingUrl: 'app://wenshu/index.html',
    });
    expect(callback).toHaveBeenCalledWith(true);
    expect(permissionCheckHandler(null, 'persistent-storage', 'app://wenshu')).toBe(true);
    expect(permissionCheckHandler(null, 'persistent-storage', 'https://example.com')).toBe(false);
    expect(permissionCheckHandler(null, 'persistent-storage', 'file:///')).toBe(false);
  });

  it('device access (HID, serial, USB) is denied', () => {
    const session = lockedSession();
    const handler = session.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(handler()).toBe(false);
  });
});

describe('spellchecker', () => {
  it('is disabled and its dictionary URL points at no network', () => {
    const session = lockedSession();
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    const url = session.setSpellCheckerDictionaryDownloadURL.mock.calls[0]?.[0] as string;
    expect(new URL(url).protocol).toBe('app:');
    expect(isRequestAllowed(url, production)).toBe(true); // served (as 404) by our own scheme
  });
});

describe('downloads: the app starts none, so every will-download is cancelled', () => {
  function fakeDownload() {
    const event = { prevented: false, preventDefault: vi.fn(() => void (event.prevented = true)) };
    const item = { cancel: vi.fn(), getURL: () => 'https://example.com/payload.exe' };
    return { event, item };
  }

  it('lockDownSession registers a will-download handler that cancels the download', () => {
    const session = lockedSession();
    const registrations = session.on.mock.calls.filter((call) => call[0] === 'will-download');
    expect(registrations).toHaveLength(1);
    const handler = registrations[0]?.[1] as (
      event: unknown,
      item: unknown,
      webContents: unknown,
    ) => void;
    expect(handler).toBeTypeOf('function');
    for (const url of ['https://example.com/payload.exe', 'blob:app://wenshu/1b2c', 'app://wenshu/x']) {
      const { event, item } = fakeDownload();
      item.getURL = () => url;
      handler(event, item, new FakeWebContents().asWebContents());
      expect(event.prevented, url).toBe(true);
      expect(item.cancel, url).toHaveBeenCalledTimes(1);
    }
  });

  it('cancelDownload both prevents the default and cancels the item', () => {
    const { event, item } = fakeDownload();
    cancelDownload(event, item);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(item.cancel).toHaveBeenCalledTimes(1);
  });
});
