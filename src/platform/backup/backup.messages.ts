/** What `sifund backup` says of its options (issue 10), in Chinese and English, and their labels. */
import { defineFieldLabels, defineMessages } from '../messages.ts';

// `level` is a field of other commands too (the evaluation's 区县/地市): the label stays general, the message says which
defineFieldLabels({
  level: ['级别', 'level'],
});

export const backupMessages = defineMessages('backup', {
  outRequired: ['请用 --out FILE 指定备份文件（可重复指定以生成多份副本）', 'name the backup file with --out FILE (repeat it for copies)'],
  levelRange: ['压缩级别须为 1–9 的整数', 'the compression level must be a whole number 1–9'],
});
