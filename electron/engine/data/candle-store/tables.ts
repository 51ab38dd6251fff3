// SQL access to instruments, candle_series and candle_blocks: prepared once, used by the store.
import type { Database, Statement } from 'better-sqlite3';
import type { Timeframe } from '../../../../shared/domain';
import type { InstrumentSpec, SeriesInfo } from './types';

export interface BlockRow {
  block_start: number;
  data: Buffer;
}

interface SeriesRow {
  id: number;
  rows: number;
  first_time: number | null;
  last_time: number | null;
}

export class CandleTables {
  private readonly s: Record<string, Statement>;

  constructor(readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      upsertInstrument: p(`INSERT INTO instruments (exchange, symbol, base, quote, price_step, amount_step, min_amount, min_notional)
        VALUES (@exchange, @symbol, @base, @quote, @priceStep, @amountStep, @minAmount, @minNotional)
        ON CONFLICT (exchange, symbol) DO UPDATE SET
          base = COALESCE(excluded.base, base), quote = COALESCE(excluded.quote, quote),
          price_step = COALESCE(excluded.price_step, price_step), amount_step = COALESCE(excluded.amount_step, amount_step),
          min_amount = COALESCE(excluded.min_amount, min_amount), min_notional = COALESCE(excluded.min_notional, min_notional)
        RETURNING id`),
      insertSeries: p('INSERT INTO candle_series (instrument_id, timeframe) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      findSeries: p(`SELECT s.id, s.rows, s.first_time, s.last_time FROM candle_series s JOIN instruments i ON i.id = s.instrument_id
        WHERE i.exchange = ? AND i.symbol = ? AND s.timeframe = ?`),
      seriesByInstrument: p('SELECT id FROM candle_series WHERE instrument_id = ? AND timeframe = ?').pluck(),
      // A block is valid under a span when it starts on the span grid and all its bars fall inside it.
      misaligned: p(`SELECT 1 FROM candle_blocks WHERE series_id = @id
        AND (block_start % @span != 0 OR first_time < block_start OR last_time >= block_start + @span) LIMIT 1`).pluck(),
      block: p('SELECT data FROM candle_blocks WHERE series_id = ? AND block_start = ?').pluck(),
      putBlock: p(`INSERT INTO candle_blocks (series_id, block_start, rows, first_time, last_time, data) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (series_id, block_start) DO UPDATE SET rows = excluded.rows, first_time = excluded.first_time,
          last_time = excluded.last_time, data = excluded.data`),
      // Blocks that may hold bars in [from, to). No lower block_start bound, so a load never depends on the block
      // size; skipped rows cost little because the filter columns sit before the blob, which is then never read.
      blocksInRange: p(`SELECT block_start, data FROM candle_blocks WHERE series_id = @id
        AND block_start < @to AND last_time >= @from AND first_time < @to ORDER BY block_start`),
      rowsInRange: p(`SELECT COALESCE(SUM(rows), 0) FROM candle_blocks WHERE series_id = @id
        AND block_start < @to AND last_time >= @from AND first_time < @to`).pluck(),
      refreshSeries: p(`UPDATE candle_series SET
        first_time = (SELECT MIN(first_time) FROM candle_blocks WHERE series_id = @id),
        last_time = (SELECT MAX(last_time) FROM candle_blocks WHERE series_id = @id),
        rows = COALESCE((SELECT SUM(rows) FROM candle_blocks WHERE series_id = @id), 0)
        WHERE id = @id`),
      deleteSeries: p('DELETE FROM candle_series WHERE id = ?'),
      list: p(`SELECT i.exchange, i.symbol, s.timeframe, s.first_time AS firstTime, s.last_time AS lastTime, s.rows
        FROM candle_series s JOIN instruments i ON i.id = s.instrument_id WHERE s.rows > 0
        ORDER BY i.exchange, i.symbol, s.timeframe`),
    };
  }

  upsertInstrument(spec: InstrumentSpec): number {
    const row = this.s.upsertInstrument.get({
      exchange: spec.exchange, symbol: spec.symbol, base: spec.base ?? null, quote: spec.quote ?? null,
      priceStep: spec.priceStep ?? null, amountStep: spec.amountStep ?? null,
      minAmount: spec.minAmount ?? null, minNotional: spec.minNotional ?? null,
    }) as { id: number };
    return row.id;
  }

  ensureSeries(instrumentId: number, timeframe: Timeframe): number {
    this.s.insertSeries.run(instrumentId, timeframe);
    return this.s.seriesByInstrument.get(instrumentId, timeframe) as number;
  }

  findSeries(exchange: string, symbol: string, timeframe: Timeframe): SeriesRow | undefined {
    return this.s.findSeries.get(exchange, symbol, timeframe) as SeriesRow | undefined;
  }

  hasMisalignedBlock(seriesId: number, span: number): boolean {
    return this.s.misaligned.get({ id: seriesId, span }) !== undefined;
  }

  block(seriesId: number, blockStart: number): Buffer | undefined {
    return this.s.block.get(seriesId, blockStart) as Buffer | undefined;
  }

  putBlock(seriesId: number, blockStart: number, rows: number, firstTime: number, lastTime: number, data: Buffer): void {
    this.s.putBlock.run(seriesId, blockStart, rows, firstTime, lastTime, data);
  }

  /** Bars in the blocks that overlap [from, to): an upper bound of the bars in the range (edge blocks may be cut). */
  rowsInRange(seriesId: number, from: number, to: number): number {
    return this.s.rowsInRange.get({ id: seriesId, from: finite(from), to: finite(to) }) as number;
  }

  /** The blocks that may hold bars in [from, to), one at a time (only one blob in memory), in time order. */
  iterateBlocksInRange(seriesId: number, from: number, to: number): IterableIterator<BlockRow> {
    return this.s.blocksInRange.iterate({ id: seriesId, from: finite(from), to: finite(to) }) as IterableIterator<BlockRow>;
  }

  refreshSeries(seriesId: number): void {
    this.s.refreshSeries.run({ id: seriesId });
  }

  deleteSeries(seriesId: number): void {
    this.s.deleteSeries.run(seriesId);
  }

  list(): SeriesInfo[] {
    return this.s.list.all() as SeriesInfo[];
  }
}

/** SQLite has no infinities in bound parameters we can rely on; clamp to the largest doubles. */
function finite(x: number): number {
  if (x === Infinity) return Number.MAX_VALUE;
  if (x === -Infinity) return -Number.MAX_VALUE;
  return x;
}
