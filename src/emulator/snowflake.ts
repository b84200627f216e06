const DISCORD_EPOCH = 1420070400000n;
let sequence = 0n;

/** Discord-shaped ids: time since the Discord epoch in the top bits, so `(id >> 22)` is meaningful. */
export function snowflake(at = Date.now()): string {
  sequence = (sequence + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | sequence).toString();
}

/** The shard Discord routes a guild's events to. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
