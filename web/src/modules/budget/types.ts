/**
 * Shapes of the budget API (/api/budget/…): the server's TypeBox schemas (src/modules/budget/*\/*.schemas.ts) as
 * types, imported as types only. Money is a yuan string "1234.56".
 */
import type { Static } from '@sinclair/typebox';
import type * as Versions from '../../../../src/modules/budget/versions/versions.schemas.ts';
import type * as Draft from '../../../../src/modules/budget/draft/draft.schemas.ts';
import type * as Projection from '../../../../src/modules/budget/projection/projection.schemas.ts';
import type * as Adjustments from '../../../../src/modules/budget/adjustments/adjustments.schemas.ts';

/** A version with its fund tables (社预02–08), their lines (其中 rows as `items`), comments, targets and 社预01 totals. */
export type BudgetVersion = Static<typeof Versions.BudgetVersion>;
export type VersionStatus = BudgetVersion['status'];
export type FundTable = BudgetVersion['tables'][number];
export type BudgetLine = Static<typeof Versions.BudgetLine>;
export type PerformanceTarget = FundTable['targets'][number];
export type Totals = BudgetVersion['summary'];
export type BudgetVersionSummary = Static<typeof Versions.BudgetVersionSummary>;
/** Two versions of one region and year: the lines whose amounts differ. */
export type BudgetDiff = Static<typeof Versions.BudgetDiff>;
/** Each line of the region's fund tables per calendar year from the ledger. */
export type BudgetLineActuals = Static<typeof Draft.BudgetLineActuals>;
/** The pension pool's projection under one scenario. */
export type PensionProjection = Static<typeof Projection.PensionProjection>;
export type ProjectedYear = PensionProjection['years'][number];
export type ProjectionScenarios = Static<typeof Projection.ProjectionScenarios>;
export type ProjectionScenario = ProjectionScenarios['items'][number];
export type ScenarioName = ProjectionScenario['name'];
/** An adjustment request (预算调整) of an approved version, with its lines and sign-off status. */
export type BudgetAdjustment = Static<typeof Adjustments.BudgetAdjustment>;
/** A line through every approved version of its budget. */
export type BudgetLineHistory = Static<typeof Adjustments.BudgetLineHistory>;
