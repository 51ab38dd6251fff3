// Where an alert leads: the page that shows what it is about, from its source (kill switch and breakers → Risk,
// sessions and accounts → Desk, health checks → Status, daily reports → Reports, imports → Data).
const BY_PREFIX: readonly (readonly [RegExp, string, string])[] = [
  [/^(kill-switch|breaker:|risk)/, 'risk', 'Risk'],
  [/^(session:|account:|reconcile)/, 'desk', 'Desk'],
  [/^health:/, 'status', 'Status'],
  [/^report:/, 'reports', 'Reports'],
  [/^(dataset|file|data)/, 'data', 'Data'],
];

/** The page id and label an alert from `source` opens, or undefined when none is about it. */
export function alertPage(source: string): { page: string; label: string } | undefined {
  const hit = BY_PREFIX.find(([re]) => re.test(source));
  return hit && { page: hit[1], label: hit[2] };
}
