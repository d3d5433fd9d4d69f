/**
 * The top bar: the app's name, the screens this person may open, who is signed in, sign-out and
 * the language. Below 600 px the links and the account fold into a menu button.
 */
import { useEffect, useState } from "preact/hooks";
import type { Health, Me } from "../api.ts";
import { getLang, t, type Key } from "../i18n/index.ts";
import { onLinkClick } from "../router.ts";
import type { Route } from "../routes.ts";
import { Bell } from "./Bell.tsx";
import { LangSwitch } from "./LangSwitch.tsx";

export function Header(props: { me: Me | null; health: Health; routes: Route[]; path: string; onSignOut(): void }) {
  const [open, setOpen] = useState(false);
  // A chosen screen closes the menu.
  useEffect(() => setOpen(false), [props.path]);
  const { me } = props;
  if (!me) {
    return (
      <header class="topbar">
        <span class="brand">{t("app.title")}</span>
        <LangSwitch />
      </header>
    );
  }
  const name = getLang() === "zh" ? me.name : me.nameEn;
  return (
    <header class={`topbar${open ? " open" : ""}`}>
      <span class="brand">{t("app.title")}</span>
      <Bell path={props.path} />
      <button type="button" class="menu-toggle" aria-expanded={open ? "true" : "false"} aria-controls="menu" onClick={() => setOpen(!open)}>
        {t("nav.menu")}
      </button>
      <div id="menu" class="menu">
        <nav aria-label={t("nav.label")}>
          <ul>
            {props.routes.map((route) => (
              <li>
                <a href={route.path} aria-current={route.path === props.path ? "page" : undefined} onClick={(e) => onLinkClick(e, route.path)}>
                  {t(route.nav)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="user">
          <span class="who">
            {t("user.signedInAs", { name })} · {t(`role.${me.role}` as Key)}
          </span>
          <button type="button" class="link" onClick={props.onSignOut}>
            {t("user.signOut")}
          </button>
        </div>
        <LangSwitch />
      </div>
    </header>
  );
}
