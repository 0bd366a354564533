/** What the holiday calendar says (节假日安排), in Chinese and English: the names of the statutory holidays. */
import { defineMessages, render, type Language } from '../messages.ts';

const said = defineMessages('calendar', {
  newYearsDay: ['元旦', 'New Year\'s Day'],
  springFestival: ['春节', 'Spring Festival'],
  qingming: ['清明节', 'Qingming Festival'],
  labourDay: ['劳动节', 'Labour Day'],
  dragonBoat: ['端午节', 'Dragon Boat Festival'],
  midAutumn: ['中秋节', 'Mid-Autumn Festival'],
  nationalDay: ['国庆节', 'National Day'],
});

/**
 * The statutory holidays (全国年节及纪念日放假办法 第二条) by the name the State Council's notices give them: a notice
 * names a range by one holiday or by two joined with 、 when they fall together (中秋节、国庆节).
 */
const holidays = {
  元旦: said.newYearsDay, 春节: said.springFestival, 清明节: said.qingming, 劳动节: said.labourDay,
  端午节: said.dragonBoat, 中秋节: said.midAutumn, 国庆节: said.nationalDay,
} as const;

export type HolidayName = keyof typeof holidays;
export const holidayNames = Object.keys(holidays) as HolidayName[];
export const isHolidayName = (name: string): name is HolidayName => Object.hasOwn(holidays, name);

/** A notice's name of a range (中秋节、国庆节) in `language`: "Mid-Autumn Festival and National Day". */
export function holidayRangeName(noticeName: string, language: Language): string {
  const names = noticeName.split('、').map((name) => (isHolidayName(name) ? render(holidays[name](), language) : name));
  return names.join(language === 'en' ? ' and ' : '、');
}
