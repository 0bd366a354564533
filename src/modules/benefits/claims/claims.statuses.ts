/** The kinds and statuses of benefit claims, apart from the table types: the API schemas (and the web) read them. */
export const claimKinds = ['unemployment', 'work_injury', 'maternity'] as const;
export type ClaimKind = (typeof claimKinds)[number];
export const claimStatuses = ['submitted', 'approved', 'stopped'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
