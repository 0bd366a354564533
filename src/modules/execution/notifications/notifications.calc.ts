/**
 * The pure rules of the alert webhooks: the events, what an endpoint URL must be, the signature, and what follows a
 * failed attempt (the retry intervals of the parameter execution.webhook_retry_minutes, then failed).
 *
 * The signature follows Stripe's and GitHub's webhooks: X-Sifund-Signature is `sha256=` and the hex HMAC-SHA256,
 * keyed with the subscription's secret, of `<X-Sifund-Timestamp>.<the raw body>`; the receiver recomputes it over the
 * bytes it received, compares in constant time and refuses a timestamp too far from its clock (replay).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const webhookEvents = ['alert.raised', 'alert.acknowledged', 'alert.resolved', 'alert.auto_resolved', 'analysis.generated'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
export const isWebhookEvent = (value: string): value is WebhookEvent => (webhookEvents as readonly string[]).includes(value);

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed';
export type DeliveryStatus = 'pending' | DeliveryOutcome;

/** An endpoint is an absolute http or https URL with a host, without credentials in it (they would be stored and shown). */
export function isEndpointUrl(text: string): boolean {
  let url: URL;
  try { url = new URL(text); } catch { return false; }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '' && text.length <= 2000;
}

/** The secret as shown after creation: its last 4 characters. */
export const secretHint = (secret: string) => `…${secret.slice(-4)}`;

/** `sha256=<hex>` of `<timestamp>.<body>` keyed with the secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: the signature recomputed and compared in constant time, the timestamp within `toleranceSeconds` of `now`. */
export function verifySignature(secret: string, headers: { signature: string; timestamp: string }, body: string, now: Date, toleranceSeconds = 300): boolean {
  const expected = Buffer.from(signature(secret, headers.timestamp, body));
  const given = Buffer.from(headers.signature);
  const age = Math.abs(now.getTime() / 1000 - Number(headers.timestamp));
  return expected.length === given.length && timingSafeEqual(expected, given) && Number.isFinite(age) && age <= toleranceSeconds;
}

/** A 2xx answer is delivered; any other status, a timeout or a connection error is not. */
export const isDelivered = (statusCode: number | null) => statusCode !== null && statusCode >= 200 && statusCode < 300;

/**
 * What follows attempt `attempt` (1 = the first POST): delivered; else a retry after the attempt-th interval; else,
 * past the last interval, failed.
 */
export function afterAttempt(attempt: number, statusCode: number | null, retryMinutes: readonly number[], at: Date): { outcome: DeliveryOutcome; nextAttemptAt: Date | null } {
  if (isDelivered(statusCode)) return { outcome: 'delivered', nextAttemptAt: null };
  const wait = retryMinutes[attempt - 1];
  if (wait === undefined) return { outcome: 'failed', nextAttemptAt: null };
  return { outcome: 'retry', nextAttemptAt: new Date(at.getTime() + wait * 60_000) };
}

/** A delivery's status: its last attempt's outcome, pending before the first. */
export const deliveryStatus = (lastOutcome: DeliveryOutcome | null): DeliveryStatus => lastOutcome ?? 'pending';
