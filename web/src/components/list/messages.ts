/** The list page's own words (ListPage.tsx): its toolbar, column settings, selection, totals row and cursor pager. */
import type { Messages } from '../../platform/module.ts';

export const messages: Messages = {
  'list.export': ['导出', 'Export'],
  'list.exportHint': ['导出全部符合条件的记录', 'Every row that matches the filters'],
  'list.print': ['打印', 'Print'],
  'list.columns': ['列设置', 'Columns'],
  'list.columnsReset': ['恢复默认', 'Reset'],
  'list.moveUp': ['上移', 'Move up'],
  'list.moveDown': ['下移', 'Move down'],
  'list.selected': ['已选 {n} 项', '{n} selected'],
  'list.amountFrom': ['最低金额', 'From'],
  'list.amountTo': ['最高金额', 'To'],
  'list.totals': ['合计', 'Total'],
  'list.pageNumber': ['第 {n} 页', 'Page {n}'],
  'list.firstPage': ['首页', 'First'],
  'list.previousPage': ['上一页', 'Previous'],
  'list.nextPage': ['下一页', 'Next'],
  'list.pageSize': ['{n} 条/页', '{n} / page'],
};
