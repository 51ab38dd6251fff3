// The always-visible emergency stop, and the trading state next to it.
import { useRiskStore } from '../state/risk-store';

export function EmergencyStop() {
  const { risk, emergencyStop } = useRiskStore();
  const state = risk?.tradingState ?? 'active';
  return (
    <div className="estop">
      <span className={`trading-state ${state}`} data-testid="trading-state">{state === 'halted' ? `HALTED (${risk?.killSwitch.mode})` : state === 'reducing' ? 'EXITS ONLY' : 'ACTIVE'}</span>
      <button className="danger big" onClick={() => void emergencyStop()} data-testid="emergency-stop" title="Cancel every open order and halt the engine (flatten too, if set in settings)">
        Emergency stop
      </button>
    </div>
  );
}
