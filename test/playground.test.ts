import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswer } from '../src/app.ts';
import { createLogger } from '../src/log.ts';
import { startPlayground, type Playground } from '../src/playground/server.ts';
import { startRewatch } from '../src/rewatch/setup.ts';
import { openStore, type OpenedStore } from '../src/store/open.ts';
import { dex } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('the offline playground in a real browser', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let rewatch: Awaited<ReturnType<typeof startRewatch>> | undefined;
  let store: OpenedStore;

  beforeAll(async () => {
    const logger = createLogger('silent');
    // As npm start wires it: the playground's bot posts rewatch episodes through the emulator.
    playground = await startPlayground({ port: 0, answer: createAnswer({ dex, logger, rewatch: () => rewatch?.service }), logger });
    store = await openStore('memory://', logger);
    rewatch = await startRewatch({ store, storeUrl: 'memory://', namespace: 'trekdex', ...playground.posting, dex, logger });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'en-GB' });
    await page.goto(playground.url);
  });
  afterAll(async () => {
    await browser?.close();
    await rewatch?.close();
    await store?.close();
    await playground?.stop();
  });

  it('lists the commands with their descriptions when / is typed', async () => {
    await page.locator('#composer').fill('');
    await page.locator('#composer').pressSequentially('/');
    const popup = page.locator('#popup');
    await expect.poll(() => popup.locator('li[role=option]').count()).toBeGreaterThanOrEqual(8);
    await expect.poll(() => popup.innerText()).toContain('/episode');
    expect(await popup.innerText()).toContain('Show an episode');
  });

  it('autocompletes /episode pen, shows Penance with the spoiler hidden, reveals it, and follows Next', async () => {
    const composer = page.locator('#composer');
    await composer.fill('');
    await composer.pressSequentially('/episode pen');
    const choice = page.locator('#popup li[role=option]', { hasText: 'PIC S02E02 · Penance (2022)' });
    await choice.waitFor();
    await choice.click();
    await expect.poll(() => composer.inputValue()).toBe('/episode PIC S02E02 · Penance (2022)');
    await composer.press('Enter');

    const card = page.locator('article.message', { has: page.locator('.embed-title', { hasText: 'S02E02 · Penance' }) }).last();
    await card.waitFor();
    const spoiler = card.locator('.spoiler').first();
    expect(await spoiler.getAttribute('class')).toBe('spoiler');
    // Runs in the page; the test's own TypeScript has no DOM types.
    const colour = (node: unknown) => (globalThis as unknown as { getComputedStyle(n: unknown): { color: string } }).getComputedStyle(node).color;
    expect(await spoiler.evaluate(colour)).toBe('rgba(0, 0, 0, 0)');
    expect(await card.locator('.field-value').first().innerText()).toBe('10 March 2022');
    expect(await card.locator('a.btn.link').count()).toBe(4);

    await spoiler.click();
    expect(await spoiler.getAttribute('class')).toBe('spoiler revealed');
    expect(await spoiler.innerText()).toContain('Picard learns from Q');

    await card.locator('button', { hasText: 'S02E03' }).click();
    const updated = page.locator('article.message .embed-title', { hasText: 'S02E03 · Assimilation' });
    await updated.waitFor();
    // Updated in place: still one card for this message, now showing S02E03.
    expect(await page.locator('.embed-title', { hasText: 'S02E02 · Penance' }).count()).toBe(0);
  });

  it('shows /series picard with its three seasons, and writes a screenshot', async () => {
    const composer = page.locator('#composer');
    await composer.fill('');
    await composer.pressSequentially('/series picard');
    await page.locator('#popup li[role=option]').first().waitFor();
    await composer.press('Escape');
    await composer.press('Enter');
    const card = page.locator('article.message', { has: page.locator('.embed-title', { hasText: 'Star Trek: Picard' }) }).last();
    await card.waitFor();
    const seasons = await card.locator('.field', { hasText: 'Season by season' }).locator('.field-value').innerText();
    expect(seasons.split('\n')).toHaveLength(3);
    expect(seasons).toContain('Season 3');
    mkdirSync('artifacts', { recursive: true });
    await page.screenshot({ path: 'artifacts/playground.png', fullPage: true });
  });

  it('shows each choice of a settings option by its label, once', async () => {
    const composer = page.locator('#composer');
    await composer.fill('');
    await composer.pressSequentially('/settings spoilers mode:');
    const items = page.locator('#popup li[role=option]');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(3);
    const texts = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts).toContain('always');
    expect(texts).toContain('never');
    expect(texts.some((t) => /^(\w+) \1$/.test(t))).toBe(false);
    await composer.press('Escape');
    await composer.fill('');
  });

  it('fits a phone-sized window: no card, button or message box wider than 390 px', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    try {
      await phone.goto(playground.url);
      const composer = phone.locator('#composer');
      await composer.pressSequentially('/season tng number:3');
      await composer.press('Escape');
      await composer.press('Enter');
      await phone.locator('.embed-title', { hasText: 'Season 3' }).waitFor();
      // Evaluated in the page (a string keeps the DOM's types out of this Node project).
      const overflow = await phone.evaluate(`(() => {
        const wide = [...document.querySelectorAll('.embed, .btn, select.menu, #composer, .message')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5);
        return { page: document.documentElement.scrollWidth, wide: wide.map((e) => e.className || e.id) };
      })()`);
      expect(overflow).toEqual({ page: 390, wide: [] });
      mkdirSync('artifacts', { recursive: true });
      await phone.screenshot({ path: 'artifacts/playground-phone.png', fullPage: false });
    } finally {
      await phone.close();
    }
  });

  it("shows a rewatch club's post in the channel as it arrives: /rewatch next makes one at once", async () => {
    const composer = page.locator('#composer');
    for (const line of ['/rewatch start series:tos channel:here threads:false', '/rewatch next']) {
      await composer.fill('');
      await composer.pressSequentially(line);
      await composer.press('Escape');
      await composer.press('Enter');
    }
    await page.locator('article.message', { hasText: 'Rewatch club: episode 1 of 80 of Star Trek: The Original Series' }).waitFor();
    await page.locator('.embed-title', { hasText: 'S01E00 · The Cage' }).last().waitFor();
  });

  it('marks ephemeral replies as visible only to you', async () => {
    const composer = page.locator('#composer');
    await composer.fill('');
    await composer.pressSequentially('/help');
    await composer.press('Escape');
    await composer.press('Enter');
    await page.locator('article.message .ephemeral', { hasText: 'Only you can see this' }).last().waitFor();
  });
});
