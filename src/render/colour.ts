/** A steady accent colour per series, so a channel full of cards is easy to scan. */
const PALETTE = [0x4f7cac, 0xc0392b, 0xd4a017, 0x2e8b57, 0x8e44ad, 0x16a085, 0xd35400, 0x2c3e50, 0x7f8c8d, 0x1abc9c, 0xe67e22, 0x3498db];

export function seriesColour(seriesId: string): number {
  let hash = 0;
  for (const char of seriesId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
