// The playground's client: a composer that speaks slash commands and a renderer for Discord messages.
// Every action goes to the local emulator as a real interaction; the bot's answer is drawn here.
const OPTION = { SUB_COMMAND: 1, STRING: 3, INTEGER: 4, BOOLEAN: 5, NUMBER: 10 };
const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link' };

const messagesEl = document.getElementById('messages');
const input = document.getElementById('composer');
const popup = document.getElementById('popup');
let commands = [];
/** Autocomplete picks: option name -> { name shown, value sent }. */
let picked = {};
let items = [];
let selected = 0;
let requestId = 0;

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Discord markdown, as much as TrekDex uses: escapes, code, spoilers, bold, italics, underline, strike, timestamps. */
function markdown(text) {
  const kept = [];
  const keep = (html) => `\u0000${kept.push(html) - 1}\u0000`;
  let s = text.replace(/\\([^\w\s])/g, (_, c) => keep(escapeHtml(c)));
  s = s.replace(/`([^`]+)`/g, (_, c) => keep(`<code>${escapeHtml(c)}</code>`));
  s = s.replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, t, style) => keep(`<time>${escapeHtml(formatTimestamp(Number(t), style))}</time>`));
  s = escapeHtml(s)
    .replace(/\|\|([\s\S]+?)\|\|/g, '<span class="spoiler" role="button" tabindex="0" aria-label="Spoiler">$1</span>')
    .replace(/\*\*([\s\S]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__([\s\S]+?)__/g, '<u>$1</u>')
    .replace(/\*([^*]+?)\*/g, '<em>$1</em>')
    .replace(/(^|\W)_([^_]+?)_(?=\W|$)/g, '$1<em>$2</em>')
    .replace(/~~([\s\S]+?)~~/g, '<s>$1</s>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => kept[Number(i)]);
}

function formatTimestamp(seconds, style = 'f') {
  const date = new Date(seconds * 1000);
  const options = {
    t: { timeStyle: 'short' },
    T: { timeStyle: 'medium' },
    d: { dateStyle: 'short' },
    D: { dateStyle: 'long' },
    f: { dateStyle: 'long', timeStyle: 'short' },
    F: { dateStyle: 'full', timeStyle: 'short' },
  }[style];
  if (style === 'R') return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(Math.round((seconds * 1000 - Date.now()) / 86400000), 'day');
  return new Intl.DateTimeFormat(undefined, options).format(date);
}

function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

function renderEmbed(embed) {
  const box = el('div', 'embed');
  if (embed.color !== undefined) box.style.borderLeftColor = `#${embed.color.toString(16).padStart(6, '0')}`;
  if (embed.author)
    box.append(
      el(
        'div',
        'embed-author',
        embed.author.url
          ? `<a href="${escapeHtml(embed.author.url)}" target="_blank" rel="noopener">${escapeHtml(embed.author.name)}</a>`
          : escapeHtml(embed.author.name),
      ),
    );
  if (embed.title)
    box.append(
      el(
        'div',
        'embed-title',
        embed.url ? `<a href="${escapeHtml(embed.url)}" target="_blank" rel="noopener">${markdown(embed.title)}</a>` : markdown(embed.title),
      ),
    );
  if (embed.description) box.append(el('div', 'embed-description', markdown(embed.description)));
  if (embed.fields?.length) {
    const fields = el('div', 'embed-fields');
    for (const f of embed.fields) {
      const field = el('div', f.inline ? 'field inline' : 'field');
      field.append(el('div', 'field-name', markdown(f.name)), el('div', 'field-value', markdown(f.value)));
      fields.append(field);
    }
    box.append(fields);
  }
  if (embed.footer) box.append(el('div', 'embed-footer', escapeHtml(embed.footer.text)));
  return box;
}

function renderComponents(rows, messageId) {
  const out = [];
  for (const row of rows ?? []) {
    const line = el('div', 'row');
    for (const c of row.components ?? []) {
      if (c.type === 2) {
        const label = `${c.emoji?.name ? `${escapeHtml(c.emoji.name)} ` : ''}${escapeHtml(c.label ?? '')}`;
        if (c.style === 5) {
          const a = el('a', 'btn link', label);
          a.href = c.url;
          a.target = '_blank';
          a.rel = 'noopener';
          line.append(a);
        } else {
          const b = el('button', `btn ${BUTTON_STYLES[c.style] ?? 'secondary'}`, label);
          b.type = 'button';
          b.disabled = Boolean(c.disabled);
          b.addEventListener('click', () => clickComponent(messageId, c.custom_id));
          line.append(b);
        }
      } else if (c.type === 3) {
        const select = el('select', 'menu');
        select.setAttribute('aria-label', c.placeholder ?? 'Choose');
        select.append(new Option(c.placeholder ?? 'Choose…', '', true, true));
        select.options[0].disabled = true;
        for (const o of c.options) select.append(new Option(o.description ? `${o.label} — ${o.description}` : o.label, o.value));
        select.addEventListener('change', () => clickComponent(messageId, c.custom_id, [select.value]));
        line.append(select);
      }
    }
    out.push(line);
  }
  return out;
}

