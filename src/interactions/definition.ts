import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

/** Every TrekDex command works in servers, DMs and group DMs, installed to a server or to a user. */
export function slashCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel);
}

/**
 * The body of a guild command: Discord documents `integration_types` and `contexts` as settings of
 * global commands only (a guild command lives in its server, never in DMs), so they are left out.
 */
export function forGuild(definition: RESTPostAPIChatInputApplicationCommandsJSONBody): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const { integration_types: _types, contexts: _contexts, ...rest } = definition;
  return rest;
}
