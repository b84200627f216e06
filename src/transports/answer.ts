import type { APIInteractionResponse } from 'discord.js';
import type { Dispatch } from '../interactions/dispatch.ts';
import type { InteractionInput } from '../interactions/types.ts';
import type { Logger } from '../log.ts';

export type Answer = (input: InteractionInput) => Promise<APIInteractionResponse>;

function describe(input: InteractionInput): string {
  return input.kind === 'component' ? input.customId.split(':').slice(0, 2).join(':') : input.name;
}

/** One log line per interaction, the same for both transports: id, what was asked, how long, what came of it. */
export function loggedAnswer(dispatch: Dispatch, parent: Logger): Answer {
  // This line holds ids, names and timings only, never a token or a header: it skips the redaction
  // pass, which cost more than the rest of writing the line.
  const logger = parent.child({}, { redact: [] });
  return async (input) => {
    const started = performance.now();
    const response = await dispatch(input);
    // A busy endpoint logs at "warn": then the line is not even put together.
    if (!logger.isLevelEnabled('info')) return response;
    logger.info(
      {
        interaction: input.id,
        kind: input.kind,
        command: describe(input),
        guild: input.guildId,
        latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
        outcome: `response type ${response.type}`,
      },
      'answered',
    );
    return response;
  };
}
