import { ComponentType, InteractionType, type APIInteraction } from 'discord.js';
import type { InteractionInput, RawOption, ResolvedData } from './types.ts';

/**
 * Discord's interaction JSON (HTTP endpoint, emulator, preview) -> InteractionInput. Returns
 * undefined for interaction kinds TrekDex does not handle (modals, pings, context menus).
 */
export function fromApiInteraction(interaction: APIInteraction): InteractionInput | undefined {
  const user = interaction.member?.user ?? interaction.user;
  const common = {
    id: String(interaction.id),
    user: { id: String(user?.id ?? '0'), name: String(user?.global_name ?? user?.username ?? 'someone') },
    guildId: interaction.guild_id ? String(interaction.guild_id) : null,
    // Discord lists who authorised the app: key "0" is a guild install, "1" a user install.
    guildInstalled: Boolean(interaction.guild_id) && (!interaction.authorizing_integration_owners || '0' in interaction.authorizing_integration_owners),
    permissions: typeof interaction.member?.permissions === 'string' ? interaction.member.permissions : null,
    locale: 'locale' in interaction && typeof interaction.locale === 'string' ? interaction.locale : 'en-US',
    channelId:
      typeof interaction.channel?.id === 'string' ? interaction.channel.id : typeof interaction.channel_id === 'string' ? interaction.channel_id : null,
    appPermissions: typeof interaction.app_permissions === 'string' ? interaction.app_permissions : null,
  };
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete: {
      const data = interaction.data as { name?: unknown; options?: unknown; resolved?: unknown };
      const options = Array.isArray(data?.options) ? (data.options as RawOption[]) : [];
      const kind = interaction.type === InteractionType.ApplicationCommand ? 'command' : 'autocomplete';
      const resolved = data?.resolved && typeof data.resolved === 'object' ? (data.resolved as ResolvedData) : undefined;
      return { ...common, kind, name: String(data?.name ?? ''), options, ...(resolved ? { resolved } : {}) };
    }
    case InteractionType.MessageComponent: {
      const data = interaction.data as { custom_id?: unknown; component_type?: unknown; values?: unknown };
      const values = data.component_type === ComponentType.Button || !Array.isArray(data.values) ? [] : data.values.map(String);
      return { ...common, kind: 'component', customId: String(data.custom_id ?? ''), values };
    }
    default:
      return undefined;
  }
}
