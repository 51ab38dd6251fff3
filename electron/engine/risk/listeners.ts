// A minimal typed listener list: one failing listener must not keep the others (alerts, executor) from hearing.

export type Listener<T> = (event: T) => void;

export class Listeners<T> {
  private readonly list = new Set<Listener<T>>();

  /** Adds a listener; returns the function that removes it. */
  add(listener: Listener<T>): () => void {
    this.list.add(listener);
    return () => {
      this.list.delete(listener);
    };
  }

  /** Calls every listener, then rethrows the first error any of them threw. */
  emit(event: T): void {
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.list]) {
      try {
        listener(event);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
