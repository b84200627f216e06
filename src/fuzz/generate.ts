import { ApplicationCommandOptionType, type APIApplicationCommandOption, type APIInteraction } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { seededRandom } from '../bench/synthetic.ts';
import { autocompletePayload, botMessage, componentPayload, makeUser, slashCommandPayload, type EmulatedOption, type Place } from '../emulator/payloads.ts';
import { NASTY_IDS, NASTY_STRINGS } from './corpus.ts';

const APP_ID = '100000000000000001';

/**
 * A seeded stream of interactions: every command and option, well-formed and not, autocomplete on
 * every option, forged component ids, long and hostile strings, with and without a guild.
 */
export function interactionStream(seed: number): () => { interaction: APIInteraction; what: string } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;

  const text = (): string => {
    const roll = random();
    if (roll < 0.6) return pick(NASTY_STRINGS);
    if (roll < 0.75)
      return pick(NASTY_STRINGS)
        .repeat(1 + Math.floor(random() * 300))
        .slice(0, 6000);
    if (roll < 0.9) return Array.from({ length: 1 + Math.floor(random() * 40) }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
    return 'x'.repeat(Math.floor(random() * 6001));
  };

  const value = (option: APIApplicationCommandOption): unknown => {
    if (chance(0.1)) return pick([null, 42, true, 'text', -1, 1e21, [], {}, 2 ** 53 + 1]);
    switch (option.type) {
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
        return pick([0, 1, 2, 3, 7, 365, 366, -5, 999, 2 ** 31, Math.floor(random() * 100)]);
      case ApplicationCommandOptionType.Boolean:
        return chance(0.5);
      case ApplicationCommandOptionType.Channel:
        // The channel the interaction comes from, another one, or junk where an id belongs.
        return chance(0.7) ? pick(['200000000000000001', '200000000000000002']) : text();
      default:
        return text();
    }
  };

  const options = (defs: readonly APIApplicationCommandOption[], focus: boolean): EmulatedOption[] => {
    const subs = defs.filter((d) => d.type === ApplicationCommandOptionType.Subcommand);
    if (subs.length) {
      const sub = pick(subs) as { name: string; options?: APIApplicationCommandOption[] };
      return [{ name: chance(0.05) ? 'nosuchsub' : sub.name, type: ApplicationCommandOptionType.Subcommand, options: options(sub.options ?? [], focus) }];
    }
    const chosen = defs.filter(() => chance(0.75));
    const list: EmulatedOption[] = chosen.map((d) => ({ name: d.name, type: d.type, value: value(d) as never }));
    if (chance(0.05)) list.push({ name: 'unknown_option', type: ApplicationCommandOptionType.String, value: text() });
    if (focus && list.length) {
      const at = Math.floor(random() * list.length);
      list[at] = { ...list[at]!, value: String(list[at]!.value ?? ''), focused: true };
    }
    return list;
  };

  return () => {
    const place: Place = {
      guildId: chance(0.8) ? String(100000000000000000n + BigInt(Math.floor(random() * 1e9))) : null,
      channelId: '200000000000000001',
      user: makeUser(String(300000000000000000n + BigInt(Math.floor(random() * 1e6))), 'fuzz'),
      locale: pick(['en-US', 'en-GB', 'de', 'ja', 'pt-BR', 'xx-INVALID', '']),
      permissions: pick(['0', '32', '8', '2248473465835073', 'not-a-number']),
    };
    const roll = random();
    if (roll < 0.05) return { interaction: slashCommandPayload(APP_ID, place, pick(['nosuchcommand', '', 'x'.repeat(40)]), []), what: 'unknown command' };
    const command = pick(commands).definition;
    if (roll < 0.6) return { interaction: slashCommandPayload(APP_ID, place, command.name, options(command.options ?? [], false)), what: `/${command.name}` };
    if (roll < 0.8)
      return { interaction: autocompletePayload(APP_ID, place, command.name, options(command.options ?? [], true)), what: `autocomplete /${command.name}` };
    const message = botMessage(APP_ID, place.channelId);
    const values = chance(0.5)
      ? Array.from({ length: Math.floor(random() * 3) }, () => (chance(0.5) ? pick(['pic-s02e02', 'tng-s01e01', '1', '3']) : text()))
      : undefined;
    return { interaction: componentPayload(APP_ID, place, message, chance(0.8) ? pick(NASTY_IDS) : text().slice(0, 100), values), what: 'component' };
  };
}
