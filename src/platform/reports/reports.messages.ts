/** What report exports say when they cannot be made (issue 10), in Chinese and English. */
import { defineMessages } from '../messages.ts';

export const reportMessages = defineMessages('reports', {
  pdfUnavailable: ['暂时无法导出 PDF：{reason}；请安装 Chromium 和中文字体：apt-get install chromium fonts-noto-cjk（或设置 CHROMIUM_PATH）',
    'PDF export is unavailable: {reason}; install Chromium and the Chinese fonts: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)'],
  pdfPrintingFailed: ['暂时无法导出 PDF：打印失败：{reason}', 'PDF export is unavailable: printing failed: {reason}'],
  chromiumMissing: ['未安装 Chromium', 'Chromium is not installed'],
  chromiumDidNotStart: ['Chromium（{path}）未能启动：{reason}', 'Chromium ({path}) did not start: {reason}'],
  outRequired: ['--format {format} 须用 --out 指定输出文件', 'is required for --format {format}: name the file to write'],
});
