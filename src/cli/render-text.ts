import { ComponentType, InteractionResponseType, MessageFlags, type APIEmbed, type APIInteractionResponse } from 'discord.js';

/** A Discord reply as a person would read it in a terminal. */
export function renderText(response: APIInteractionResponse): string {
  if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    const list = response.data.choices ?? [];
    return list.length ? list.map((c, i) => `${String(i + 1).padStart(2)}. ${c.name}  →  ${c.value}`).join('\n') : '(no suggestions)';
  }
  if (response.type !== InteractionResponseType.ChannelMessageWithSource && response.type !== InteractionResponseType.UpdateMessage) {
    return `(response type ${response.type})`;
  }
  const data = response.data ?? {};
  const out: string[] = [];
  if (response.type === InteractionResponseType.UpdateMessage) out.push('[updates the message in place]');
  if (((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0) out.push('[only you can see this]');
  if (data.content) out.push(data.content);
  for (const embed of data.embeds ?? []) out.push(embedText(embed));
  for (const row of data.components ?? []) {
    if (row.type !== ComponentType.ActionRow) continue;
    for (const c of row.components) {
      if (c.type === ComponentType.Button) {
        const label = [('emoji' in c && c.emoji?.name) || '', ('label' in c && c.label) || ''].filter(Boolean).join(' ');
        out.push('url' in c && c.url ? `[${label}] → ${c.url}` : `[${label}] (${'custom_id' in c ? c.custom_id : ''})`);
      } else if (c.type === ComponentType.StringSelect) {
        out.push(`[▾ ${c.placeholder ?? 'Choose'}] (${c.custom_id})`);
        for (const o of c.options) out.push(`    · ${o.label}  →  ${o.value}`);
      }
    }
  }
  return out.join('\n\n');
}

function embedText(embed: APIEmbed): string {
  const out: string[] = [];
  if (embed.author?.name) out.push(`── ${embed.author.name}`);
  if (embed.title) out.push(embed.url ? `${embed.title}  <${embed.url}>` : embed.title);
  if (embed.description) out.push('', embed.description, '');
  for (const field of embed.fields ?? []) out.push(`${field.name}: ${field.value.includes('\n') ? `\n${field.value}` : field.value}`);
  if (embed.footer?.text) out.push('', embed.footer.text);
  return out.join('\n');
}
