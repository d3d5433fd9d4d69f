/**
 * A field punch's optional photo: JPEG or PNG of at most 2 MB (the server checks the content
 * again), handed on as base64, the way the punch's JSON body carries it.
 */
import { t } from "../i18n/index.ts";
import { codeText } from "../i18n/errors.ts";
import { Field } from "./Field.tsx";

/** The largest photo the server keeps, in bytes. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

function base64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function PhotoField({ onPhoto, onProblem }: { onPhoto(photo: string | null): void; onProblem(text: string): void }) {
  async function chosen(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return onPhoto(null);
    if (file.size > MAX_PHOTO_BYTES || !/^image\/(jpeg|png)$/.test(file.type)) {
      input.value = "";
      onPhoto(null);
      return onProblem(codeText("INVALID_PHOTO")!);
    }
    onPhoto(await base64(file));
  }
  return (
    <Field label={t("today.photo")} hint={t("today.photoHint")}>
      <input type="file" name="photo" accept="image/jpeg,image/png" capture="environment" onChange={(e) => void chosen(e.currentTarget)} />
    </Field>
  );
}
