// Contract schemas for the Desk page's books: the accounts' orders and fills from the journal (newest first,
// bounded) and every session the trader started, stopped ones included.
import { z } from 'zod';
import { DeskStartSchema } from './desk-contract';

/** At most this many rows per answer: the desk shows the latest, the daily report has the rest. */
export const DESK_BOOK_MAX_ROWS = 500;

export const DeskOrdersRequestSchema = z
  .object({
    limit: z.number().int().positive().max(DESK_BOOK_MAX_ROWS).default(100),
    /** Only orders still working at the venue (pending, open, partially filled). */
    openOnly: z.boolean().default(false),
  })
  .strict();

export const DeskOrderSchema = z.object({
  id: z.number().int(),
  account: z.string(),
  /** The session that placed it; null for the kill switch's orders. */
  sessionId: z.number().int().nullable(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.string(),
  amount: z.number(),
  price: z.number().nullable(),
  stopPrice: z.number().nullable(),
  status: z.string(),
  filled: z.number(),
  averagePrice: z.number().nullable(),
  /** entry | exit | flatten | stop-loss | take-profit. */
  role: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastError: z.string().nullable(),
});
export type DeskOrder = z.infer<typeof DeskOrderSchema>;

export const DeskFillsRequestSchema = z
  .object({
    limit: z.number().int().positive().max(DESK_BOOK_MAX_ROWS).default(100),
    /** Only this session's fills (the Desk's session chart marks them); absent: every account's. */
    sessionId: z.number().int().positive().optional(),
  })
  .strict();

export const DeskFillSchema = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  account: z.string(),
  sessionId: z.number().int().nullable(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  role: z.string().nullable(),
  time: z.number(),
  price: z.number(),
  amount: z.number(),
  fee: z.number(),
  feeCurrency: z.string().nullable(),
});
export type DeskFill = z.infer<typeof DeskFillSchema>;

export const DeskSessionsRequestSchema = z.object({ limit: z.number().int().positive().max(DESK_BOOK_MAX_ROWS).default(50) }).strict();

/** A session as stored: what was asked, its budget and state, why it stopped. */
export const DeskSessionRowSchema = z.object({
  id: z.number().int(),
  account: z.string(),
  request: DeskStartSchema,
  budget: z.number(),
  status: z.enum(['running', 'paused', 'stopped']),
  resumeOnStart: z.boolean(),
  stopReason: z.string().nullable(),
  runId: z.number().int().nullable(),
  updatedAt: z.number(),
});
export type DeskSessionRow = z.infer<typeof DeskSessionRowSchema>;
