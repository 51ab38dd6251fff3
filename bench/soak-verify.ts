// The soak's end checks: every venue order is in the journal and vice versa (status and filled agree), no decision
// produced two venue orders, and per account the sessions' books add up to what the venue holds.
import type { Engine } from '../electron/engine/engine';
import { journalPositions, wireClientId, type JournalEntry, type JournalFillRow } from '../electron/engine/execution/journal';
import type { OrderStatus } from '../electron/engine/model/order';
import type { BinanceEmulator, OrderRecord } from '../test/emulator';

/** A fill as the paper venue reported it to its listeners (recorded from outside the engine, across restarts). */
export interface TapeFill {
  clientOrderId: string;
  price: number;
  amount: number;
}

export interface VerifyInput {
  engine: Engine;
  emulator: BinanceEmulator;
  paperAccount: string;
  paperCash: number;
  paperTape: readonly TapeFill[];
  liveAccount?: string;
  /** The live wallet before the soak (asset → total). */
  liveStart: Record<string, number>;
}

export interface AccountFigures {
  account: string;
  orders: number;
  /** Orders the venue took (paper: the simulator accepted; live: on the emulator's book). */
  venueOrders: number;
  fills: number;
  filledOrders: number;
  byRole: Record<string, number>;
  positions: string;
}

export interface VerifyResult {
  accounts: AccountFigures[];
  lost: string[];
  duplicated: string[];
  unreconciled: string[];
  /** Worth a look, not a failure (e.g. a resend the venue refused as a duplicate id). */
  notes: string[];
}

const EPS = 1e-9;
const close = (a: number, b: number, tol = EPS) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
const fmt = (n: number) => (Math.abs(n) < 1e-12 ? '0' : Number(n.toPrecision(10)).toString());

/**
 * The decision an order came from: the loop's ids are `${runId}:${symbol}:${decisionTime}:${seq}` plus `:r<n>` on a
 * retry, and the run id changes with every restart; so (session, symbol, decision time, seq) names the decision.
 * Stop-loss ids (`sl:<account>:<session>:<n>`) are one per placement and are checked separately.
 */
export function decisionKey(e: JournalEntry): string | undefined {
  if (e.clientOrderId.startsWith('sl:')) return undefined;
  const parts = e.clientOrderId.split(':');
  if (parts.length < 4) return `${e.sessionId}|${e.clientOrderId}`;
  const [, symbol, time, seq] = parts;
  return `${e.sessionId}|${symbol}|${time}|${seq}`;
}

function sumBy<T>(items: readonly T[], key: (t: T) => string, value: (t: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of items) out.set(key(t), (out.get(key(t)) ?? 0) + value(t));
  return out;
}

function tally<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

/** Fills the journal holds per entry must add up to its `filled`; a pending entry at the end was never settled. */
function journalSelfCheck(entries: readonly JournalEntry[], fills: readonly JournalFillRow[], r: VerifyResult, account: string): void {
  const filledByFills = sumBy(fills, (f) => f.clientOrderId, (f) => f.amount);
  for (const e of entries) {
    const f = filledByFills.get(e.clientOrderId) ?? 0;
    if (!close(f, e.filled, 1e-8)) r.lost.push(`${account}: ${e.clientOrderId} says filled ${fmt(e.filled)} but its journaled fills add up to ${fmt(f)}`);
    if (e.status === 'pending') r.lost.push(`${account}: ${e.clientOrderId} (${e.role} ${e.side} ${e.amount} ${e.symbol}) still pending at the end: its fate was never settled`);
    if (e.status === 'filled' && !close(e.filled, e.amount, 1e-8)) r.lost.push(`${account}: ${e.clientOrderId} is 'filled' with ${fmt(e.filled)} of ${fmt(e.amount)}`);
  }
}

