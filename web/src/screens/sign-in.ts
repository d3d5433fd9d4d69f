/**
 * Sign in: pick a demo person in demo mode, login and password otherwise (replacing a one-time
 * password at its first use); on a new server, first-run setup with the code from the server log.
 */
import { api, ApiError, type DemoPerson } from "../api.ts";
import { field, h, messageLine, mount } from "../dom.ts";
import { getLang, t, type Key } from "../i18n/index.ts";
import type { Screen } from "./screen.ts";

export const signInScreen: Screen = (ctx) => {
  const message = messageLine();
  const body = h("div", { class: "signin-body" }, h("p", null, t("common.loading")));
  const title = ctx.methods.setup ? t("setup.title") : t("signIn.title");
  const el = h("section", { class: "card narrow", "aria-labelledby": "signin-title" }, h("h1", { id: "signin-title" }, title), body, message);

  /** Runs a sign-in call; true when it asked for a new password instead. */
  async function attempt(call: () => Promise<unknown>): Promise<boolean> {
    message.clear();
    try {
      await call();
      await ctx.signedIn();
    } catch (error) {
      if (error instanceof ApiError && error.code === "PASSWORD_CHANGE_REQUIRED") {
        message.show(t("signIn.changeRequired"), "info");
        return true;
      }
      message.show(wording(error), "error");
    }
    return false;
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
      { onSubmit: (e: Event) => (e.preventDefault(), void attempt(() => api.signIn(select.value))) },
      h("p", null, t("signIn.demoIntro")),
      field(t("signIn.person"), select),
      h("button", { type: "submit", class: "primary" }, t("signIn.submit")),
    );
  }

  function passwordForm(): HTMLElement {
    const login = h("input", { name: "login", autocomplete: "username", required: true });
    const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
    const next = h("input", { name: "new-password", type: "password", autocomplete: "new-password", minlength: 12 });
    const nextField = field(t("signIn.newPassword"), next);
    nextField.hidden = true;
    const submit = async () => {
      const asked = await attempt(() => api.signIn(login.value.trim(), password.value, nextField.hidden ? undefined : next.value));
      if (asked) {
        nextField.hidden = false;
        next.required = true;
        next.focus();
      }
    };
    return h(
      "form",
      { onSubmit: (e: Event) => (e.preventDefault(), void submit()) },
      field(t("signIn.login"), login),
      field(t("signIn.password"), password),
      nextField,
      h("button", { type: "submit", class: "primary" }, t("signIn.submit")),
    );
  }

  function setupForm(): HTMLElement {
    const code = h("input", { name: "code", autocomplete: "one-time-code", required: true });
    const login = h("input", { name: "login", autocomplete: "username", required: true });
    const name = h("input", { name: "name", autocomplete: "name", required: true });
    const password = h("input", { name: "password", type: "password", autocomplete: "new-password", minlength: 12, required: true });
    const submit = () => attempt(() => api.setup({ code: code.value.trim(), login: login.value.trim(), name: name.value.trim(), password: password.value, language: getLang() }));
    return h(
      "form",
      { onSubmit: (e: Event) => (e.preventDefault(), void submit()) },
      h("p", null, t("setup.intro")),
      field(t("setup.code"), code),
      field(t("signIn.login"), login),
      field(t("setup.name"), name),
      field(t("signIn.newPassword"), password),
      h("button", { type: "submit", class: "primary" }, t("setup.submit")),
    );
  }

  if (ctx.methods.setup) {
    mount(body, setupForm());
  } else if (ctx.methods.demo) {
    api
      .demoPeople()
      .then((people) => mount(body, demoForm(people)))
      .catch(() => mount(body, passwordForm()));
  } else {
    mount(body, passwordForm());
  }
  return { el, title };
};

/** The sentence for a failed sign-in, from its code. */
function wording(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "BAD_CREDENTIALS") return t("signIn.badCredentials");
    if (error.code === "SIGN_IN_LOCKED" || error.code === "TOO_MANY_ATTEMPTS") return t("signIn.locked", { seconds: Number(error.params.retryAfterSeconds ?? 60) });
  }
  return t("signIn.failed", { message: (error as Error).message });
}
