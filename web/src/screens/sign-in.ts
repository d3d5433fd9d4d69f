/** Sign in: pick a demo person in demo mode, login and password otherwise. */
import { api, type DemoPerson } from "../api.ts";
import { field, h, messageLine, mount } from "../dom.ts";
import { getLang, t, type Key } from "../i18n/index.ts";
import type { Screen } from "./screen.ts";

export const signInScreen: Screen = (ctx) => {
  const message = messageLine();
  const body = h("div", { class: "signin-body" }, h("p", null, t("common.loading")));
  const el = h("section", { class: "card narrow", "aria-labelledby": "signin-title" }, h("h1", { id: "signin-title" }, t("signIn.title")), body, message);

  async function submit(login: string, password?: string): Promise<void> {
    message.clear();
    try {
      const { token } = await api.signIn(login, password);
      await ctx.signedIn(token);
    } catch (error) {
      message.show(t("signIn.failed", { message: (error as Error).message }), "error");
    }
  }

  function demoForm(people: DemoPerson[]): HTMLElement {
    const label = (p: DemoPerson) => `${getLang() === "zh" ? p.name : p.nameEn} (${p.login}) · ${t(`role.${p.role}` as Key)}${p.department ? ` · ${p.department}` : ""}`;
    const select = h(
      "select",
      { name: "login", value: people.some((p) => p.login === "wang") ? "wang" : people[0]?.login },
      people.map((p) => h("option", { value: p.login }, label(p))),
    );
    return h(
      "form",
      {
        onSubmit: (e: Event) => {
          e.preventDefault();
          void submit(select.value);
        },
      },
      h("p", null, t("signIn.demoIntro")),
      field(t("signIn.person"), select),
      h("button", { type: "submit", class: "primary" }, t("signIn.submit")),
    );
  }

  function passwordForm(): HTMLElement {
    const login = h("input", { name: "login", autocomplete: "username", required: true });
    const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
    return h(
      "form",
      {
        onSubmit: (e: Event) => {
          e.preventDefault();
          void submit(login.value.trim(), password.value);
        },
      },
      field(t("signIn.login"), login),
      field(t("signIn.password"), password),
      h("button", { type: "submit", class: "primary" }, t("signIn.submit")),
    );
  }

  if (ctx.health.demoMode) {
    api
      .demoPeople()
      .then((people) => mount(body, demoForm(people)))
      .catch(() => mount(body, passwordForm()));
  } else {
    mount(body, passwordForm());
  }
  return { el, title: t("signIn.title") };
};
