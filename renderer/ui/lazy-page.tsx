import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * Waiting for a page's code: nothing for the first 300 ms (a chunk from the local disk usually
 * arrives sooner, and a spinner flashing for a frame is worse than nothing), then a quiet spinner.
 */
function PageLoading(): ReactNode {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin delay={300} />
    </div>
  );
}

export type LazyPage<P extends object> = ComponentType<P> & {
  /** Starts loading the code now (e.g. while the person types their password). */
  preload(): Promise<unknown>;
};

/**
 * A page (or 设置 tab, or full-page print) whose code is loaded the first time it is shown, with
 * its own quiet fallback: the app shell and the login page never load the code of pages they do
 * not show (issue #18). Usage: `lazyPage(() => import('./IncomingPage').then((m) => m.IncomingPage))`.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => (loading ??= load().then((c) => ({ default: c }), (e: unknown) => {
    loading = null; // a failed load (e.g. the app was updated meanwhile) is tried again next time
    throw e;
  }));
  const Lazy = lazy(preload);
  function Page(props: P) {
    return (
      <Suspense fallback={<PageLoading />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Object.assign(Page, { preload });
}
