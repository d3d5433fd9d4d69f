/** The language switch: Chinese or English, remembered on this device. */
import { getLang, setLang, t, type Lang } from "../i18n/index.ts";

export function LangSwitch() {
  return (
    <div class="lang">
      <label for="lang">{t("lang.label")}</label>
      <select id="lang" value={getLang()} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
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
