import type { AuthMethods, Health, Me } from "../api.ts";

/** What every screen is given. */
export interface ScreenContext {
  health: Health;
  /** How this server signs people in (demo, password, first-run setup). */
  methods: AuthMethods;
  /** The signed-in user (undefined only on the sign-in screen). */
  me: Me;
  navigate(path: string): void;
  /** Called by the sign-in screen once the server has set the session cookie. */
  signedIn(): Promise<void>;
}

/** A rendered screen: its element, its title, and what to stop when it goes away. */
export interface ScreenView {
  el: HTMLElement;
  title: string;
  dispose?: () => void;
}

export type Screen = (ctx: ScreenContext) => ScreenView;
