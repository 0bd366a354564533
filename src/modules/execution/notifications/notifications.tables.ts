/** Kysely table types of the alert webhooks and the stored monthly analyses (migrations/0061_notifications.sql). */
import type { Generated } from 'kysely';
import type { DeliveryOutcome, WebhookEvent } from './notifications.calc.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    webhook_subscription: {
      id: bigint; url: string; secret: string; events: WebhookEvent[]; region_code: string | null; enabled: Generated<boolean>;
      created_by: string; created_at: Generated<Date>; changed_by: string | null; changed_at: Date | null;
    };
    webhook_delivery: {
      id: bigint; subscription_id: bigint; event: WebhookEvent; event_id: bigint; region_code: string; body: string; job_id: bigint; created_at: Generated<Date>;
    };
    webhook_delivery_attempt: {
      delivery_id: bigint; attempt: number; region_code: string; attempted_at: Generated<Date>; status_code: number | null; error: string | null;
      outcome: DeliveryOutcome; next_attempt_at: Date | null;
    };
    monthly_analysis: { id: bigint; region_code: string; period: string; report: unknown; job_id: bigint; generated_at: Generated<Date> };
  }
}
