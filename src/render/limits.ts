import { ComponentType, InteractionResponseType, embedLength, type APIEmbed, type APIInteractionResponse } from 'discord.js';

/**
 * Discord's documented size limits, checked on a whole interaction response. Returns what breaks
 * them (empty when the payload would be accepted). Used by tests and the fuzzer.
 */
export function responseProblems(response: APIInteractionResponse): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    const list = response.data.choices ?? [];
    check(list.length <= 25, `${list.length} choices (max 25)`);
    for (const c of list) {
      check(c.name.length >= 1 && c.name.length <= 100, `choice name of ${c.name.length} characters`);
      check(typeof c.value !== 'string' || c.value.length <= 100, `choice value of ${String(c.value).length} characters`);
    }
    return problems;
  }
  if (response.type !== InteractionResponseType.ChannelMessageWithSource && response.type !== InteractionResponseType.UpdateMessage) return problems;
  const data = response.data ?? {};
  check(Array.isArray(data.allowed_mentions?.parse) && data.allowed_mentions.parse.length === 0, 'allowed_mentions does not disable every mention');
  check((data.content ?? '').length <= 2000, 'content over 2000 characters');
  check(Boolean(data.content) || (data.embeds?.length ?? 0) > 0, 'a message with neither content nor embeds');
  const embeds = data.embeds ?? [];
  check(embeds.length <= 10, 'more than 10 embeds');
  let total = 0;
  for (const embed of embeds) {
    problems.push(...embedProblems(embed));
    total += embedLength(embed);
  }
  check(total <= 6000, `embeds total ${total} characters (max 6000)`);
  const rows = data.components ?? [];
  check(rows.length <= 5, `${rows.length} component rows (max 5)`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.type !== ComponentType.ActionRow) continue;
    check(row.components.length >= 1 && row.components.length <= 5, `a row of ${row.components.length} components`);
    const selects = row.components.filter((c) => c.type !== ComponentType.Button).length;
    check(selects === 0 || row.components.length === 1, 'a select menu sharing its row');
    for (const c of row.components) {
      if ('custom_id' in c && typeof c.custom_id === 'string') {
        check(c.custom_id.length >= 1 && c.custom_id.length <= 100, `custom_id of ${c.custom_id.length} characters`);
        check(!ids.has(c.custom_id), `duplicate custom_id ${c.custom_id}`);
        ids.add(c.custom_id);
      }
      if (c.type === ComponentType.Button && 'label' in c) check((c.label ?? '').length <= 80, 'button label over 80 characters');
      if (c.type === ComponentType.StringSelect) {
        check(c.options.length >= 1 && c.options.length <= 25, `${c.options.length} select options`);
        check((c.placeholder ?? '').length <= 150, 'placeholder over 150 characters');
        for (const o of c.options) {
          check(
            o.label.length >= 1 && o.label.length <= 100 && o.value.length <= 100 && (o.description ?? '').length <= 100,
            `select option "${o.label}" too long`,
          );
        }
      }
    }
  }
  return problems;
}

function embedProblems(embed: APIEmbed): string[] {
  const out: string[] = [];
  const max = (text: string | undefined, limit: number, what: string) => {
    if (text !== undefined && text.length > limit) out.push(`${what} of ${text.length} characters (max ${limit})`);
  };
  max(embed.title, 256, 'embed title');
  max(embed.description, 4096, 'embed description');
  max(embed.author?.name, 256, 'embed author');
  max(embed.footer?.text, 2048, 'embed footer');
  const fields = embed.fields ?? [];
  if (fields.length > 25) out.push(`${fields.length} embed fields (max 25)`);
  for (const field of fields) {
    max(field.name, 256, 'field name');
    max(field.value, 1024, 'field value');
    if (!field.name || !field.value) out.push('an empty field name or value');
  }
  return out;
}
