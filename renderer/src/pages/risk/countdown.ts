// A clock that ticks once a second while mounted, and "time left" formatted for a breaker's re-arm.
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** 1d 02:03:04, 02:03:04 or 03:04; "now" once the time has come. */
export function timeLeft(ms: number): string {
  if (ms <= 0) return 'now';
  const s = Math.ceil(ms / 1000);
  const d = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${Math.floor((s % 86_400) / 3600) > 0 || d > 0 ? `${pad(Math.floor((s % 86_400) / 3600))}:` : ''}${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}
