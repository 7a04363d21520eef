/**
 * The tail of a stream of text (a user's command's output) with the secrets masked BEFORE it is
 * cut: cutting first can leave part of a password at the start of the tail, where no mask finds it.
 * The text is masked as it arrives, in pieces cut where no secret straddles, so memory stays
 * bounded however much the stream says.
 */
import { MASK, maskNeedles, secretNeedles } from './redact.js';

/** Masked text is committed in pieces of at least this much, so masking stays cheap per chunk. */
const MIN_PIECE = 8192;

export class RedactedTail {
  private masked = '';
  private pending = '';
  private readonly needles: string[];
  /** The longest needle: the text held back unmasked, in case a secret continues in the next chunk. */
  private readonly reach: number;

  constructor(
    private readonly keepChars: number,
    secrets: Iterable<string | undefined> = [],
  ) {
    this.needles = secretNeedles(secrets);
    this.reach = Math.max(0, ...this.needles.map((n) => n.length));
  }

  push(text: string): void {
    this.pending += text;
    if (this.pending.length < MIN_PIECE + 2 * this.reach) return;
    const cut = this.safeCut(this.pending.length - this.reach);
    if (cut === undefined) {
      // Overlapping secrets back to back over the whole window: all of it is masked, never shown in part.
      this.commit(`${maskNeedles(this.pending, this.needles)}${MASK}`, this.pending.length);
      this.pending = '';
      return;
    }
    this.commit(maskNeedles(this.pending.slice(0, cut), this.needles), cut);
  }

  /** Everything pushed, masked, then cut to its last `keepChars` characters. */
  text(): string {
    return (this.masked + maskNeedles(this.pending, this.needles)).slice(-this.keepChars);
  }

  private commit(maskedPiece: string, consumed: number): void {
    this.masked = (this.masked + maskedPiece).slice(-this.keepChars);
    this.pending = this.pending.slice(consumed);
  }

  /**
   * A place at or before `cut` that no occurrence of a secret straddles (each occurrence before it
   * lies whole in the piece masked now), or undefined when a chain of them reaches back past `reach`.
   */
  private safeCut(cut: number): number | undefined {
    const floor = this.pending.length - 2 * this.reach;
    let at = cut;
    for (let moved = true; moved;) {
      moved = false;
      for (const needle of this.needles) {
        const start = this.pending.indexOf(needle, Math.max(0, at - needle.length + 1));
        if (start !== -1 && start < at) {
          at = start;
          moved = true;
        }
      }
      if (at < floor) return undefined;
    }
    return at;
  }
}
