// Number formatting for the Desk's tables: money with two decimals, signed P&L, sizes and prices without noise.

/** One formatter for every cell: toLocaleString would build one per call, several times per streamed update. */
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const money = (x: number | undefined) => (x === undefined ? '—' : MONEY.format(x));

export const signed = (x: number | undefined) => (x === undefined ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${money(Math.abs(x))}`);

/** Up to 8 significant digits: 0.00012345, 61234.5. */
export const qty = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Number(x.toPrecision(8)).toString());

export const tone = (x: number | undefined) => (x === undefined || x === 0 ? '' : x > 0 ? 'gain' : 'loss');
