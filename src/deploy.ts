import { REST } from '@discordjs/rest';
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { commands } from '../commands/index.ts';
import { ConfigError, loadEnvFile, readConfig, requireSetting } from './config.ts';
import { forGuild } from './interactions/definition.ts';

/** `npm run deploy`: registers every command, in one guild (instant) or globally. */
async function deploy(): Promise<void> {
  loadEnvFile();
  const config = readConfig();
  const token = requireSetting(config, 'DISCORD_TOKEN', 'deployment signs in as the bot (Developer Portal > Bot > Token).');
  const applicationId = requireSetting(
    config,
    'DISCORD_APPLICATION_ID',
    'commands belong to an application (Developer Portal > General Information > Application ID).',
  );
  const rest = new REST({ api: config.DISCORD_API_BASE }).setToken(token);
  const guildId = config.DISCORD_GUILD_ID;
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const body = commands.map((c) => (guildId ? forGuild(c.definition) : c.definition));
  const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  const where = guildId ? `in guild ${guildId} (available now)` : 'globally (Discord may take a few minutes to show them everywhere)';
  console.log(`Registered ${registered.length} commands ${where}:`);
  for (const command of registered) console.log(`  /${command.name}  ${command.description}`);
}

deploy().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Cannot deploy commands:\n${error.message}`);
  else console.error(`Cannot deploy commands: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
