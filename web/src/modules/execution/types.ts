/**
 * Shapes of the budget execution API (/api/execution, /api/alerts, /api/public/reports; docs/execution.md): the
 * server's TypeBox schemas (src/modules/execution/execution.schemas.ts) as types, imported as types only. Money is a
 * yuan string "1234.56", a rate an exact decimal string "0.9151".
 */
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/modules/execution/execution.schemas.ts';
import type * as IndicatorSchemas from '../../../../src/modules/execution/indicators/indicators.schemas.ts';
import type * as LedgerSchemas from '../../../../src/modules/ledger/ledger.schemas.ts';

/** 预算执行情况: per fund its budget lines, budget against the ledger's actual of the year to the month. */
export type ExecutionReport = Static<typeof Schemas.ExecutionReportView>;
export type ExecutionFund = ExecutionReport['funds'][number];
export type ExecutionLine = Static<typeof Schemas.ExecutionLineView>;

/** 基金运行预警 */
export type Alert = Static<typeof Schemas.AlertView>;
export type AlertList = Static<typeof Schemas.AlertList>;
export type AlertRule = Alert['rule'];
export type AlertStatus = Alert['status'];

/** 预算指标 (GET /api/execution/indicators) */
export type Indicator = Static<typeof IndicatorSchemas.IndicatorView>;

/** 基金收支情况公开 */
export type PublicReportSummary = Static<typeof Schemas.PublicReportSummary>;
export type PublicReport = Static<typeof Schemas.PublicReport>;
export type PublicFund = PublicReport['body']['funds'][number];

/** A ledger account of a fund (GET /api/ledger/funds/:fund/accounts): the drill-down's accounts behind a budget line. */
export type LedgerAccount = Static<typeof LedgerSchemas.Account>;
