const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  bull: '•',
  middot: '·',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const strip = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A saved episode page as HTML -> the same plain-text layout as a saved text page: the title line
 * first, then one block per paragraph or list item. Scripts, styles, forms and comments are dropped.
 */
export function htmlToText(html: string): string {
  const body = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|noscript|form|svg|nav|footer)\b[\s\S]*?<\/\1>/gi, '');
  const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(body) ?? /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(body);
  const blocks: string[] = [];
  if (heading) blocks.push(strip(heading[1]!));
  const block = /<(p|li|h[2-6])\b[^>]*>([\s\S]*?)<\/\1>/gi;
  let match: RegExpExecArray | null;
  while ((match = block.exec(body))) {
    const text = strip(match[2]!);
    if (!text) continue;
    blocks.push(match[1]!.toLowerCase() === 'li' ? `• ${text}` : text);
  }
  return blocks.join('\n\n');
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<h1|<p\b)/i.test(text) || /<\/(p|h1|li|html)>/i.test(text);
}
