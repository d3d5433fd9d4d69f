/** Renders a route's screen, fetching its module first when it is loaded on demand. */
import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Route } from "../routes.ts";
import { LoadError } from "./Load.tsx";
import { t } from "../i18n/index.ts";

const loaded = new Map<string, FunctionComponent>();

export function RouteView({ route }: { route: Route }) {
  const ready = route.lazy ? loaded.get(route.path) : (route.screen as FunctionComponent);
  const [, setTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (ready || !route.lazy) return;
    let live = true;
    (route.screen as () => Promise<FunctionComponent>)().then(
      (screen) => {
        loaded.set(route.path, screen);
        if (live) setTick((n) => n + 1);
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [route, ready, attempt]);
  if (ready) {
    const Screen = ready;
    return <Screen />;
  }
  if (error) return <LoadError error={error} retry={() => (setError(null), setAttempt((n) => n + 1))} />;
  return <p class="loading">{t("common.loading")}</p>;
}
