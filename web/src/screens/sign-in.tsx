/**
 * Sign in: pick a demo person in demo mode, login and password otherwise (replacing a one-time
 * password at its first use); on a new server, first-run setup with the code from the server log.
 */
import { useRef, useState } from "preact/hooks";
import { api, ApiError, type DemoPerson } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { getLang, t, type Key } from "../i18n/index.ts";

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

export function SignInScreen() {
  const app = useApp();
  const title = app.methods.setup ? t("setup.title") : t("signIn.title");
  useTitle(title);
  const [message, setMessage] = useState<StatusMessage | null>(null);

  /** Runs a sign-in call; true when it asked for a new password instead. */
  async function attempt(call: () => Promise<unknown>): Promise<boolean> {
    setMessage(null);
    try {
      await call();
      await app.signedIn();
    } catch (error) {
      if (error instanceof ApiError && error.code === "PASSWORD_CHANGE_REQUIRED") {
        setMessage({ text: t("signIn.changeRequired"), kind: "info" });
        return true;
      }
      setMessage({ text: error instanceof ApiError && error.code !== "BAD_CREDENTIALS" && !error.code.startsWith("SIGN_IN") && !error.code.startsWith("TOO_MANY") ? t("signIn.failed", { message: errorText(error) }) : errorText(error), kind: "error" });
    }
    return false;
  }

  return (
    <section class="card narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{title}</h1>
      {app.methods.setup ? <SetupForm attempt={attempt} /> : app.methods.demo ? <DemoForm attempt={attempt} /> : <CompanySignIn attempt={attempt} />}
      <Status message={message} />
    </section>
  );
}

type Attempt = (call: () => Promise<unknown>) => Promise<boolean>;

function DemoForm({ attempt }: { attempt: Attempt }) {
  const people = useLoad(() => api.demoPeople(), []);
  const [login, setLogin] = useState<string | undefined>(undefined);
  if (people.error) return <PasswordForm attempt={attempt} />;
  if (!people.data) return <p class="loading">{t("common.loading")}</p>;
  const list = people.data;
  const chosen = login ?? (list.some((p) => p.login === "wang") ? "wang" : list[0]?.login);
  const label = (p: DemoPerson) => `${getLang() === "zh" ? p.name : p.nameEn} (${p.login}) · ${t(`role.${p.role}` as Key)}${p.department ? ` · ${p.department}` : ""}`;
  return (
    <form onSubmit={(e) => (e.preventDefault(), void attempt(() => api.signIn(chosen ?? "")))}>
      <p>{t("signIn.demoIntro")}</p>
      <Field label={t("signIn.person")}>
        <select name="login" value={chosen} onChange={(e) => setLogin(value(e))}>
          {list.map((p) => (
            <option value={p.login}>{label(p)}</option>
          ))}
        </select>
      </Field>
      <button type="submit" class="primary">
        {t("signIn.submit")}
      </button>
    </form>
  );
}

/**
 * The company's own sign-in: "Sign in with <provider>" when single sign-on is set up (a plain
 * link: the server redirects to the provider and back), and the password form, folded away for
 * admins when the server allows passwords only to them (PASSWORD_SIGN_IN=0).
 */
function CompanySignIn({ attempt }: { attempt: Attempt }) {
  const { oidc, password } = useApp().methods;
  if (!oidc) return <PasswordForm attempt={attempt} />;
  return (
    <>
      <a class="button primary sso" href={oidc.start}>
        {t("signIn.sso", { name: oidc.name })}
      </a>
      {password ? (
        <>
          <p class="or">{t("signIn.orPassword")}</p>
          <PasswordForm attempt={attempt} />
        </>
      ) : (
        <details class="admin-password">
          <summary>{t("signIn.adminPassword")}</summary>
          <PasswordForm attempt={attempt} />
        </details>
      )}
    </>
  );
}

function PasswordForm({ attempt }: { attempt: Attempt }) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [next, setNext] = useState("");
  const [asked, setAsked] = useState(false);
  const nextRef = useRef<HTMLInputElement>(null);
  async function submit(): Promise<void> {
    if (await attempt(() => api.signIn(login.trim(), password, asked ? next : undefined))) {
      setAsked(true);
      setTimeout(() => nextRef.current?.focus());
    }
  }
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Field label={t("signIn.login")}>
        <input name="login" autocomplete="username" required value={login} onInput={(e) => setLogin(value(e))} />
      </Field>
      <Field label={t("signIn.password")}>
        <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(value(e))} />
      </Field>
      <Field label={t("signIn.newPassword")} hidden={!asked}>
        <input ref={nextRef} name="new-password" type="password" autocomplete="new-password" minLength={12} required={asked} value={next} onInput={(e) => setNext(value(e))} />
      </Field>
      <button type="submit" class="primary">
        {t("signIn.submit")}
      </button>
    </form>
  );
}

function SetupForm({ attempt }: { attempt: Attempt }) {
  const [form, setForm] = useState({ code: "", login: "", name: "", password: "" });
  const input = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: value(e) });
  const submit = () => attempt(() => api.setup({ code: form.code.trim(), login: form.login.trim(), name: form.name.trim(), password: form.password, language: getLang() }));
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <p>{t("setup.intro")}</p>
      <Field label={t("setup.code")}>
        <input name="code" autocomplete="one-time-code" required value={form.code} onInput={input("code")} />
      </Field>
      <Field label={t("signIn.login")}>
        <input name="login" autocomplete="username" required value={form.login} onInput={input("login")} />
      </Field>
      <Field label={t("setup.name")}>
        <input name="name" autocomplete="name" required value={form.name} onInput={input("name")} />
      </Field>
      <Field label={t("signIn.newPassword")}>
        <input name="password" type="password" autocomplete="new-password" minLength={12} required value={form.password} onInput={input("password")} />
      </Field>
      <button type="submit" class="primary">
        {t("setup.submit")}
      </button>
    </form>
  );
}
