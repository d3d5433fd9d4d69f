/**
 * The page shell: boots the session, gates everything behind sign-in, and shows the header and
 * the screen for the current path. Screens re-render on a language switch (they read t() as they
 * render).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, session, type AuthMethods, type Health, type Me } from "./api.ts";
import { Header } from "./components/Header.tsx";
import { OfflineBoot } from "./components/OfflineBoot.tsx";
import { RouteView } from "./components/RouteView.tsx";
import { AppContext, type AppState } from "./context.ts";
import { useLang } from "./hooks.ts";
import { isNetworkError } from "./i18n/errors.ts";
import { t } from "./i18n/index.ts";
import { keepSending } from "./offline-punches.ts";
import { navigate, usePath } from "./router.ts";
import { routesFor } from "./routes.ts";
import { SignInScreen } from "./screens/sign-in.tsx";
import { assistant } from "./voice/assistant-state.ts";

interface Boot {
  health: Health;
  methods: AuthMethods;
  me: Me | null;
  /** The server could not be reached: the page knows only what this device keeps (queued punches). */
  offline?: boolean;
}

async function boot(): Promise<Boot> {
  const methods = await api.authMethods().catch((): AuthMethods => ({ demo: false, password: true, setup: false }));
  // Asked without a 401: the page cannot see its HttpOnly cookie, only whether it still works.
  let offline = false;
  const { user } = await api.currentSession().catch((error) => {
    offline = isNetworkError(error);
    return { user: null };
  });
  if (offline) return { health: { ok: false }, methods, me: null, offline };
  const health: Health = await api.health().catch(() => ({ ok: false }));
  let me: Me | null = null;
  if (user) {
    session.set(true);
    me = await api.me().catch((error) => {
      console.warn("could not load the signed-in user", error);
      session.set(false);
      return null;
    });
  }
  return { health, methods, me };
}

export function App() {
  useLang();
  const path = usePath();
  const [state, setState] = useState<Boot | null>(null);
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(true);

  useEffect(() => {
    session.onUnauthorized(() => signedOutHere());
    void boot().then(setState);
  }, []);

  // Punches kept while offline are sent for whoever is signed in, on any screen.
  const login = state?.me?.login;
  useEffect(() => (login ? keepSending(login) : undefined), [login]);

  // A new screen takes the focus, so keyboard and screen-reader users start at its content.
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  function retryBoot(): void {
    void boot().then(setState);
  }

  function signedOutHere(): void {
    assistant.reset();
    session.set(false);
    setState((s) => s && { ...s, me: null });
    navigate("/sign-in", { replace: true });
  }

  /** Ends the session on the server (the cookie goes with it) and shows the sign-in screen. */
  function signOut(): void {
    if (session.signedIn) void api.signOut().catch(() => undefined);
    signedOutHere();
  }

  if (!state) return <p class="boot">{t("common.loading")}</p>;
  if (state.offline) {
    return (
      <>
        <Header me={null} health={state.health} routes={[]} path={path} onSignOut={signOut} />
        <OfflineBoot onRetry={retryBoot} />
      </>
    );
  }

  const { me, health, methods } = state;
  if (!me) {
    if (location.pathname !== "/sign-in") history.replaceState(null, "", "/sign-in");
    const signIn: AppState = {
      health,
      methods,
      me: null as unknown as Me,
      async signedIn() {
        session.set(true);
        // Signed in, health says how each voice part is doing (it says only "ok" to strangers).
        const [nextMe, nextHealth] = await Promise.all([api.me(), api.health().catch(() => health)]);
        setState({ methods: { ...methods, setup: false }, health: nextHealth, me: nextMe });
        navigate("/", { replace: true });
      },
    };
    return (
      <AppContext.Provider value={signIn}>
        <Header me={null} health={health} routes={[]} path={path} onSignOut={signOut} />
        <main id="main" tabIndex={-1} ref={main}>
          <SignInScreen />
        </main>
      </AppContext.Provider>
    );
  }

  const visible = routesFor(me.role);
  let route = visible.find((r) => r.path === path);
  if (!route) {
    history.replaceState(null, "", "/");
    route = visible[0];
  }
  const value: AppState = { health, methods, me, signedIn: async () => undefined };
  return (
    <AppContext.Provider value={value}>
      <a class="skip" href="#main">
        {t("app.skip")}
      </a>
      <Header me={me} health={health} routes={visible.filter((r) => !r.hidden)} path={route.path} onSignOut={signOut} />
      <main id="main" tabIndex={-1} ref={main}>
        <RouteView key={route.path} route={route} />
      </main>
    </AppContext.Provider>
  );
}
