/** Kysely table types of budget execution (migrations/0050_execution.sql): early-warning alerts and published reports. */
import type { Generated } from 'kysely';
import type { AlertRule, AlertSeverity, AlertStatus } from './alerts.statuses.ts';

declare module '../../platform/database.ts' {
  interface Tables {
    execution_alert: {
      id: bigint; rule: AlertRule; condition_key: string; fund_code: string; region_code: string; severity: AlertSeverity;
      status: Generated<AlertStatus>; period: string; figures: string; raised_at: Generated<Date>; last_evaluated_at: Generated<Date>;
      acknowledged_at: Date | null; acknowledged_by: string | null; acknowledge_note: string | null;
      resolved_at: Date | null; resolved_by: string | null; resolution_note: string | null;
      owner: string | null;   // the staff responsible when raised (duty assignments, migration 0060)
    };
    published_report: {
      id: bigint; region_code: string; period: string; title: string; body: string; supersedes_id: bigint | null;
      approval_item_id: bigint | null; published_by: string; published_at: Generated<Date>;
    };
  }
}
