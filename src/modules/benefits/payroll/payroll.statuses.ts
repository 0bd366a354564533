/**
 * The statuses of pension awards, payroll batches and payroll lines: plain lists with no imports, so that the API
 * schemas (and through them the web's types) use them without loading the table types' database augmentation.
 */

export const awardStatuses = ['active', 'suspended', 'stopped'] as const;
export type AwardStatus = (typeof awardStatuses)[number];

/** computing → computed → submitted (in sign-off) → signed_off → funded (用款申请 approved) → bank_file_issued → settled. */
export const batchStatuses = ['computing', 'computed', 'submitted', 'signed_off', 'funded', 'bank_file_issued', 'settled'] as const;
export type BatchStatus = (typeof batchStatuses)[number];
/** pending (not yet in a bank file) → sent → paid, or returned (sent again in the next bank file). */
export const lineStatuses = ['pending', 'sent', 'paid', 'returned'] as const;
export type LineStatus = (typeof lineStatuses)[number];

/**
 * A one-off benefit payment order (一次性待遇支付单): pending (in sign-off) → approved (offset done, transfer requested) →
 * funded (用款申请 approved) → sent (in a bank file) → paid, or returned (sent again in the next bank file); cancelled
 * with its sign-off item. An order wholly offset is paid on its approval.
 */
export const paymentOrderStatuses = ['pending', 'approved', 'funded', 'sent', 'paid', 'returned', 'cancelled'] as const;
export type PaymentOrderStatus = (typeof paymentOrderStatuses)[number];

/** Why an operator stops an award (终止发放): a death not reported by the registry, moved away, another cause. */
export const stopCauses = ['death', 'moved_away', 'other'] as const;
