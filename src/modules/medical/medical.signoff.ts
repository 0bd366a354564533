/** The sign-off levels of the medical fund's payments and quotas: 复核 (medical.review), then 审批 (medical.approve); the 经办 submits. */
import type { SignoffLevel } from '../../platform/signoff/index.ts';

export const medicalSignoffLevels: SignoffLevel[] = [
  { name: 'review', label: '复核', permission: 'medical.review' },
  { name: 'approve', label: '审批', permission: 'medical.approve' },
];
