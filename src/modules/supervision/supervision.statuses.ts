/** A finding's statuses (no imports: the API schemas use them without the table types' database augmentation). */

/** open (as the rule found it) → case (taken up for investigation) or dismissed. A re-run replaces only open ones. */
export const findingStatuses = ['open', 'case', 'dismissed'] as const;
export type FindingStatus = (typeof findingStatuses)[number];
