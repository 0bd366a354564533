/** What the checks that warn say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../messages.ts';

defineFieldLabels({ override: ['核实理由', 'reason to carry on'] });

export const checksSaid = defineMessages('checks', {
  warned: ['自动核验提示 {count} 项：{list}。请核实；确认无误的，填写核实理由后仍可提交', '{count} warning(s) from the automatic checks: {list}. Check them; if all is right, give your reason and submit again'],
  join: ['{a}；{b}', '{a}; {b}'],
  reasonLength: ['请写明核实情况，4–500 字', 'say what you checked, 4–500 characters'],
});
