// Contract schemas for the risk side: trading state, breakers, the kill switch, and the trader's actions on them.
import { z } from 'zod';
import { AccountName, Identifier, text } from './bounds';

export const KillModeSchema = z.enum(['stop-entries', 'halt', 'flatten']);
export type KillMode = z.infer<typeof KillModeSchema>;

export const BreakerStateSchema = z.object({
  name: z.string(),
  isTripped: z.boolean(),
  trippedAt: z.number().optional(),
  reason: z.string().optional(),
  rearmAt: z.number().optional(),
  /** The account whose breaker this is (each account has its own board). */
  account: z.string().optional(),
});

export const KillSwitchStateSchema = z.object({
  isTripped: z.boolean(),
  mode: KillModeSchema.optional(),
  trippedAt: z.number().optional(),
  reason: z.string().optional(),
  source: z.string().optional(),
});

export const RiskStateSchema = z.object({
  tradingState: z.enum(['active', 'reducing', 'halted']),
  breakers: z.array(BreakerStateSchema),
  killSwitch: KillSwitchStateSchema,
  limits: z.record(z.string(), z.unknown()),
});
export type RiskStateView = z.infer<typeof RiskStateSchema>;

export const KillSwitchTripSchema = z.object({ mode: KillModeSchema, reason: text(500).min(1) }).strict();
/** The trader types the word; the UI never re-arms on its own. */
export const KillSwitchRearmSchema = z.object({ confirm: text(64) }).strict();
export const BreakerRearmSchema = z.object({ name: Identifier(64), account: AccountName.optional() }).strict();
