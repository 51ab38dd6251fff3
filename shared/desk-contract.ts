// Contract schemas for paper and live trading: start/stop a session, its status, arming live per account.
import { z } from 'zod';
import { DecisionSchema, TimeframeSchema } from './domain';
import { AccountName, Identifier, MarketSymbol, SizingSpec, StrategyParams, text } from './bounds';

export const DeskStartSchema = z
  .object({
    account: AccountName,
    symbol: MarketSymbol.min(3),
    timeframe: TimeframeSchema,
    strategy: Identifier(32),
    params: StrategyParams.default({}),
    mode: z.enum(['paper', 'live']),
    cash: z.number().positive().max(1e12).optional(),
    commission: z.number().min(0).max(0.1).optional(),
    sizing: SizingSpec.optional(),
    windowBars: z.number().int().min(50).max(20_000).optional(),
    /** Quote currency this session may use from the account (default: a quarter of the unallocated equity). */
    budget: z.number().positive().max(1e12).optional(),
    /** Come back by itself after a restart (after reconciliation), unless the kill switch is latched. */
    resumeOnStart: z.boolean().optional(),
    /** A stop-loss this far (percent) below the entry, kept as an order at the exchange while the position is open. */
    stopLossPct: z.number().positive().max(50).optional(),
    /** With a stop-loss: a take-profit this far (percent) above the entry; both go out as one OCO on Binance. */
    takeProfitPct: z.number().positive().max(1000).optional(),
  })
  .strict();

export const SessionViewSchema = z.object({
  id: z.number().int(),
  account: z.string(),
  status: z.enum(['running', 'paused', 'stopped']),
  request: DeskStartSchema,
  budget: z.number(),
  runId: z.string().optional(),
  lastBarTime: z.number().optional(),
  lastDecision: DecisionSchema.optional(),
  cash: z.number().optional(),
  equity: z.number().optional(),
  pnl: z.number().optional(),
  /** Equity change since 00:00 UTC, or since the session started if that was later. */
  pnlToday: z.number().optional(),
  position: z.object({ size: z.number(), entryPrice: z.number() }).optional(),
  stopReason: z.string().optional(),
  /** Why acting decisions sent nothing (e.g. "sizing all-in gives 0 units: …"), with how often. */
  skippedEntries: z.array(z.object({ reason: z.string(), count: z.number().int() })).optional(),
  error: z.string().optional(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** The desk: every running or paused session, and for the single-session Trade page the most recent one's book. */
export const DeskStatusSchema = SessionViewSchema.pick({ runId: true, lastBarTime: true, lastDecision: true, cash: true, equity: true, position: true, error: true })
  .partial()
  .extend({
    running: z.boolean(),
    request: DeskStartSchema.optional(),
    sessions: z.array(SessionViewSchema).default([]),
  });
export type DeskStatusView = z.infer<typeof DeskStatusSchema>;

/** The words the trader types to arm live order sending for one account. */
export const ARM_LIVE_CONFIRMATION = 'ARM LIVE';
export const LiveArmSchema = z.object({ account: AccountName, confirm: text(64) }).strict();

export const SessionIdSchema = z.object({ id: z.number().int().positive() }).strict();
