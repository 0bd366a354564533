/** 节假日安排: the UI's words, `key: [中文, English]`. */
import type { Messages } from '../../platform/module.ts';

export const messages = {
  'menu.holidays': ['节假日安排', 'Public holidays'],

  'holidays.year': ['年度', 'Year'],
  'holidays.reference': ['依据', 'Notice'],
  'holidays.announcedOn': ['发布日期', 'Announced on'],
  'holidays.name': ['节日', 'Holiday'],
  'holidays.dates': ['放假日期', 'Days off'],
  'holidays.days': ['天数', 'Days'],
  'holidays.workingWeekends': ['调休上班日', 'Weekend days worked (调休)'],
  'holidays.noWorkingWeekends': ['本年无调休上班日', 'No weekend day is worked this year'],
  'holidays.rule': ['缴费截止日等期限的最后一日遇法定节假日或休息日的，顺延至其后第一个工作日（《民法典》第二百零三条，《税收征收管理法实施细则》第一百零九条）。', 'A due date or other time limit whose last day is a public holiday or a weekend moves to the next working day (Civil Code art. 203; Tax Collection Law Implementing Rules art. 109).'],
  'holidays.unpublished': ['{year} 年的放假安排尚未录入：本年仅按周六、周日计算休息日，节假日期间的到期日不会顺延。国务院办公厅通知发布后，由系统运维人员录入。', 'The holiday arrangement for {year} is not entered yet: only Saturdays and Sundays count as days off, so a due date in a holiday is not moved. The system operators enter it once the State Council publishes its notice.'],
  'holidays.dayOff': ['休', 'Off'],
  'holidays.workday': ['班', 'Work'],
} satisfies Messages;
