import { createElement, lazy, type ComponentType } from 'react';

/**
 * A page downloaded when first opened (pages.tsx), which can also be fetched ahead: once its
 * module has arrived it renders at once, without passing through Suspense's 正在加载…. main.tsx's
 * start-up waits for the page the window opens on, so the menu and that page appear together.
 */
export type LazyPage<P> = ComponentType<P> & { preload(): Promise<unknown> };

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () => (pending ??= load().then((page) => (loaded = page)).catch((err: unknown) => {
    pending = undefined; // a later open tries again
    throw err;
  }));
  const Lazy = lazy(() => preload().then((page) => ({ default: page })));
  function Page(props: P) {
    return createElement((loaded ?? Lazy) as ComponentType<P>, props);
  }
  return Object.assign(Page, { preload });
}
