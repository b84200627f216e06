import { ApplicationIntegrationType, type Interaction } from 'discord.js';
import type { InteractionInput, RawOption } from '../interactions/types.ts';

/** discord.js's interaction objects -> InteractionInput; undefined for kinds TrekDex does not answer. */
export function fromDiscordJs(interaction: Interaction): InteractionInput | undefined {
  const common = {
    id: interaction.id,
    user: { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username },
    guildId: interaction.guildId,
    guildInstalled: interaction.guildId !== null && interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall] !== undefined,
    permissions: interaction.memberPermissions?.bitfield.toString() ?? null,
    locale: interaction.locale,
  };
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    return {
      ...common,
      kind: interaction.isAutocomplete() ? 'autocomplete' : 'command',
      name: interaction.commandName,
      // Same shape as Discord's JSON: name, type, value, options, focused.
      options: interaction.options.data as unknown as RawOption[],
    };
  }
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    return { ...common, kind: 'component', customId: interaction.customId, values: interaction.isStringSelectMenu() ? interaction.values : [] };
  }
  return undefined;
}
