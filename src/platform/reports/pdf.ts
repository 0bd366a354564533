/**
 * A report as PDF: its printable page (./html.ts) printed by Chromium (`page.pdf`), the browser the tests use.
 * One browser per process, launched on the first PDF (a launch costs about a second; a PDF then a fraction) and
 * closed with the server (`closePdfBrowser` in the server's onClose) or after a command. Each PDF gets its own tab;
 * scripts are off (the page has none, and report data never runs). Without Chromium: a 503 naming what to install.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { AppError } from '../errors.ts';
import type { Said } from '../messages.ts';
import { reportMessages as said } from './reports.messages.ts';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';
import { PRINT_FONTS, renderHtml } from './html.ts';
import type { Report } from './report.ts';

export const PDF_CONTENT_TYPE = 'application/pdf';
const PRINT_TIMEOUT_MS = 180_000;

/** 503: no Chromium to print with (the message says how to install it). */
const unavailable = (reason: Said) => new AppError(503, 'unavailable', said.pdfUnavailable({ reason }));

interface PdfBrowser { context: BrowserContext; profile: string }
let launched: Promise<PdfBrowser> | undefined;

async function launch(): Promise<PdfBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw unavailable(said.chromiumMissing());
  // playwright-core loads on the first PDF, not with every command and server start.
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-pdf-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, javaScriptEnabled: false, offline: true });
    return { context, profile };
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw unavailable(said.chromiumDidNotStart({ path: executablePath, reason: (error as Error).message.split('\n')[0] }));
  }
}

function browser(): Promise<PdfBrowser> {
  if (!launched) {
    const starting = launch();
    launched = starting;
    // A browser that failed to start, or died later (killed, crashed), is launched anew on the next PDF.
    const forget = () => { if (launched === starting) launched = undefined; };
    starting.then(({ context }) => context.on('close', forget), forget);
  }
  return launched;
}

const FOOTER = `<div style="width:100%;font-size:8px;text-align:center;color:#444;font-family:${PRINT_FONTS.replaceAll('"', "'")}">第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</div>`;

export async function renderPdf(report: Report): Promise<Buffer> {
  const { context } = await browser();
  const page = await context.newPage();
  try {
    // Laying out a long table takes a while on a busy machine (12,000 rows: 5–7 s here, then 20–35 s for 445 pages).
    await page.setContent(report.printablePage?.() ?? renderHtml(report), { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: FOOTER });
  } catch (error) {
    throw error instanceof AppError ? error : new AppError(503, 'unavailable', said.pdfPrintingFailed({ reason: (error as Error).message.split('\n')[0] }));
  } finally {
    await page.close().catch(() => {});
  }
}

/** Closes this process's PDF browser, if one was launched, and removes its profile. */
export async function closePdfBrowser(): Promise<void> {
  const pending = launched;
  launched = undefined;
  if (!pending) return;
  const opened = await pending.catch(() => undefined);
  if (!opened) return;
  await opened.context.close().catch(() => {});
  fs.rmSync(opened.profile, { recursive: true, force: true, maxRetries: 3 });
}
