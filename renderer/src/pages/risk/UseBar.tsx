// One limit or threshold as a bar: used of max, coloured as it nears the limit, the numbers beside it.
import type { Use } from '../../../../shared/risk-contract';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatUse(value: number, unit: Use['unit'], currency = 'USDT'): string {
  if (unit === 'pct') return `${number.format(value)}%`;
  if (unit === 'x') return `${number.format(value)}x`;
  if (unit === 'quote') return `${number.format(Math.round(value))} ${currency}`;
  return number.format(value);
}

export function UseBar({ label, use, currency, testId }: { label: string; use: Use; currency?: string; testId?: string }) {
  const share = use.max > 0 ? use.used / use.max : 0;
  const pct = Math.round(Math.max(0, Math.min(1, share)) * 100);
  const level = share >= 1 ? 'over' : share >= 0.8 ? 'near' : 'ok';
  const text = `${formatUse(use.used, use.unit, currency)} / ${formatUse(use.max, use.unit, currency)}`;
  return (
    <div className={`use-row ${level}`} data-testid={testId}>
      <span className="use-label">{label}</span>
      <div className="use-bar" role="meter" aria-label={`${label}: ${text}`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-valuetext={text}>
        <div className="use-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="use-text mono" data-testid={testId ? `${testId}-text` : undefined}>{text}</span>
    </div>
  );
}
