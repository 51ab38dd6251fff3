// Contract schemas for the Health panel: the last results of every health check, running them now, and the event
// each finished run sends (the engine runs them every minute in the app; see electron/engine/health).
import { z } from 'zod';

export const HEALTH_STATUSES = ['ok', 'warn', 'bad'] as const;
export const HealthStatusSchema = z.enum(HEALTH_STATUSES);
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

export const HealthCheckSchema = z.object({
  /** Stable key: 'database', 'exchange:binance', 'performance:paper:binance'… */
  name: z.string().max(200),
  status: HealthStatusSchema,
  /** One line a trader can act on. */
  detail: z.string().max(2_000),
  /** What the check measured; a number that is not finite travels as null. */
  measured: z.record(z.string().max(100), z.union([z.number(), z.string().max(2_000), z.boolean(), z.null()])).optional(),
  /** When the run that produced this result started. */
  checkedAt: z.number().int(),
  /** Since when the check has had this status (the first run that saw it, in this engine's life). */
  since: z.number().int(),
});
export type HealthCheckView = z.infer<typeof HealthCheckSchema>;

export const HealthReportSchema = z.object({
  time: z.number().int(),
  /** The worst status of any check. */
  status: HealthStatusSchema,
  durationMs: z.number().nonnegative(),
  checks: z.array(HealthCheckSchema),
});
export type HealthReportView = z.infer<typeof HealthReportSchema>;

/** `health.last`: null until the first run has finished. */
export const HealthLastSchema = HealthReportSchema.nullable();
