// CandleStore: candles kept as columnar time blocks in SQLite (one row per block), merged by time on write.
import type { Database } from 'better-sqlite3';
import { allocateSeries, type CandleSeries } from '../../model/candle-series';
import { StorageError } from '../../errors';
import { decodeBlock, encodeBlock } from './block-codec';
import { blockSpanMs, DEFAULT_BLOCK_BARS } from './layout';
import { assembleRange, rangePieces } from './load';
import { BarAggregator, checkResample } from '../resample';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/domain';
import { mergeByTime } from './merge';
import { PendingBlocks } from './pending';
import { CandleTables } from './tables';
import type { CandleStoreOptions, ImportResult, ImportSeriesOptions, InstrumentSpec, LoadRange, SeriesInfo, SeriesKey, WriteCounts } from './types';

export class CandleStore {
  private readonly tables: CandleTables;
  private readonly blockBars: number;

  constructor(private readonly db: Database, options: CandleStoreOptions = {}) {
    this.tables = new CandleTables(db);
    this.blockBars = options.blockBars ?? DEFAULT_BLOCK_BARS;
  }

  /** Creates the instrument if missing; given fields overwrite stored ones, missing fields keep them. */
  ensureInstrument(spec: InstrumentSpec): number {
    return this.tables.upsertInstrument(spec);
  }

  /** Runs fn in one transaction (nested calls become savepoints); several write() calls then commit together. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Merges one strictly increasing batch by time; only the blocks it touches are read and rewritten. */
  write(key: SeriesKey, batch: CandleSeries): WriteCounts {
    const pending = new PendingBlocks(blockSpanMs(key.timeframe, this.blockBars));
    pending.add(batch);
    return this.commit(key, pending);
  }

  /**
   * Imports a whole file atomically. Batches are buffered in memory (≈48 bytes per bar) and written in one
   * synchronous transaction at the end, so no transaction stays open across awaits where other code sharing
   * this connection could slip writes into it (and lose them on rollback).
   */
  async importSeries(key: SeriesKey, batches: AsyncIterable<CandleSeries> | Iterable<CandleSeries>, options: ImportSeriesOptions = {}): Promise<ImportResult> {
    const pending = new PendingBlocks(blockSpanMs(key.timeframe, this.blockBars));
    for await (const batch of batches) pending.add(batch);
    if (options.shouldCommit && !options.shouldCommit()) return { inserted: 0, replaced: 0, unchanged: 0, committed: false };
    return { ...this.commit(key, pending), committed: true };
  }

  load(key: SeriesKey, range: LoadRange = {}): CandleSeries {
    const series = this.tables.findSeries(key.exchange, key.symbol, key.timeframe);
    if (!series || series.rows === 0) return allocateSeries(0);
    const from = range.from ?? -Infinity;
    const to = range.to ?? Infinity;
    if (!(from < to)) return allocateSeries(0);
    const capacity = this.tables.rowsInRange(series.id, from, to);
    return assembleRange(this.tables.iterateBlocksInRange(series.id, from, to), capacity, from, to, describe(key));
  }

  /**
   * Bars in [from, to) aggregated into `resolution` buckets, reduced block by block as SQLite hands them over: five
   * years of 1m bars become a chart's few thousand without ever being one 125 MB series. `bars` counts the source bars.
   */
  aggregate(key: SeriesKey, resolution: Timeframe, range: LoadRange = {}): { series: CandleSeries; bars: number } {
    checkResample(key.timeframe, resolution);
    const series = this.tables.findSeries(key.exchange, key.symbol, key.timeframe);
    const from = range.from ?? -Infinity;
    const to = range.to ?? Infinity;
    if (!series || series.rows === 0 || !(from < to)) return { series: allocateSeries(0), bars: 0 };
    const buckets = new BarAggregator(TIMEFRAME_MS[resolution]);
    let bars = 0;
    for (const piece of rangePieces(this.tables.iterateBlocksInRange(series.id, from, to), from, to, describe(key))) {
      buckets.add(piece);
      bars += piece.length;
    }
    return { series: buckets.result(), bars };
  }

  /** The stored series' first and last bar times and its bar count; undefined when nothing is stored. */
  extent(key: SeriesKey): { first: number; last: number; rows: number } | undefined {
    const s = this.tables.findSeries(key.exchange, key.symbol, key.timeframe);
    return s && s.rows > 0 && s.first_time !== null && s.last_time !== null ? { first: s.first_time, last: s.last_time, rows: s.rows } : undefined;
  }

  list(): SeriesInfo[] {
    return this.tables.list();
  }

  count(key: SeriesKey): number {
    return this.tables.findSeries(key.exchange, key.symbol, key.timeframe)?.rows ?? 0;
  }

  /** Removes the series and all its blocks; returns how many bars went. The instrument stays. */
  delete(key: SeriesKey): number {
    const series = this.tables.findSeries(key.exchange, key.symbol, key.timeframe);
    if (!series) return 0;
    this.tables.deleteSeries(series.id);
    return series.rows;
  }

  private commit(key: SeriesKey, pending: PendingBlocks): WriteCounts {
    const counts: WriteCounts = { inserted: 0, replaced: 0, unchanged: 0 };
    if (pending.rows === 0) return counts;
    const span = blockSpanMs(key.timeframe, this.blockBars);
    return this.transaction(() => {
      const seriesId = this.seriesFor(key, span);
      let changed = false;
      for (const [start, incoming] of pending.blocks()) {
        const blob = this.tables.block(seriesId, start);
        const older = blob ? decodeBlock(blob, `${describe(key)}@${start}`) : allocateSeries(0);
        const merged = mergeByTime(older, incoming);
        counts.inserted += merged.inserted;
        counts.replaced += merged.replaced;
        counts.unchanged += merged.unchanged;
        if (merged.inserted + merged.replaced === 0) continue;
        const s = merged.series;
        this.tables.putBlock(seriesId, start, s.length, s.time[0], s.time[s.length - 1], encodeBlock(s));
        changed = true;
      }
      if (changed) this.tables.refreshSeries(seriesId);
      return counts;
    });
  }

  private seriesFor(key: SeriesKey, span: number): number {
    const instrumentId = this.ensureInstrument({ exchange: key.exchange, symbol: key.symbol });
    const seriesId = this.tables.ensureSeries(instrumentId, key.timeframe);
    // Blocks written under another block size would overlap new ones and duplicate bars: refuse instead.
    if (this.tables.hasMisalignedBlock(seriesId, span)) {
      throw new StorageError(`${describe(key)} was stored with a different block size`, 'STORAGE_BLOCK_LAYOUT', { value: describe(key), span });
    }
    return seriesId;
  }
}

function describe(key: SeriesKey): string {
  return `${key.exchange}:${key.symbol}:${key.timeframe}`;
}
