/**
 * The page's router: paths in the address bar (the server answers every non-API path with
 * index.html, so /leave can be reloaded), history entries on navigation, and a hook that
 * re-renders a component when the path changes.
 */
import { useEffect, useState } from "preact/hooks";

const listeners = new Set<() => void>();

/** Goes to `path` (with its query); `replace` rewrites the current history entry instead. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path !== location.pathname + location.search) {
    if (options.replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
  }
  for (const listener of listeners) listener();
}

/** Changes the query string without a new history entry or a re-render (a screen's own state). */
export function setQuery(params: Record<string, string | undefined>): void {
  const query = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) query.delete(key);
    else query.set(key, value);
  }
  const search = query.toString();
  history.replaceState(null, "", `${location.pathname}${search ? `?${search}` : ""}`);
}

/** The current path, re-rendering the caller on navigation and on back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      removeEventListener("popstate", update);
    };
  }, []);
  return path;
}

/** A query parameter of the current address. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** An in-page link: a real `<a href>` (open in new tab works) that navigates without reloading. */
export function onLinkClick(e: MouseEvent, path: string): void {
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(path);
}
