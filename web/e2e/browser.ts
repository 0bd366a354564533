/**
 * The browser for the e2e tests and screenshots: the system Chromium driven by playwright-core (no browser
 * download). When Chromium is missing and we are root, it is installed with apt-get (Debian's `chromium`).
 * Each launch gets a fresh temporary profile (--user-data-dir), removed on close.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/platform/reports/chromium.ts';

/** The Chromium executable, installing Debian's package when it is missing (needs root, as on CI). */
export function chromiumPath(): string {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error('Chromium is not installed: run `apt-get install -y chromium` (or set CHROMIUM_PATH)');
  process.stderr.write('Chromium not found: installing it with apt-get (chromium)\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'pipe'], env });
  const installed = findChromium();
  if (!installed) throw new Error(`installing Chromium failed: ${install.stderr?.toString().slice(-2000) ?? `exit ${install.status}`}`);
  return installed;
}

export interface Browser { context: BrowserContext; page: Page; close(): Promise<void> }

/** Headless Chromium with a fresh profile; a 1440×900 window and Chinese as the browser language by default. */
export async function launchBrowser(options: { width?: number; height?: number; locale?: string } = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 }, locale: options.locale ?? 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context, page,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Chinese text needs a CJK font (screenshots); installs Debian's Noto CJK when none is present and we are root. */
export function ensureCjkFont() {
  const hasFont = () => spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout?.trim().length > 0;
  if (hasFont()) return;
  if (process.getuid?.() !== 0) { process.stderr.write('warning: no CJK font installed (apt-get install fonts-noto-cjk); Chinese text will show as boxes\n'); return; }
  process.stderr.write('no CJK font: installing fonts-noto-cjk with apt-get\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'fonts-noto-cjk'], { stdio: 'ignore', env });
  if (!hasFont()) process.stderr.write('warning: installing fonts-noto-cjk failed; Chinese text will show as boxes\n');
}
