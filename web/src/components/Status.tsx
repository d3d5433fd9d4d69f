/** A status line for results and errors, announced by screen readers (alerts for errors). */
export interface StatusMessage {
  text: string;
  kind?: "ok" | "error" | "info";
}

export function Status({ message }: { message: StatusMessage | null | undefined }) {
  const kind = message?.kind ?? "info";
  return (
    <p class={message ? `message ${kind}` : "message"} role={kind === "error" ? "alert" : "status"} aria-live="polite">
      {message?.text ?? ""}
    </p>
  );
}
