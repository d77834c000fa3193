import type { Clock } from '../../bot/ports.js';

/**
 * A bounded set of keys seen recently, such as slash commands' trigger ids, to recognise a request
 * that Slack sends again (X-Slack-Retry-Num) or that arrives twice. Oldest keys go first when full.
 */
export class RecentKeys {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxKeys: number,
  ) {}

  /** Adds the key; returns false when it was already seen within the time to live. */
  add(key: string): boolean {
    const now = this.clock.now();
    const seen = this.seenAt.get(key);
    if (seen !== undefined && now - seen < this.ttlMs) return false;

    this.seenAt.delete(key);
    this.seenAt.set(key, now);
    for (const [oldest, at] of this.seenAt) {
      if (this.seenAt.size <= this.maxKeys && now - at < this.ttlMs) break;
      this.seenAt.delete(oldest);
    }
    return true;
  }
}
