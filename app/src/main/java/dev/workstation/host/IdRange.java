package dev.workstation.host;

/** An inclusive range of uids or gids. */
public record IdRange(int min, int max) {
  /** The range, with ids beyond {@code int} clamped (Linux ids are unsigned 32-bit). */
  static IdRange of(long min, long max) {
    return new IdRange(
        (int) Math.min(min, Integer.MAX_VALUE), (int) Math.min(max, Integer.MAX_VALUE));
  }

  public boolean contains(long id) {
    return id >= min && id <= max;
  }

  public boolean overlaps(IdRange other) {
    return min <= other.max && max >= other.min;
  }
}
