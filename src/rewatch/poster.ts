import { createHash } from 'node:crypto';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord.js';
import type { MessageData } from '../render/reply.ts';

/** Discord would not take the post, and retrying will not change that (permissions, a deleted channel). */
export class PostRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PostRefused';
  }
}

/** Posts to channels with the bot token; the rewatch runner needs nothing else of Discord. */
export interface ChannelPoster {
  /** Posts once per `nonce`: Discord answers a repeat of the same nonce with the first message. */
  post(channelId: string, data: MessageData, nonce: string): Promise<{ id: string }>;
  /** A public thread on a posted message, for the discussion. */
  thread(channelId: string, messageId: string, name: string): Promise<void>;
}

/** A nonce Discord accepts (at most 25 characters) that is the same for the same run of the same club. */
export function postNonce(key: string, run: number): string {
  return createHash('sha256').update(`${key}|${run}`).digest('base64url').slice(0, 25);
}

function refusal(error: unknown): never {
  if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) {
    const what =
      error.status === 403
        ? 'Discord refused the post: TrekDex lacks permission in that channel (it needs View Channel, Send Messages and Embed Links, and Create Public Threads for threads)'
        : 'Discord says the channel no longer exists';
    throw new PostRefused(error.status, `${what} (${error.code}: ${error.message})`);
  }
  throw error;
}

/** @discordjs/rest does the rate limiting (429s wait and retry) and the retries of 5xx. */
export function restPoster(rest: REST): ChannelPoster {
  return {
    async post(channelId, data, nonce) {
      try {
        const body = { ...data, allowed_mentions: { parse: [] }, nonce, enforce_nonce: true };
        const message = (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
        return { id: message.id };
      } catch (error) {
        return refusal(error);
      }
    },
    async thread(channelId, messageId, name) {
      try {
        await rest.post(Routes.threads(channelId, messageId), { body: { name: name.slice(0, 100), auto_archive_duration: 1440 } });
      } catch (error) {
        refusal(error);
      }
    },
  };
}
