/** Shapes of the regional parameter API (src/platform/params/params.schemas.ts) as types, imported as types only. */
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/platform/params/params.schemas.ts';

/** A value set in the UI: who proposed it, who approved it, when, and the sign-off item. */
export type RegionalValueApproval = Static<typeof Schemas.RegionalValueApproval>;
