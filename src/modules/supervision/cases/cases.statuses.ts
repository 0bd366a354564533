/** A case's statuses and choices (no imports: the API schemas use them without the table types' database augmentation). */

/**
 * filing (立案, awaiting its sign-off) → investigating (调查中) → concluded (已结论) → recovering (追回中) → closed (已结案);
 * withdrawn when the opening is cancelled before its approval.
 */
export const caseStatuses = ['filing', 'investigating', 'concluded', 'recovering', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** The statuses of an open case (its findings cannot be in another). */
export const openCaseStatuses: readonly CaseStatus[] = ['filing', 'investigating', 'concluded', 'recovering'];

/** 违规成立 / 不成立. */
export const violations = ['established', 'not_established'] as const;
export type Violation = (typeof violations)[number];

/** Who a case is about: a person (ID number), an employer (credit code) or a medical institution (its code). */
export const subjectKinds = ['person', 'employer', 'institution'] as const;
export type SubjectKind = (typeof subjectKinds)[number];
