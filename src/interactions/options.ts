import { ApplicationCommandOptionType } from 'discord.js';
import type { RawOption } from './types.ts';

/** A bad option value; the dispatcher turns it into a friendly ephemeral reply. */
export class OptionError extends Error {}

/**
 * Typed access to slash command options. Discord validates types, but the HTTP endpoint can be
 * sent anything, so every read checks the type it promises.
 */
export class Options {
  readonly subcommand: string | undefined;
  private readonly byName = new Map<string, RawOption>();

  constructor(raw: readonly RawOption[] = []) {
    let list = raw;
    const sub = raw.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
    this.subcommand = sub?.name;
    if (sub) list = sub.options ?? [];
    for (const option of list) if (option && typeof option.name === 'string') this.byName.set(option.name, option);
  }

  string(name: string): string | undefined {
    const value = this.byName.get(name)?.value;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new OptionError(`The option \`${name}\` must be text.`);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.byName.get(name)?.value;
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && /^-?\d{1,9}$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new OptionError(`The option \`${name}\` must be a whole number.`);
    return number;
  }

  boolean(name: string): boolean | undefined {
    const value = this.byName.get(name)?.value;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw new OptionError(`The option \`${name}\` must be true or false.`);
    return value;
  }

  /** A channel option's id (Discord sends the id as the value; its type comes in the resolved data). */
  channel(name: string): string | undefined {
    const value = this.byName.get(name)?.value;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !/^\d{1,25}$/.test(value)) throw new OptionError(`The option \`${name}\` must be a channel.`);
    return value;
  }

  /** The option being typed, for autocomplete; its value arrives as text whatever its type. */
  focused(): { name: string; value: string } | undefined {
    for (const option of this.byName.values()) {
      if (option.focused) return { name: option.name, value: option.value === undefined || option.value === null ? '' : String(option.value) };
    }
    return undefined;
  }
}
