/** A department picker over the directory's tree (indented by depth), and a department's name in the page's language. */
import type { DepartmentView } from "../api.ts";
import { getLang } from "../i18n/index.ts";

/** A department's name: Chinese on a Chinese page, English otherwise. */
export function departmentName(d: Pick<DepartmentView, "name" | "nameEn">): string {
  return getLang() === "zh" ? d.name : d.nameEn || d.name;
}

/** The departments in tree order (parents before their children), each with its depth. */
export function treeOrder(departments: readonly DepartmentView[]): { department: DepartmentView; depth: number }[] {
  const codes = new Set(departments.map((d) => d.code));
  const children = new Map<string | null, DepartmentView[]>();
  for (const d of departments) {
    const parent = d.parent !== null && codes.has(d.parent) ? d.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const out: { department: DepartmentView; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const d of (children.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      if (seen.has(d.code)) continue;
      seen.add(d.code);
      out.push({ department: d, depth });
      walk(d.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * A `<select>` of departments by code. `none` adds a first option with an empty value (for "all"
 * or "no parent"); inactive departments are offered only when already chosen.
 */
export function DepartmentSelect(props: {
  departments: readonly DepartmentView[];
  value: string;
  onChange(code: string): void;
  none?: string;
  name?: string;
  id?: string;
  "aria-describedby"?: string;
  /** A department that may not be chosen (a department's own code, as its parent). */
  exclude?: string;
}) {
  const options = treeOrder(props.departments).filter(({ department: d }) => d.code !== props.exclude && (d.active || d.code === props.value));
  return (
    <select id={props.id} aria-describedby={props["aria-describedby"]} name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      {props.none !== undefined ? <option value="">{props.none}</option> : null}
      {options.map(({ department: d, depth }) => (
        <option value={d.code}>{`${"\u00a0\u00a0".repeat(depth)}${departmentName(d)} (${d.code})`}</option>
      ))}
    </select>
  );
}
