import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIInteraction,
  type APIMessage,
  type APIUser,
} from 'discord.js';
import { snowflake } from './snowflake.ts';

/** Where an interaction happens: a guild channel, or a DM when guildId is null. */
export interface Place {
  guildId: string | null;
  channelId: string;
  user: APIUser;
  locale?: string;
  /** Permission bitfield of the member, as a decimal string. */
  permissions?: string;
}

export interface EmulatedOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: EmulatedOption[];
}

export function makeUser(id: string, username: string): APIUser {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

/** The fields every interaction carries, shaped as Discord sends them. */
function envelope(applicationId: string, place: Place, type: InteractionType) {
  const guild = place.guildId;
  const base = {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: `emulated.${randomBytes(24).toString('base64url')}`,
    version: 1,
    locale: place.locale ?? 'en-GB',
    app_permissions: '562949953421311',
    entitlements: [],
    attachment_size_limit: 10485760,
    channel_id: place.channelId,
  };
  if (guild) {
    return {
      ...base,
      guild_id: guild,
      guild_locale: 'en-US',
      guild: { id: guild, locale: 'en-US', features: [] },
      channel: {
        id: place.channelId,
        type: ChannelType.GuildText,
        guild_id: guild,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        flags: 0,
      },
      member: {
        user: place.user,
        roles: [],
        permissions: place.permissions ?? '2248473465835073',
        joined_at: '2024-01-01T00:00:00.000000+00:00',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
      },
      authorizing_integration_owners: { '0': guild },
      context: InteractionContextType.Guild,
    };
  }
  return {
    ...base,
    channel: { id: place.channelId, type: ChannelType.DM, recipients: [place.user], last_message_id: null, flags: 0 },
    user: place.user,
    authorizing_integration_owners: { '1': place.user.id },
    context: InteractionContextType.BotDM,
  };
}

export function slashCommandPayload(applicationId: string, place: Place, name: string, options: EmulatedOption[], commandId = snowflake()): APIInteraction {
  return {
    ...envelope(applicationId, place, InteractionType.ApplicationCommand),
    data: { id: commandId, name, type: ApplicationCommandType.ChatInput, options, ...(place.guildId ? { guild_id: place.guildId } : {}) },
  } as unknown as APIInteraction;
}

export function autocompletePayload(applicationId: string, place: Place, name: string, options: EmulatedOption[], commandId = snowflake()): APIInteraction {
  return {
    ...envelope(applicationId, place, InteractionType.ApplicationCommandAutocomplete),
    data: { id: commandId, name, type: ApplicationCommandType.ChatInput, options, ...(place.guildId ? { guild_id: place.guildId } : {}) },
  } as unknown as APIInteraction;
}

export function componentPayload(applicationId: string, place: Place, message: APIMessage, customId: string, values?: string[]): APIInteraction {
  const data = values
    ? { custom_id: customId, component_type: ComponentType.StringSelect, values }
    : { custom_id: customId, component_type: ComponentType.Button };
  return { ...envelope(applicationId, place, InteractionType.MessageComponent), message, data } as unknown as APIInteraction;
}

/** A message the bot posted, as Discord hands it back inside a component interaction. */
export function botMessage(
  applicationId: string,
  channelId: string,
  data: { content?: string; embeds?: APIMessage['embeds']; components?: APIMessage['components']; flags?: number } = {},
): APIMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: { ...makeUser(applicationId, 'TrekDex'), bot: true },
    content: data.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: data.embeds ?? [],
    components: data.components ?? [],
    pinned: false,
    type: 0,
    flags: data.flags ?? 0,
    application_id: applicationId,
  } as APIMessage;
}

export function pingPayload(applicationId: string): APIInteraction {
  return { id: snowflake(), application_id: applicationId, type: InteractionType.Ping, token: 'ping', version: 1 } as unknown as APIInteraction;
}
