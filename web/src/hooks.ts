/** Hooks every screen uses: loading data with its states, the connection, the language. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { onLangChange } from "./i18n/index.ts";

/** A request's state: what it answered, how it failed, whether it is under way, and how to retry. */
export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Runs the request again (keeps the data shown until the new answer comes). */
  reload(): void;
}

/**
 * Loads `load()` now and again whenever `deps` change; an answer to an older request is dropped,
 * and none arrives after the component is gone.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error) => mine === seq.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    run();
    return () => {
      seq.current++;
    };
  }, [run]);
  return { data: state.data, error: state.error, loading: state.loading, reload: run };
}

/** Whether the browser believes it is online (it is sure only when it says offline). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener("online", update);
    addEventListener("offline", update);
    return () => {
      removeEventListener("online", update);
      removeEventListener("offline", update);
    };
  }, []);
  return online;
}

/** Re-renders the caller when the page's language changes. */
export function useLang(): void {
  const [, setTick] = useState(0);
  useEffect(() => onLangChange(() => setTick((n) => n + 1)), []);
}
