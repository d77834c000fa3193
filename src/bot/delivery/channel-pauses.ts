import type { ChannelKind } from '../model.js';
import type { Clock, Logger } from '../ports.js';

/**
 * Per-channel pauses requested by providers with Retry-After. A rate limit applies to the whole
 * account, so every message on that channel waits, not only the one that was refused. Kept in memory:
 * after a restart, the retry times stored with each delivery still apply.
 */
export class ChannelPauses {
  private readonly pausedUntil = new Map<ChannelKind, number>();
  private readonly pausedAt = new Map<ChannelKind, number>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Pauses `kind` for `ms` from now, after a request sent at `sentAt` was refused. A refusal of a
   * request sent before the current pause began reports the same overload again, so it does not
   * extend the pause. Without this rule, every message in flight would push the pause further out.
   */
  pause(kind: ChannelKind, ms: number, sentAt: number): void {
    const now = this.clock.now();
    const until = now + ms;
    if (sentAt < (this.pausedAt.get(kind) ?? -Infinity)) return;
    if (until <= (this.pausedUntil.get(kind) ?? 0)) return;
    this.pausedUntil.set(kind, until);
    this.pausedAt.set(kind, now);
    this.logger.warn({ channel: kind, pauseMs: ms }, 'channel paused: the provider requested Retry-After');
  }

  /** Returns when `kind` may be used again: now, or the end of its pause. */
  resumeAt(kind: ChannelKind): number {
    return Math.max(this.clock.now(), this.pausedUntil.get(kind) ?? 0);
  }

  /** Waits until `kind` is no longer paused. Returns false, without waiting further, once `signal` aborts. */
  async waitUntilOpen(kind: ChannelKind, signal: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal.aborted) return false;
      const wait = (this.pausedUntil.get(kind) ?? 0) - this.clock.now();
      if (wait <= 0) return true;
      await this.clock.sleep(wait, signal);
    }
  }
}
