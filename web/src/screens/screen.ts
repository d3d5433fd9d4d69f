import type { Health, Me } from "../api.ts";

/** What every screen is given. */
export interface ScreenContext {
  health: Health;
  /** The signed-in user (undefined only on the sign-in screen). */
  me: Me;
  navigate(path: string): void;
  /** Called by the sign-in screen with a fresh token. */
  signedIn(token: string): Promise<void>;
}

/** A rendered screen: its element, its title, and what to stop when it goes away. */
export interface ScreenView {
  el: HTMLElement;
  title: string;
  dispose?: () => void;
}

export type Screen = (ctx: ScreenContext) => ScreenView;
