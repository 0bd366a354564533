/** An alert's rules, severities and statuses (no imports: the API schemas use them without the table types). */

/**
 * 当期收支缺口, 可支付月数不足, 预算执行偏差 (domain.md "Early-warning indicators"); 预算指标超支预警 (migration 0052);
 * 医保统筹基金结余超出合理区间 (migration 0067); 征缴率同比下降, 欠费同比增长 (migration 0068).
 */
export const alertRules = ['current_deficit', 'payment_capacity', 'execution_deviation', 'indicator_overrun', 'medical_balance_range', 'collection_rate', 'arrears_growth'] as const;
export type AlertRule = (typeof alertRules)[number];

export const alertSeverities = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

/** raised → acknowledged (note) → resolved (action taken); auto_resolved when an evaluation no longer finds it. */
export const alertStatuses = ['raised', 'acknowledged', 'resolved', 'auto_resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];
/** The statuses of an open alert: at most one per rule and condition (migration 0050's unique index). */
export const openStatuses: readonly AlertStatus[] = ['raised', 'acknowledged'];