/** At most one venue-accepted order per decision, and at most one resting stop per session. */
function duplicateCheck(entries: readonly JournalEntry[], accepted: (e: JournalEntry) => boolean, r: VerifyResult, account: string): void {
  const byDecision = new Map<string, JournalEntry[]>();
  for (const e of entries) {
    const key = decisionKey(e);
    if (key === undefined || !accepted(e)) continue;
    byDecision.set(key, [...(byDecision.get(key) ?? []), e]);
  }
  for (const [key, list] of byDecision) {
    if (list.length > 1) r.duplicated.push(`${account}: decision ${key} has ${list.length} venue orders: ${list.map((e) => `${e.clientOrderId} (${e.status} ${fmt(e.filled)})`).join(', ')}`);
  }
  const restingStops = entries.filter((e) => e.role === 'stop-loss' && (e.status === 'open' || e.status === 'partially-filled' || e.status === 'pending'));
  for (const [session, n] of Object.entries(tally(restingStops, (e) => String(e.sessionId)))) {
    if (n > 1) r.duplicated.push(`${account}: session ${session} has ${n} stop-losses resting at once`);
  }
}

type SessionView = ReturnType<Engine['desk']['status']>['sessions'][number];

function sessionsOf(engine: Engine, account: string): SessionView[] {
  return engine.desk.status().sessions.filter((s) => s.account === account);
}

/** Positions: Σ sessions' books = the journal's attribution = what the venue holds, per symbol. */
function positionCheck(label: string, sessions: readonly SessionView[], fills: readonly JournalFillRow[], venue: Map<string, number>,
  r: VerifyResult, account: string, tol: (symbol: string) => number): string {
  const books = sumBy(sessions, (s) => s.request.symbol, (s) => s.position?.size ?? 0);
  const journal = new Map(journalPositions(fills).map((p) => [p.symbol, p.size]));
  const symbols = [...new Set([...books.keys(), ...journal.keys(), ...venue.keys()])].sort();
  const parts: string[] = [];
  for (const symbol of symbols) {
    const [b, j, v] = [books.get(symbol) ?? 0, journal.get(symbol) ?? 0, venue.get(symbol) ?? 0];
    parts.push(`${symbol} ${fmt(v)}`);
    if (Math.abs(b - v) > tol(symbol) || Math.abs(j - v) > tol(symbol)) {
      r.unreconciled.push(`${account}: ${symbol} sessions' books ${fmt(b)}, journal ${fmt(j)}, ${label} ${fmt(v)}`);
    }
  }
  return parts.join(', ') || 'flat';
}

/** The account's journal after its self-check, or undefined (and a problem) when the account is not connected. */
function checkedJournal(engine: VerifyInput['engine'], id: string, r: VerifyResult) {
  const account = engine.desk.account(id);
  if (!account?.isOpen) {
    r.unreconciled.push(`${id}: account not connected at the end, its positions could not be checked`);
    return undefined;
  }
  const entries = account.journal.entries();
  const fills = account.journal.fills();
  journalSelfCheck(entries, fills, r, id);
  return { account, entries, fills };
}

