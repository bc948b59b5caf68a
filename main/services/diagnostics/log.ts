/**
 * The client's recent log, kept in memory only (a ring buffer) so
 * *Help → Save diagnostics…* can include it. Lines are redacted on the way
 * in as well as on the way out: nothing secret sits in memory longer than it
 * has to, and a bug in one path cannot leak through the other.
 */
import { printable, redact } from './redact';

/** Longest line kept; longer lines are cut (they are diagnostics, not data). */
const MAX_LINE = 1000;

/** A fixed-size, in-memory log of recent lines. */
export class RingLog {
  private readonly lines: string[] = [];

  constructor(
    private readonly capacity = 500,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Adds one line (timestamped, redacted, control characters removed). */
  write(line: string): void {
    const clean = redact(printable(String(line))).slice(0, MAX_LINE);
    this.lines.push(`${new Date(this.now()).toISOString()} ${clean}`);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  /** The kept lines, oldest first. */
  recent(): string[] {
    return [...this.lines];
  }

  /** A `log` function for `compose()` that also forwards to `next` (e.g. the console). */
  tee(next?: (line: string) => void): (line: string) => void {
    return (line) => {
      this.write(line);
      next?.(line);
    };
  }
}
