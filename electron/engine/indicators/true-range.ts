// True range as TA-Lib's TRANGE/TRUE_RANGE macro: max of the bar's range and the gaps from the previous close.

export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const up = Math.abs(prevClose - high);
  if (up > greatest) greatest = up;
  const down = Math.abs(prevClose - low);
  if (down > greatest) greatest = down;
  return greatest;
}
