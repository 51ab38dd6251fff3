// Shared shapes for indicator inputs and streaming objects.

/** The fields of a bar an OHLCV indicator may read; time is only needed by session-anchored ones (VWAP). */
export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Bars carrying only what high/low/close indicators read. */
export type HlcBar = Pick<Bar, 'high' | 'low' | 'close'>;

/** A streaming indicator over single values (closes): NaN while warming up. */
export interface ValueStream {
  update(value: number): number;
}

/** Every output of a multi-output indicator, keyed by output name. */
export type Outputs<K extends string> = { [P in K]: number };
