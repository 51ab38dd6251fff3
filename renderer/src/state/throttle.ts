// Following a stream of updates without a request or a redraw per update: the first call runs at once, later ones
// at most once per interval, never two at a time, and the last call always runs (at the end of its interval).

export function throttle(work: () => Promise<void>, everyMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let due = false;
  const run = () => {
    due = false;
    running = true;
    timer = setTimeout(() => {
      timer = undefined;
      if (due && !running) run();
    }, everyMs);
    void work().finally(() => {
      running = false;
      if (due && timer === undefined) run();
    });
  };
  return () => {
    if (timer !== undefined || running) due = true;
    else run();
  };
}
