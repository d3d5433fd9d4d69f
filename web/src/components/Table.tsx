/**
 * A data table that becomes a list of cards below 600 px: each cell names its column
 * (`data-label`, shown by styles.css when the header row is hidden).
 */
import type { ComponentChildren } from "preact";

export function Table(props: { caption?: ComponentChildren; head: string[]; class?: string; children: ComponentChildren }) {
  return (
    <table class={`data cards${props.class ? ` ${props.class}` : ""}`}>
      {props.caption ? <caption>{props.caption}</caption> : null}
      <thead>
        <tr>
          {props.head.map((label) => (
            <th scope="col">{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
