/**
 * The page shell: sign-in gate, header with navigation and language switch, and a path router
 * (the server falls back to index.html for every non-API path, so /leave can be reloaded).
 */
import { api, session, type AuthMethods, type Health, type Me } from "./api.ts";
import { h, mount } from "./dom.ts";
import { getLang, onLangChange, setLang, t, type Key, type Lang } from "./i18n/index.ts";
import { chatLinkButton, chatConfigured } from "./chat-link.ts";
import { assistantScreen } from "./screens/assistant.ts";
import { attendanceScreen } from "./screens/attendance.ts";
import { hrScreen } from "./screens/hr.ts";
import { leaveScreen } from "./screens/leave.ts";
import { signInScreen } from "./screens/sign-in.ts";
import { teamScreen } from "./screens/team.ts";
import type { Screen, ScreenContext } from "./screens/screen.ts";
import { assistant } from "./voice/assistant-state.ts";

interface Route {
  path: string;
  nav: Key;
  screen: Screen;
  /** Who sees it; everyone when absent. */
  roles?: string[];
}

const routes: Route[] = [
  { path: "/", nav: "nav.assistant", screen: assistantScreen },
  { path: "/attendance", nav: "nav.attendance", screen: attendanceScreen },
  { path: "/leave", nav: "nav.leave", screen: leaveScreen },
  { path: "/team", nav: "nav.team", screen: teamScreen, roles: ["manager", "hr", "admin"] },
  { path: "/hr", nav: "nav.hr", screen: hrScreen, roles: ["hr", "admin"] },
];

const root = document.getElementById("app")!;
let health: Health = { ok: false };
let methods: AuthMethods = { demo: false, password: true, setup: false };
let me: Me | null = null;
let dispose: (() => void) | undefined;

function visibleRoutes(): Route[] {
  return routes.filter((r) => !r.roles || (me && r.roles.includes(me.role)));
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path !== location.pathname) {
    if (options.replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
  }
  render({ focus: true });
}

function languageSwitch(): HTMLElement {
  const select = h(
    "select",
    { id: "lang", value: getLang(), onChange: () => setLang(select.value as Lang) },
    h("option", { value: "zh", lang: "zh-CN" }, "中文"),
    h("option", { value: "en", lang: "en" }, "English"),
  );
  return h("div", { class: "lang" }, h("label", { for: "lang" }, t("lang.label")), select);
}

function navLink(route: Route): HTMLElement {
  const current = route.path === location.pathname;
  return h(
    "li",
    null,
    h(
      "a",
      {
        href: route.path,
        "aria-current": current ? "page" : undefined,
        onClick: (e: MouseEvent) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          navigate(route.path);
        },
      },
      t(route.nav),
    ),
  );
}

/** Ends the session on the server (the cookie goes with it) and shows the sign-in screen. */
function signOut(): void {
  if (session.signedIn) void api.signOut().catch(() => undefined);
  signedOutHere();
}

function signedOutHere(): void {
  assistant.reset();
  session.set(false);
  me = null;
  navigate("/sign-in", { replace: true });
}

function render(options: { focus?: boolean } = {}): void {
  dispose?.();
  dispose = undefined;
  document.title = t("app.title");

  if (!me) {
    if (location.pathname !== "/sign-in") history.replaceState(null, "", "/sign-in");
    const screen = signInScreen(context());
    dispose = screen.dispose;
    mount(
      root,
      h("header", { class: "topbar" }, h("span", { class: "brand" }, t("app.title")), languageSwitch()),
      h("main", { id: "main", tabindex: "-1" }, screen.el),
    );
    document.title = `${screen.title} · ${t("app.title")}`;
    return;
  }

  let route = visibleRoutes().find((r) => r.path === location.pathname);
  if (!route) {
    history.replaceState(null, "", "/");
    route = routes[0];
  }
  const screen = route.screen(context());
  dispose = screen.dispose;
  const name = getLang() === "zh" ? me.name : me.nameEn;
  const main = h("main", { id: "main", tabindex: "-1" }, screen.el);
  mount(
    root,
    h("a", { class: "skip", href: "#main" }, t("app.skip")),
    h(
      "header",
      { class: "topbar" },
      h("span", { class: "brand" }, t("app.title")),
      h("nav", { "aria-label": t("nav.label") }, h("ul", null, visibleRoutes().map(navLink))),
      h(
        "div",
        { class: "user" },
        h("span", { class: "who" }, t("user.signedInAs", { name }), " · ", t(`role.${me.role}` as Key)),
        chatConfigured(health) ? chatLinkButton() : null,
        h("button", { type: "button", class: "link", onClick: signOut }, t("user.signOut")),
      ),
      languageSwitch(),
    ),
    main,
  );
  document.title = `${screen.title} · ${t("app.title")}`;
  if (options.focus) main.focus();
}

function context(): ScreenContext {
  return {
    health,
    methods,
    me: me!,
    navigate,
    async signedIn() {
      session.set(true);
      methods = { ...methods, setup: false };
      // Signed in, health says how each voice part is doing (it says only "ok" to strangers).
      [me, health] = await Promise.all([api.me(), api.health().catch(() => health)]);
      navigate("/", { replace: true });
    },
  };
}

async function boot(): Promise<void> {
  session.onUnauthorized(signedOutHere);
  methods = await api.authMethods().catch(() => methods);
  // Asked without a 401: the page cannot see its HttpOnly cookie, only whether it still works.
  const { user } = await api.currentSession().catch(() => ({ user: null }));
  health = await api.health().catch(() => health);
  if (user) {
    session.set(true);
    me = await api.me().catch((error) => {
      console.warn("could not load the signed-in user", error);
      session.set(false);
      return null;
    });
  }
  if (me && location.pathname === "/sign-in") history.replaceState(null, "", "/");
  render();
}

onLangChange(() => render());
addEventListener("popstate", () => render({ focus: true }));
void boot();
