/** What the command line itself says around a refusal (the refusal is said by the module that refuses), in `LANG`'s language. */
import { defineMessages } from '../platform/messages.ts';

export const cliMessages = defineMessages('cli', {
  error: ['错误：{message}', 'error: {message}'],
  rowProblem: ['第 {row} 行，{field}：{problem}', 'row {row}, {field}: {problem}'],
  moreProblems: ['……另有 {count} 个问题', '… and {count} more problems'],
});
