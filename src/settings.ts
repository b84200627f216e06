/** What a server (or, in DMs, a user) can change about TrekDex. Defaults are the safe choice. */
export type SpoilerMode = 'always' | 'recent' | 'never';

export interface Settings {
  spoilers: { mode: SpoilerMode; days: number };
  /** Series id preferred when a title or episode code exists in several series. */
  defaultSeries?: string;
  /** Reply ephemerally unless a command says otherwise. */
  private: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  spoilers: Object.freeze({ mode: 'always' as const, days: 14 }),
  private: false,
});