function messageNode(author, isBot, data, ephemeral, messageId) {
  const node = el('article', 'message');
  if (messageId) node.dataset.messageId = messageId;
  node.append(el('div', `avatar${isBot ? '' : ' user'}`, isBot ? 'TD' : 'Y'));
  const body = el('div', 'body');
  body.append(el('div', 'author', `${escapeHtml(author)}${isBot ? '<span class="bot-tag">APP</span>' : ''}`));
  if (data.content) body.append(el('div', 'content', markdown(data.content)));
  for (const embed of data.embeds ?? []) body.append(renderEmbed(embed));
  body.append(...renderComponents(data.components, messageId));
  if (ephemeral) body.append(el('div', 'ephemeral', 'Only you can see this'));
  node.append(body);
  return node;
}

/** Draws the bot's reply; an update (Previous/Next, menus) replaces its message in place. */
function showBotMessage(result, replace) {
  const data = result.response?.data ?? {};
  const node = messageNode('TrekDex', true, data, ((data.flags ?? 0) & 64) !== 0, result.messageId);
  if (replace) replace.replaceWith(node);
  else messagesEl.append(node);
  node.scrollIntoView({ block: 'end' });
}

function showError(text) {
  const node = el('div', 'error', escapeHtml(text));
  messagesEl.append(node);
}

async function post(path, payload) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

