// Every exposure limit with its current use, per open account; before any account opens, the limits themselves.
import type { RiskStateView } from '../../../../shared/risk-contract';
import { formatUse, UseBar } from './UseBar';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

interface Cap { maxNotional: number; maxPctOfEquity: number }
interface Limits { maxOpenOrders: number; maxOrderNotional: number; maxLeverage: number; position: Cap; strategy: Cap; portfolio: Cap }

export function LimitUsage({ risk }: { risk: RiskStateView }) {
  const usage = risk.usage ?? [];
  return (
    <section className="panel" aria-labelledby="risk-limits-title" data-testid="risk-limits">
      <h3 id="risk-limits-title">Limits in use</h3>
      {usage.length === 0 ? (
        <>
          <p className="muted" data-testid="risk-limits-idle">No trading account is open: each limit's use shows here once a paper or live session runs.</p>
          <ConfiguredLimits limits={risk.limits as unknown as Limits} />
        </>
      ) : (
        usage.map((account) => (
          <div key={account.account} className="risk-account" data-testid={`risk-account-${slug(account.account)}`}>
            <h4>
              {account.account}
              {account.equity !== undefined && <span className="muted"> — equity {formatUse(account.equity, 'quote', account.currency)}</span>}
            </h4>
            {account.limits.map((l) => (
              <UseBar key={`${l.limit}:${l.label}`} label={l.label} use={l} currency={account.currency} testId={`use-${slug(account.account)}-${slug(l.label)}`} />
            ))}
          </div>
        ))
      )}
    </section>
  );
}

function ConfiguredLimits({ limits }: { limits: Limits }) {
  const cap = (c: Cap) => `${formatUse(c.maxNotional, 'quote')} or ${formatUse(c.maxPctOfEquity, 'pct')} of equity`;
  const rows: [string, string][] = [
    ['Open orders', formatUse(limits.maxOpenOrders, 'orders')],
    ['Order notional', formatUse(limits.maxOrderNotional, 'quote')],
    ['Position per symbol', cap(limits.position)],
    ['Per strategy', cap(limits.strategy)],
    ['Portfolio gross', cap(limits.portfolio)],
    ['Leverage', formatUse(limits.maxLeverage, 'x')],
  ];
  return (
    <table className="grid" data-testid="risk-limits-configured">
      <thead><tr><th scope="col">Limit</th><th scope="col">At most</th></tr></thead>
      <tbody>{rows.map(([k, v]) => <tr key={k}><td>{k}</td><td className="mono">{v}</td></tr>)}</tbody>
    </table>
  );
}
