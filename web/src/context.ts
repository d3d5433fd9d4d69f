/** What every screen may read about the session: who is signed in and what the server offers. */
import { createContext } from "preact";
import { useContext, useEffect } from "preact/hooks";
import type { AuthMethods, Health, Me } from "./api.ts";
import { t } from "./i18n/index.ts";

export interface AppState {
  health: Health;
  /** How this server signs people in (demo, password, first-run setup). */
  methods: AuthMethods;
  /** The signed-in user; only the sign-in screen renders without one. */
  me: Me;
  /** Called by the sign-in screen once the server has set the session cookie. */
  signedIn(): Promise<void>;
}

export const AppContext = createContext<AppState | null>(null);

/** The session's state; screens render only inside the app, where it is always given. */
export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error("useApp outside <AppContext.Provider>");
  return state;
}

/** Sets the tab's title to the screen's name and the app's. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t("app.title")}`;
  }, [title]);
}
