import { InteractionResponseType, MessageFlags, type APIInteractionResponse, type APIInteractionResponseCallbackData } from 'discord.js';
import type { Choice } from '../interactions/types.ts';
import { deepFreeze } from './freeze.ts';
import { fit } from './text.ts';

export type MessageData = Omit<APIInteractionResponseCallbackData, 'allowed_mentions' | 'flags'>;

/** Every reply sets allowed_mentions to parse nothing: no text of ours or a user's can ping anyone. */
export function message(data: MessageData, options: { ephemeral?: boolean } = {}): APIInteractionResponse {
  if (Object.isFrozen(data)) return shared(data, options.ephemeral ? 'ephemeral' : 'message');
  return { type: InteractionResponseType.ChannelMessageWithSource, data: sendable(data, options.ephemeral === true) };
}

/**
 * The message with pings off and, when asked, the ephemeral flag. Object.assign rather than a
 * spread: on Node 20's V8 a spread followed by more properties takes a slow path (~1-5 µs).
 */
function sendable(data: MessageData, ephemeral: boolean): APIInteractionResponseCallbackData {
  const copy: APIInteractionResponseCallbackData = Object.assign({}, data);
  copy.allowed_mentions = { parse: [] };
  if (ephemeral) copy.flags = MessageFlags.Ephemeral;
  return copy;
}

type SharedKind = 'message' | 'ephemeral' | 'update';
const sharedReplies = new WeakMap<MessageData, Partial<Record<SharedKind, APIInteractionResponse>>>();

/**
 * A reply made of a frozen (reused) card alone is itself built once per kind and frozen, so a
 * transport can serialise it once too (see transports/json.ts). It lives as long as the card.
 */
function shared(data: MessageData, kind: SharedKind): APIInteractionResponse {
  let replies = sharedReplies.get(data);
  if (!replies) sharedReplies.set(data, (replies = {}));
  return (replies[kind] ??= deepFreeze(
    kind === 'update'
      ? { type: InteractionResponseType.UpdateMessage, data: sendable(data, false) }
      : { type: InteractionResponseType.ChannelMessageWithSource, data: sendable(data, kind === 'ephemeral') },
  ));
}

/** A short ephemeral answer: errors, refusals, "nothing matched". */
export function notice(text: string): APIInteractionResponse {
  return message({ content: fit(text, 2000), embeds: [], components: [] }, { ephemeral: true });
}

/** Replaces the message a button or select menu belongs to. */
export function update(data: MessageData): APIInteractionResponse {
  if (Object.isFrozen(data)) return shared(data, 'update');
  return { type: InteractionResponseType.UpdateMessage, data: sendable(data, false) };
}

export function choices(list: Choice[]): APIInteractionResponse {
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: list.slice(0, 25) } };
}
