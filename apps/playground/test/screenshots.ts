// Screenshots of the main views for docs/ (`npm run screenshots -w @bpfkit/playground`, after
// `npm run build -w @bpfkit/playground`): built site, served locally, headless chromium.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureBuilt, launch, REPO_DIR, serve } from './support.js';

const DOCS = join(REPO_DIR, 'docs');
const only = process.argv.slice(2);

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state === 'idle' && document.body.dataset.seq !== undefined, undefined, { timeout: 30_000 });
  await page.waitForTimeout(150);
}

async function open(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url}${hash}`);
  await idle(page);
}

await ensureBuilt();
const server = await serve();
const { browser, close } = await launch();
try {
  const shots: [string, (page: Page) => Promise<void>][] = [
    ['overview', async (page) => {
      await open(page, server.url, '#example=fp-stack-arg');
      await page.click('#prog .row[data-i="9"] .tx');
      await page.hover('#prog .row[data-i="9"] .tx');
    }],
    ['listings', async (page) => {
      await open(page, server.url, '#example=twelve-args');
      await page.click('#prog .row[data-i="11"] .tx');
      await page.hover('#arm64 .grp[data-i="11"] .bh');
    }],
    ['cfg-const-fold', async (page) => {
      await open(page, server.url, '#example=const-fold');
      await page.click('[data-tabs="program"] button[data-tab="const"]');
      await page.click('#const .row[data-i="3"] .tx');
    }],
    ['verifier', async (page) => {
      await open(page, server.url, '#example=verifier-reject');
      await page.click('#verifier .errbox');
    }],
    ['precision', async (page) => {
      await open(page, server.url, '#example=twelve-args');
      await page.click('[data-tabs="side"] button[data-tab="precision"]');
      await idle(page);
    }],
    ['run', async (page) => {
      await open(page, server.url, '#example=conformance');
      await page.click('[data-tabs="side"] button[data-tab="run"]');
    }],
    ['stack', async (page) => {
      await open(page, server.url, '#example=fp-stack-arg');
      await page.click('[data-tabs="program"] button[data-tab="stack"]');
      await page.hover('#stack .row[data-i="13"] .tx');
    }],
    ['dark', async (page) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await open(page, server.url, '#example=large');
      await page.click('#prog .row[data-i="120"] .tx');
    }],
  ];
  for (const [name, setup] of shots) {
    if (only.length && !only.includes(name)) continue;
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    await setup(page);
    await page.waitForTimeout(100);
    await idle(page);
    const path = join(DOCS, `playground-${name}.png`);
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
    await page.close();
  }
} finally {
  await close();
  await server.close();
}
