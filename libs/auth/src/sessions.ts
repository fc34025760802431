/** The longest a browser session lasts: 8 hours, or less when the token it was opened with expires sooner. */
export const SESSION_SECONDS = 8 * 3600;

/**
 * The sessions signed out before their expiry, each kept until it would have expired anyway (after
 * that its signature no longer verifies). In one process's memory: a restart forgets them, and
 * another instance of the service never knew them.
 */
export class EndedSessions {
  /** Session id -> its expiry, in seconds since the epoch. */
  private readonly until = new Map<string, number>();

  end(id: string, expiresAt: number, nowSeconds: number): void {
    for (const [ended, expiry] of this.until) if (expiry <= nowSeconds) this.until.delete(ended);
    if (expiresAt > nowSeconds) this.until.set(id, expiresAt);
  }

  has(id: string): boolean {
    return this.until.has(id);
  }

  get size(): number {
    return this.until.size;
  }
}
