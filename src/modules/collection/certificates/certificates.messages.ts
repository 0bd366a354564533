/** What certificates say to people (参保证明, 个人权益记录单, 验证). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

export const certificatesSaid = defineMessages('collection.certificates', {
  /** A 404's subject: 验证码为 … 的文书不存在. */
  documentWithCode: ['验证码为 {code} 的文书', 'the document with verification code {code}'],
  notACode: ['须为 16 位验证码（如 7KQ2-M9XD-4HTA-P3VZ）', 'must be a 16-character verification code (like 7KQ2-M9XD-4HTA-P3VZ)'],
  staffAndPersonOnly: ['参保证明和个人权益记录单仅向参保人员本人和经办人员出具', 'certificates are issued to the insured person and by agency staff'],
});

defineFieldLabels({
  verificationCode: ['验证码', 'verification code'],
});