async function verifyPaper(input: VerifyInput, r: VerifyResult): Promise<void> {
  const { engine, paperAccount: id } = input;
  const opened = checkedJournal(engine, id, r);
  if (!opened) return;
  const { account, entries, fills } = opened;

  // The venue's fills, as it reported them, against the journal's: same orders, amounts and prices, nothing extra.
  const key = (clientOrderId: string, amount: number, price: number) => `${clientOrderId}|${amount.toPrecision(12)}|${price.toPrecision(12)}`;
  const tape = tally(input.paperTape, (f) => key(f.clientOrderId, f.amount, f.price));
  const journal = tally(fills, (f) => key(f.clientOrderId, f.amount, f.price));
  for (const [k, n] of Object.entries(tape)) {
    if ((journal[k] ?? 0) < n) r.lost.push(`${id}: the paper venue filled ${k.split('|')[0]} (${k.split('|')[1]} @ ${k.split('|')[2]}) ${n}× but the journal has it ${journal[k] ?? 0}×`);
  }
  for (const [k, n] of Object.entries(journal)) {
    if ((tape[k] ?? 0) < n) r.lost.push(`${id}: the journal has a fill of ${k.split('|')[0]} (${k.split('|')[1]} @ ${k.split('|')[2]}) the paper venue never reported`);
  }

  // Resting orders: the venue's book and the journal's open entries are the same orders with the same remainder.
  const venueOpen = await account.broker.fetchOpenOrders();
  const journalOpen = account.journal.openEntries().filter((e) => e.status !== 'pending');
  const venueById = new Map(venueOpen.map((o) => [o.clientOrderId, o]));
  for (const e of journalOpen) {
    const o = venueById.get(e.clientOrderId);
    if (!o) r.lost.push(`${id}: journal has ${e.clientOrderId} (${e.role}) open but the paper venue does not`);
    else if (!close(o.amount - o.filled, e.amount - e.filled, 1e-8)) r.lost.push(`${id}: ${e.clientOrderId} rests ${fmt(o.amount - o.filled)} at the venue, ${fmt(e.amount - e.filled)} in the journal`);
  }
  for (const o of venueOpen) {
    if (!journalOpen.some((e) => e.clientOrderId === o.clientOrderId)) r.lost.push(`${id}: the paper venue rests ${o.clientOrderId}, the journal does not know it as open`);
  }

  const accepted = (e: JournalEntry) => e.status !== 'rejected' && e.status !== 'pending';
  duplicateCheck(entries, accepted, r, id);

  const sessions = sessionsOf(engine, id);
  const venuePositions = new Map((await account.broker.fetchPositions()).map((p) => [p.symbol, p.size]));
  const positions = positionCheck('paper venue', sessions, fills, venuePositions, r, id, () => 1e-8);
  for (const s of sessions) {
    const own = account.positions([s.request.symbol]).find((p) => p.sessionId === s.id)?.size ?? 0;
    if (Math.abs(own - (s.position?.size ?? 0)) > 1e-8) r.unreconciled.push(`${id}: session ${s.id} books ${fmt(s.position?.size ?? 0)} ${s.request.symbol}, its journaled fills ${fmt(own)}`);
  }
  // Cash: the venue's moved by exactly what the sessions' books moved.
  const venueCash = (await account.broker.fetchBalance()).total - input.paperCash;
  const booksCash = sessions.reduce((sum, s) => sum + (s.cash ?? 0) - s.budget, 0);
  if (Math.abs(venueCash - booksCash) > 1e-6) r.unreconciled.push(`${id}: venue cash moved ${fmt(venueCash)} USDT, the sessions' books ${fmt(booksCash)}`);

  r.accounts.push({
    account: id, orders: entries.length, venueOrders: entries.filter(accepted).length, fills: fills.length,
    filledOrders: entries.filter((e) => e.filled > 0).length, byRole: tally(entries, (e) => `${e.role}:${e.status}`), positions,
  });
}

const EMU_STATUS: Record<OrderRecord['status'], OrderStatus> = {
  NEW: 'open', PARTIALLY_FILLED: 'partially-filled', FILLED: 'filled', CANCELED: 'cancelled', EXPIRED: 'cancelled', REJECTED: 'rejected',
};

