/** A blacklist listing's statuses (no imports: the API schemas use them without the table types' database augmentation). */

/**
 * proposed (列入待审, awaiting its sign-off) → listed (已列入: on the list from listed_on until the day before
 * listed_until; past it, off the list by its dates) → removed (信用修复, early removal signed off); rejected when the
 * proposal is cancelled before its approval.
 */
export const listingStatuses = ['proposed', 'listed', 'removed', 'rejected'] as const;
export type ListingStatus = (typeof listingStatuses)[number];
