import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { act, cleanup, configure } from '@testing-library/react';
import { StyleContext, type Transformer } from '@ant-design/cssinjs';
import { createElement, useContext } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, vi } from 'vitest';

// jsdom lacks a few browser APIs antd relies on; these stand-ins only answer "no match / no size".
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;

afterEach(() => cleanup());

// findBy*/waitFor give a screen 5 s to reach what the test waits for (the library's default is
// 1 s). With both cores running test files while other work shares the machine, a save or a print
// can take longer than 1 s to show, and the test failed on the wait, not on what it checks.
configure({ asyncUtilTimeout: 5000 });

// jsdom lays nothing out: of antd's styles only display, visibility and opacity change what a test
// can observe (what toBeVisible and the role queries' "inaccessible" check read). Dropping every
// other declaration keeps those answers the same, selector for selector, while jsdom no longer
// matches thousands of layout rules on each getComputedStyle (most of a screen test's time).
// Set on the style context's default, so it holds for every render of every component test
// (renderComponent, renderApp and the files' own renders alike), as a <StyleProvider
// transformers> around each of them would.
const OBSERVABLE = new Set(['display', 'visibility', 'opacity']);
const isNestedRule = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !('_keyframe' in v) && !('_skip_check_' in v) && !('_multi_value_' in v);
const visibilityOnly: Transformer = {
  visit: (style) => Object.fromEntries(Object.entries(style).filter(([key, value]) => OBSERVABLE.has(key) || isNestedRule(value))),
};
{
  // The default is the object createContext was given; useContext outside any provider returns it.
  let defaults: { transformers?: Transformer[] } | undefined;
  const Probe = () => {
    defaults = useContext(StyleContext);
    return null;
  };
  const root = createRoot(document.createElement('div'));
  act(() => root.render(createElement(Probe)));
  act(() => root.unmount());
  if (!defaults) throw new Error('setup: the style context default was not read');
  defaults.transformers = [visibilityOnly];
}

// argon2id at a test-only cost. Seeding an office (key slots, password hashes, approvals, first
// password changes) and every sign-in run argon2id a few dozen times per file at the production
// cost (19 MiB, 2 passes; 64 MiB for backups), a tenth of the suite's CPU time, none of it about
// a screen. Here every argon2id runs the same algorithm over 64 KiB in 1 pass: hashes stay PHC
// strings verified from their own parameters and key slots still open only with their password,
// so a wrong password is still refused. Production is untouched (renderer/db/password-hash.ts,
// at-rest/key-slots.ts); the unit project keeps the real cost and checks its parameters.
vi.mock('hash-wasm', async (importOriginal) => {
  const real = await importOriginal<typeof import('hash-wasm')>();
  return { ...real, argon2id: ((options) => real.argon2id({ ...options, memorySize: 64, iterations: 1 })) as typeof real.argon2id };
});

