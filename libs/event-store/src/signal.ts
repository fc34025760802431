/**
 * A wake-up call between a writer and a waiting loop: `wait` resolves at the next `notify`, at
 * once if one came since the last wait, or after the timeout (the loop's fallback poll).
 */
export class Signal {
  private waiters: (() => void)[] = [];
  private pending = false;

  notify(): void {
    if (this.waiters.length === 0) {
      this.pending = true;
      return;
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.push(wake);
    });
  }
}