async function clickComponent(messageId, customId, values) {
  try {
    const result = await post('/api/component', { messageId, customId, values });
    const inPlace = result.response.type === 7;
    showBotMessage(result, inPlace ? messagesEl.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`) : undefined);
  } catch (error) {
    showError(error.message);
  }
}

messagesEl.addEventListener('click', (event) => {
  const spoiler = event.target.closest('.spoiler');
  if (spoiler) spoiler.classList.add('revealed');
});
messagesEl.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target.classList?.contains('spoiler')) event.target.classList.add('revealed');
});

// ---- The composer ------------------------------------------------------------------------------

/** "/episode query:pen private:true" -> the command, its (sub)options as typed, and the one being typed. */
function parse(text) {
  const m = /^\/([\w-]*)(\s+([\s\S]*))?$/.exec(text);
  if (!m) return null;
  const command = commands.find((c) => c.name === m[1].toLowerCase());
  if (!command || m[2] === undefined) return { prefix: m[1], command: null };
  let rest = m[3] ?? '';
  let defs = command.options ?? [];
  let sub = null;
  if (defs.some((o) => o.type === OPTION.SUB_COMMAND)) {
    const s = /^(\S*)(\s+([\s\S]*))?$/.exec(rest);
    sub = defs.find((o) => o.name === s[1]) ?? null;
    if (!sub || s[2] === undefined) return { command, subPrefix: s[1], sub: null };
    defs = sub.options ?? [];
    rest = s[3] ?? '';
  }
  const names = defs.map((o) => o.name);
  const segments = [];
  const re = names.length ? new RegExp(`(?:^|\\s+)(${names.join('|')}):`, 'g') : null;
  let match;
  let last = 0;
  let current = /^\S+:/.test(rest) || !defs.length ? null : defs[0].name;
  while (re && (match = re.exec(rest))) {
    if (current !== null) segments.push({ name: current, value: rest.slice(last, match.index).trim() });
    current = match[1];
    last = re.lastIndex;
  }
  if (current !== null) segments.push({ name: current, value: rest.slice(last).trim() });
  return { command, sub, defs, segments, focused: segments.at(-1) ?? null };
}

function typed(def, segment) {
  const chosen = picked[def.name];
  if (chosen && chosen.name === segment.value) return chosen.value;
  if (def.type === OPTION.INTEGER || def.type === OPTION.NUMBER) return Number(segment.value);
  if (def.type === OPTION.BOOLEAN) return segment.value.toLowerCase() === 'true';
  return segment.value;
}

function optionsPayload(parsed, focusedName) {
  const list = parsed.segments
    .filter((s) => s.value !== '' || s.name === focusedName)
    .map((s) => {
      const def = parsed.defs.find((d) => d.name === s.name);
      const focused = s.name === focusedName;
      return { name: s.name, type: def.type, value: focused ? s.value : typed(def, s), ...(focused ? { focused: true } : {}) };
    });
  return parsed.sub ? [{ name: parsed.sub.name, type: OPTION.SUB_COMMAND, options: list }] : list;
}

function showPopup(list) {
  items = list;
  selected = Math.max(
    0,
    list.findIndex((i) => !i.heading),
  );
  popup.innerHTML = '';
  list.forEach((item, i) => {
    const li = el(
      'li',
      item.heading ? 'heading' : '',
      item.heading
        ? escapeHtml(item.heading)
        : `<span class="name">${escapeHtml(item.label)}</span><span class="desc">${escapeHtml(item.description ?? '')}</span>`,
    );
    if (!item.heading) {
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === selected));
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(i);
      });
    }
    popup.append(li);
  });
  popup.hidden = list.length === 0;
}

function move(delta) {
  if (popup.hidden) return;
  let next = selected;
  do next = (next + delta + items.length) % items.length;
  while (items[next].heading && next !== selected);
  selected = next;
  [...popup.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === selected)));
  popup.children[selected]?.scrollIntoView({ block: 'nearest' });
}

function choose(i) {
  const item = items[i];
  if (!item || item.heading) return;
  const more = item.apply();
  input.focus();
  // A picked value is final until the user types again; a picked command or option name asks for the next part.
  if (more) refresh();
  else showPopup([]);
}

async function refresh() {
  const text = input.value;
  const parsed = parse(text);
  if (!parsed) return showPopup([]);
  if (!parsed.command) {
    const matches = commands.filter((c) => c.name.startsWith(parsed.prefix.toLowerCase()));
    return showPopup(
      matches.length
        ? [
            { heading: 'TrekDex' },
            ...matches.map((c) => ({
              label: `/${c.name}`,
              description: c.description,
              apply: () => {
                input.value = `/${c.name} `;
                picked = {};
                return true;
              },
            })),
          ]
        : [],
    );
  }
  if (parsed.sub === null && parsed.subPrefix !== undefined) {
    const subs = (parsed.command.options ?? []).filter((o) => o.name.startsWith(parsed.subPrefix));
    return showPopup(
      subs.map((s) => ({
        label: `/${parsed.command.name} ${s.name}`,
        description: s.description,
        apply: () => {
          input.value = `/${parsed.command.name} ${s.name} `;
          return true;
        },
      })),
    );
  }
  const focused = parsed.focused;
  const def = focused && parsed.defs.find((d) => d.name === focused.name);
  // The value being typed is always the end of the line: swap it for the chosen name.
  const replaceFocused = (shown) => {
    const trimmed = text.replace(/\s+$/, '');
    input.value = `${trimmed.slice(0, trimmed.length - focused.value.length)}${shown}`;
  };
  if (def?.autocomplete) {
    const id = ++requestId;
    try {
      const result = await post('/api/autocomplete', { name: parsed.command.name, options: optionsPayload(parsed, focused.name) });
      if (id !== requestId) return;
      const choices = result.response.data?.choices ?? [];
      return showPopup(
        choices.map((c) => ({
          label: c.name,
          description: '',
          apply: () => {
            picked[def.name] = { name: c.name, value: c.value };
            replaceFocused(c.name);
          },
        })),
      );
    } catch {
      return showPopup([]);
    }
  }
  if (def?.choices) {
    return showPopup(
      def.choices
        .filter((c) => c.name.startsWith(focused.value))
        .map((c) => ({
          label: c.name,
          // Discord shows a choice by its name; the value is only worth showing when it differs.
          description: String(c.value) === c.name ? '' : String(c.value),
          apply: () => {
            picked[def.name] = { name: c.name, value: c.value };
            replaceFocused(c.name);
          },
        })),
    );
  }
  const unused = parsed.defs.filter((d) => !parsed.segments.some((s) => s.name === d.name));
  showPopup(
    unused.length && /\s$/.test(text)
      ? [
          { heading: 'Options' },
          ...unused.map((d) => ({
            label: `${d.name}:`,
            description: `${d.description}${d.required ? ' (required)' : ''}`,
            apply: () => {
              input.value = `${text}${d.name}:`;
              return true;
            },
          })),
        ]
      : [],
  );
}

async function send() {
  const text = input.value.trim();
  // "/help" with nothing after it is a whole command too.
  const parsed = parse(`${text} `)?.command ? parse(`${text} `) : parse(text);
  if (!parsed?.command || (parsed.defs === undefined && parsed.sub === null)) {
    showError(text.startsWith('/') ? 'Pick a command from the list (type / to see them).' : 'TrekDex only answers slash commands here: type / to start.');
    return;
  }
  const missing = parsed.defs.filter((d) => d.required && !parsed.segments.some((s) => s.name === d.name && s.value));
  if (missing.length) {
    showError(`/${parsed.command.name} needs ${missing.map((d) => d.name).join(', ')}.`);
    return;
  }
  messagesEl.append(messageNode('You', false, { content: text }, false));
  input.value = '';
  showPopup([]);
  try {
    showBotMessage(await post('/api/command', { name: parsed.command.name, options: optionsPayload(parsed, null) }));
  } catch (error) {
    showError(error.message);
  }
  picked = {};
}

input.addEventListener('input', () => {
  refresh();
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    move(1);
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    move(-1);
  } else if ((event.key === 'Enter' || event.key === 'Tab') && !popup.hidden && items.length) {
    event.preventDefault();
    choose(selected);
  } else if (event.key === 'Escape') showPopup([]);
});
document.getElementById('composer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});

/** Posts the bot makes on its own (a rewatch club's episodes) appear in the channel as they arrive. */
let postsSeen = 0;
async function pollPosts() {
  try {
    const fresh = await (await fetch(`/api/posts?after=${postsSeen}`)).json();
    for (const result of fresh) {
      postsSeen++;
      showBotMessage(result);
    }
  } catch {
    // The playground is restarting; the next poll catches up.
  }
}
setInterval(pollPosts, 1000);

commands = await (await fetch('/api/commands')).json();
input.focus();
