/** A labelled form field: the label above its control, an optional hint wired with aria-describedby. */
import { cloneElement, type ComponentChildren, type VNode } from "preact";
import { useId } from "preact/hooks";

export function Field(props: { label: ComponentChildren; hint?: ComponentChildren; children: VNode<any>; class?: string; hidden?: boolean }) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const control = cloneElement(props.children, { id: props.children.props.id ?? id, "aria-describedby": hintId });
  return (
    <div class={`field${props.class ? ` ${props.class}` : ""}`} hidden={props.hidden}>
      <label for={control.props.id}>{props.label}</label>
      {control}
      {hintId ? (
        <small id={hintId} class="hint">
          {props.hint}
        </small>
      ) : null}
    </div>
  );
}