async function verifyLive(input: VerifyInput, r: VerifyResult): Promise<void> {
  const { engine, emulator } = input;
  const id = input.liveAccount!;
  const opened = checkedJournal(engine, id, r);
  if (!opened) return;
  const { entries, fills } = opened;
  const byWire = new Map(entries.map((e) => [wireClientId(e.clientOrderId), e]));
  const orders = emulator.orders;
  const orderOfWire = new Map<string, OrderRecord>();
  for (const o of orders) {
    if (orderOfWire.has(o.clientOrderId)) r.duplicated.push(`${id}: the venue holds two orders with client id ${o.clientOrderId}`);
    orderOfWire.set(o.clientOrderId, o);
    const e = byWire.get(o.clientOrderId);
    if (!e) {
      r.lost.push(`${id}: venue order ${o.orderId} (${o.clientOrderId} ${o.side} ${o.origQty} ${o.symbol} ${o.status}) is not in the journal`);
      continue;
    }
    const status = o.status === 'NEW' && o.executedQty > 0 ? 'partially-filled' : EMU_STATUS[o.status];
    if (status !== e.status || !close(o.executedQty, e.filled, 1e-8)) {
      r.lost.push(`${id}: ${e.clientOrderId} is ${o.status} ${o.executedQty} at the venue, ${e.status} ${fmt(e.filled)} in the journal`);
    }
    if (e.exchangeOrderId !== String(o.orderId)) r.lost.push(`${id}: ${e.clientOrderId} has exchange id ${e.exchangeOrderId} in the journal, ${o.orderId} at the venue`);
  }
  for (const e of entries) {
    if (orderOfWire.has(e.wireId)) continue;
    if (e.status !== 'rejected') r.lost.push(`${id}: journal has ${e.clientOrderId} ${e.status} (filled ${fmt(e.filled)}) but the venue never took it`);
  }
  // Trades: every venue trade is a journal fill of the same order (by trade id), and nothing else is.
  const journalTrades = new Set(fills.map((f) => `${f.clientOrderId}|${f.tradeId}`));
  const venueTrades = new Set<string>();
  const wireOfOrder = new Map(orders.map((o) => [o.orderId, o.clientOrderId]));
  for (const t of emulator.trades) {
    const e = byWire.get(wireOfOrder.get(t.orderId) ?? '');
    const k = `${e?.clientOrderId}|${t.id}`;
    venueTrades.add(k);
    if (!journalTrades.has(k)) r.lost.push(`${id}: venue trade ${t.id} (order ${t.orderId}, ${t.qty} @ ${t.price}) is not in the journal`);
  }
  for (const k of journalTrades) if (!venueTrades.has(k)) r.lost.push(`${id}: journal fill ${k} matches no venue trade`);

  const refusedAsDuplicate = emulator.orderRequests.filter((q) => !q.accepted && /duplicate/i.test(q.error?.msg ?? ''));
  if (refusedAsDuplicate.length > 0) r.notes.push(`${id}: ${refusedAsDuplicate.length} resend(s) refused by the venue as duplicate client ids (nothing doubled)`);
  const accepted = (e: JournalEntry) => orderOfWire.has(e.wireId);
  duplicateCheck(entries, accepted, r, id);

  // Positions: the wallet's base assets moved by exactly what the sessions hold; quote by what their cash moved.
  const wallet = emulator.balances();
  const held = (asset: string) => (wallet[asset]?.free ?? 0) + (wallet[asset]?.locked ?? 0) - (input.liveStart[asset] ?? 0);
  const sessions = sessionsOf(engine, id);
  const symbols = [...new Set([...sessions.map((s) => s.request.symbol), ...fills.map((f) => f.symbol)])];
  const venue = new Map(symbols.map((s) => [s, held(s.split('/')[0])]));
  const positions = positionCheck('venue wallet', sessions, fills, venue, r, id, () => 1e-8);
  const quote = held('USDT');
  const booksCash = sessions.reduce((sum, s) => sum + (s.cash ?? 0) - s.budget, 0);
  if (Math.abs(quote - booksCash) > 1e-6) r.unreconciled.push(`${id}: venue USDT moved ${fmt(quote)}, the sessions' books ${fmt(booksCash)}`);
  const openAtVenue = orders.filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED');
  r.accounts.push({
    account: id, orders: entries.length, venueOrders: orders.length, fills: fills.length,
    filledOrders: entries.filter((e) => e.filled > 0).length, byRole: tally(entries, (e) => `${e.role}:${e.status}`),
    positions: `${positions}; USDT ${fmt(quote)}; resting ${openAtVenue.length}`,
  });
}

export async function verifySoak(input: VerifyInput): Promise<VerifyResult> {
  const r: VerifyResult = { accounts: [], lost: [], duplicated: [], unreconciled: [], notes: [] };
  await verifyPaper(input, r);
  if (input.liveAccount) await verifyLive(input, r);
  return r;
}
