/**
 * What every browser test file sets up: the built web UI, a fresh test database, a `sifund serve` process on it
 * and a headless Chromium (before all tests; closed and dropped after them); a page that records script errors;
 * and signing in on the login page.
 */
import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../src/platform/testing/database.ts';
import { ensureCjkFont, launchBrowser, type Browser } from './browser.ts';
import { buildWebIfStale, startServer, type RunningServer } from './server.ts';

/** The administrator's password on the test server. */
export const ADMIN_PASSWORD = 'E2e-Chief-Pass-2026';

export interface E2eEnvironment { database: TestDatabase; server: RunningServer; browser: Browser }
/** The environment before the browser starts. */
export type ServerEnvironment = Omit<E2eEnvironment, 'browser'>;

export interface E2eOptions {
  /** install a CJK font when none is present (tests that save screenshots); default true */
  cjkFont?: boolean;
  /** fills the database before the server starts */
  beforeServer?(database: TestDatabase): Promise<unknown>;
  /** sets up data once the server answers (before the browser starts) */
  afterServer?(environment: ServerEnvironment): Promise<unknown>;
}

/**
 * Registers the before/after hooks of a browser test file and returns the environment they fill in (read its
 * fields inside tests, not at import time).
 */
export function setUpE2e(options: E2eOptions = {}): E2eEnvironment {
  const environment = {} as E2eEnvironment;
  before(async () => {
    buildWebIfStale();
    if (options.cjkFont ?? true) ensureCjkFont();
    environment.database = await createTestDatabase();
    await options.beforeServer?.(environment.database);
    environment.server = await startServer(environment.database.url, ADMIN_PASSWORD);
    await options.afterServer?.(environment);
    environment.browser = await launchBrowser();
  }, { timeout: 600_000 }); // may install Chromium with apt on a fresh machine

  after(async () => {
    await environment.browser?.close();
    await environment.server?.stop();
    await environment.database?.drop();
  });
  return environment;
}

/** Sets the page's default timeout and returns the list its uncaught script errors are collected in. */
export function watchPage(page: Page, timeoutMs: number): string[] {
  page.setDefaultTimeout(timeoutMs);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Fills in and submits the login form the page shows. */
export async function submitSignIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Opens the login page and signs in (the caller waits for the page the user lands on). */
export async function signInAs(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await submitSignIn(page, username, password);
}

/**
 * Opens a menu entry under a section (征缴管理, 基金财务 …) and waits until the address is the entry's. The section is
 * clicked only when it is closed — a click on an open section closes it — and the entry is clicked again when a click
 * landed during the section's opening animation and did not navigate (seen under load on CI).
 */
export async function openMenuEntry(page: Page, section: string, entryTestId: string) {
  const entry = page.getByTestId(entryTestId);
  for (let attempt = 1; ; attempt += 1) {
    if (!(await entry.isVisible())) await page.getByTestId('main-menu').getByText(section).click();
    await entry.waitFor({ state: 'visible' });
    const target = new URL((await entry.getAttribute('href')) ?? '', page.url());
    await entry.click();
    try {
      await page.waitForURL((url) => url.pathname === target.pathname, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Waits until no dialog is in its opening or closing animation. A click on a dialog's button during its opening zoom
 * can land where the button was a frame before and do nothing (seen under load on CI: the 已保存 dialog of the
 * webhooks page stayed open for 60 s after its OK was "clicked"); a screenshot taken then shows the dialog half drawn.
 */
export async function dialogsSettled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter, .ant-modal.ant-zoom-leave'));
}

/** The input of a form control whose data-testid antd puts on the control or on its wrapper. */
export const inputOf = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Types a date (YYYY-MM-DD) into an antd date picker and confirms it. */
export async function fillDate(page: Page, testId: string, date: string) {
  const input = inputOf(page, testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/**
 * Waits until the `nth` <JobProgress> with the test id shows its job finished, and asserts it completed (with
 * `replacing`, a job other than the one it showed before). A failed job
 * fails the test with the error the job keeps; a job unfinished at the timeout fails it with the job as the API has it
 * then and the server's last log lines (where the runner says why it did not work it).
 */
export async function waitForJobCompleted(page: Page, server: RunningServer, testId: string, { timeout, nth = 0, replacing }: {
  timeout: number; nth?: number;
  /** the job the progress showed before this one was started: its progress is not this job's */
  replacing?: string | null;
}) {
  const progress = page.getByTestId(testId).nth(nth);
  if (replacing) await page.locator(`[data-testid="${testId}"]:not([data-job="${replacing}"])`).nth(nth).waitFor();
  await progress.waitFor();
  const jobId = await progress.getAttribute('data-job');
  const jobNow = () => page.evaluate(async (id) => (await fetch(`/api/jobs/${id}`)).text(), jobId);
  try {
    await page.locator(`[data-testid="${testId}"]:is([data-status=completed], [data-status=failed])`).nth(nth).waitFor({ timeout });
  } catch (error) {
    throw new Error(`job ${jobId} did not finish within ${timeout} ms: ${await jobNow()}\nserver log:\n${server.output().slice(-4000)}`, { cause: error });
  }
  if (await progress.getAttribute('data-status') === 'failed') throw new Error(`job ${jobId} failed: ${await jobNow()}`);
}
