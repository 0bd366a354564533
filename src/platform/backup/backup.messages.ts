/** What `sifund backup` says of its options (issue 10), in Chinese and English, and their labels. */
import { defineFieldLabels, defineMessages } from '../messages.ts';

defineFieldLabels({
  level: ['压缩级别', 'level'],
});

export const backupMessages = defineMessages('backup', {
  outRequired: ['请用 --out FILE 指定备份文件（可重复指定以生成多份副本）', 'name the backup file with --out FILE (repeat it for copies)'],
  levelRange: ['须为 1–9 的整数', 'must be a whole number 1–9'],
});
