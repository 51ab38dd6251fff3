// The start-session form as another page filled it in (the first-run guide: paper-trade the strategy just
// backtested), with a line on what a paper session is, since a new trader is about to start their first one.
import { useEffect, useRef } from 'react';
import { useSessionPrefillStore } from '../../state/session-prefill-store';
import { StartSessionForm } from './StartSessionForm';

export function PrefilledSession() {
  const { prefill, clear } = useSessionPrefillStore();
  const box = useRef<HTMLDivElement>(null);
  // The sessions sit below the chart: bring the form into view, the trader came here for it.
  useEffect(() => { if (prefill) box.current?.scrollIntoView({ block: 'nearest' }); }, [prefill]);
  if (!prefill) return null;
  const { form, from } = prefill;
  return (
    <div ref={box} className="desk-prefill" data-testid="desk-prefill">
      <p data-testid="desk-prefill-note">
        Paper trading runs {form.strategy} on live {form.symbol} {form.timeframe} market data from the exchange ({form.account}) with
        simulated fills: no API keys needed, no money at risk.
        <span className="muted"> Filled in from {from}.</span>
      </p>
      {/* Keyed by the prefill: a new one starts from its own values, not from edits to the last. */}
      <StartSessionForm key={`${from}:${form.strategy}:${form.symbol}`} initial={form} onDone={clear} />
    </div>
  );
}
