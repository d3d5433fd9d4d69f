/** The language switch: Chinese or English, remembered on this device. */
import { getLang, setLang, t, type Lang } from "../i18n/index.ts";

/** Switches once the language's words are fetched; if they cannot be (offline), the switch shows the page's language again. */
function choose(select: HTMLSelectElement): void {
  setLang(select.value as Lang).catch((error) => {
    console.warn("could not fetch the language's words", error);
    select.value = getLang();
  });
}

export function LangSwitch() {
  return (
    <div class="lang">
      <label for="lang">{t("lang.label")}</label>
      <select id="lang" value={getLang()} onChange={(e) => choose(e.currentTarget as HTMLSelectElement)}>
        <option value="zh" lang="zh-CN">
          中文
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </div>
  );
}
