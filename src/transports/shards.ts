import { REST } from '@discordjs/rest';
import { Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Logger } from '../log.ts';

/**
 * SHARD_COUNT=auto asks the configured REST base (Discord, a proxy or the emulator) how many shards
 * Discord recommends; discord.js's own helper always asks discord.com.
 */
export async function resolveShardCount(setting: string, token: string, apiBase: string): Promise<number> {
  if (setting !== 'auto') return Number(setting);
  const info = (await new REST({ api: apiBase }).setToken(token).get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, info.shards);
}

/**
 * One process a shard, each running this same entry point as a gateway bot on its share of the
 * guilds; a shard that dies is respawned. Settings and cooldowns live in the shared store (Redis).
 */
export async function runShardManager(options: { file: string; token: string; totalShards: number; logger: Logger }): Promise<() => Promise<void>> {
  const manager = new ShardingManager(options.file, {
    token: options.token,
    totalShards: options.totalShards,
    respawn: true,
    execArgv: process.execArgv,
  });
  manager.on('shardCreate', (shard) => {
    options.logger.info({ shard: shard.id, of: options.totalShards }, 'shard process started');
    shard.on('death', (child) => options.logger.warn({ shard: shard.id, pid: 'pid' in child ? child.pid : undefined }, 'shard process died; respawning'));
  });
  // No ready timeout: a shard that takes its time connecting is not a reason to give up on it.
  await manager.spawn({ amount: options.totalShards, delay: 0, timeout: -1 });
  return async () => {
    manager.respawn = false;
    for (const shard of manager.shards.values()) shard.kill();
  };
}
