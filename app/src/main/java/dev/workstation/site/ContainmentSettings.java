package dev.workstation.site;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Scalar;
import dev.workstation.roster.Tier;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code containment:} (SPEC §3, §6.11): the caps every active user's slice and every pane scope of
 * their manager run under. The box is RAM-bound with no swap, so a cap is a hard {@code MemoryMax}
 * (never {@code MemoryHigh}: with no swap a soft band livelocks), and their sum is held against the
 * RAM times {@link #overcommit}: caps that add up far past it cannot bind before the box runs out.
 *
 * @param userMemoryMax each tier's {@code MemoryMax} of {@code user-<uid>.slice}, in bytes
 * @param userSwapMax {@code MemorySwapMax} of the slice (0: none)
 * @param userTasksMax {@code TasksMax} of the slice: a fork bomb stops there
 * @param paneMemoryMax {@code MemoryMax} of each transient scope of a user's manager (a tmux pane),
 *     which also gets {@code OOMPolicy=continue}
 */
public record ContainmentSettings(
    Map<Tier, Long> userMemoryMax,
    long userSwapMax,
    long userTasksMax,
    long paneMemoryMax,
    double overcommit) {

  static final Set<String> KEYS =
      Set.of("user_memory_max", "user_swap_max", "user_tasks_max", "pane_memory_max", "overcommit");

  /** Below this not even a login shell and the user's manager fit: the cap would lock them out. */
  static final long MIN_MEMORY = 32L << 20;

  static final long MIN_TASKS = 16;
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})([KMGT])");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?");
  private static final String SIZES =
      "write a whole number with K, M, G or T (1024-based, as systemd reads it), like 24G or 512M";

  public ContainmentSettings {
    userMemoryMax = Map.copyOf(userMemoryMax);
  }

  /** The cap of a user of {@code tier}'s slice, in bytes. */
  public long memoryMax(Tier tier) {
    return userMemoryMax.get(tier);
  }

  /**
   * Why the caps of {@code active} (one tier per active user) cannot all bind on a box with {@code
   * memTotal} bytes of RAM — with the figures — or empty when they add up to at most RAM × {@link
   * #overcommit}.
   */
  public Optional<String> overcommitted(long memTotal, List<Tier> active) {
    long sum = active.stream().mapToLong(this::memoryMax).sum();
    double limit = memTotal * overcommit;
    if (sum <= limit) {
      return Optional.empty();
    }
    StringBuilder each = new StringBuilder();
    for (Tier t : Tier.values()) {
      long n = active.stream().filter(t::equals).count();
      if (n > 0) {
        each.append(each.length() > 0 ? ", " : "").append(t.id()).append(' ');
        each.append(systemdSize(memoryMax(t))).append(" ×").append(n);
      }
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "containment: the memory caps of %d active users add up to %.1f GiB (%s), above RAM"
                + " %.1f GiB × overcommit %s = %.1f GiB: a cap cannot bind before the box runs"
                + " out (lower containment.user_memory_max, park a user, or add memory)",
            active.size(),
            gib(sum),
            each,
            gib(memTotal),
            BigDecimal.valueOf(overcommit).stripTrailingZeros().toPlainString(),
            gib((long) limit)));
  }

  /** {@code bytes} as a systemd size: the largest unit that divides it exactly (24G, 512M, 0). */
  public static String systemdSize(long bytes) {
    String[] units = {"T", "G", "M", "K"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (40 - 10 * i);
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }

  private static double gib(long bytes) {
    return bytes / (double) (1L << 30);
  }

  /** Reads the section: every tier's cap is required, the rest has the SPEC's defaults. */
  static ContainmentSettings read(MappingReader s) {
    Map<Tier, Long> caps = tierCaps(s);
    long pane = size(s, "pane_memory_max", MIN_MEMORY).orElse(0L);
    if (!s.has("pane_memory_max")) {
      s.missing("pane_memory_max");
    }
    return new ContainmentSettings(
        caps,
        size(s, "user_swap_max", 0).orElse(0L),
        s.integer("user_tasks_max").filter(n -> enoughTasks(s, n)).orElse(8192L),
        pane,
        overcommit(s).orElse(1.0));
  }

  /** {@code user_memory_max}: one size for every tier, or a size per tier (all three). */
  private static Map<Tier, Long> tierCaps(MappingReader s) {
    Map<Tier, Long> caps = new EnumMap<>(Tier.class);
    YamlNode n = s.node("user_memory_max");
    if (n == null) {
      s.missing("user_memory_max");
    } else if (n instanceof Scalar) {
      size(s, "user_memory_max", MIN_MEMORY)
          .ifPresent(v -> List.of(Tier.values()).forEach(t -> caps.put(t, v)));
    } else {
      Set<String> tiers = Set.of("admin", "power-user", "namespace-owner");
      s.section("user_memory_max", tiers)
          .ifPresent(
              m -> {
                for (Tier t : Tier.values()) {
                  if (!m.has(t.id())) {
                    s.problem(
                        n,
                        m.path(t.id()),
                        "no cap for " + t.id() + ": give every tier one (or one size for all)");
                  }
                  size(m, t.id(), MIN_MEMORY).ifPresent(v -> caps.put(t, v));
                }
              });
    }
    for (Tier t : Tier.values()) {
      caps.putIfAbsent(t, 0L); // reported above: the config is refused as a whole
    }
    return caps;
  }

  /**
   * {@code key}'s size as systemd reads it, at least {@code floor} (0 allowed when the floor is 0);
   * empty when absent or reported.
   */
  private static Optional<Long> size(MappingReader s, String key, long floor) {
    YamlNode n = s.node(key);
    if (n == null) {
      return Optional.empty();
    }
    String v = n instanceof Scalar sc ? sc.value() : "";
    Matcher m = SIZE.matcher(v);
    long bytes = 0;
    String problem = null;
    if (n instanceof Scalar && v.equals("0")) {
      problem = floor > 0 ? "0 would kill every process there; " + SIZES : null;
    } else if (!(n instanceof Scalar) || !m.matches()) {
      problem =
          (n instanceof Scalar ? MappingReader.quote(v) : "a " + n.describe())
              + (v.endsWith("%")
                  ? " is a percentage: capacity adds the caps up in bytes; "
                  : v.matches("[0-9]+") ? " has no unit; " : " is not a size; ")
              + SIZES;
    } else {
      int shift = "KMGT".indexOf(m.group(2)) * 10 + 10;
      long whole = Long.parseLong(m.group(1));
      bytes = whole > (Long.MAX_VALUE >> shift) ? -1 : whole << shift;
      if (bytes < 0) {
        problem = MappingReader.quote(v) + " is larger than any machine; " + SIZES;
      } else if (bytes < floor) {
        problem =
            MappingReader.quote(v) + " is below " + systemdSize(floor) + ", too little to log in";
      }
    }
    if (problem != null) {
      s.problem(n, s.path(key), problem);
      return Optional.empty();
    }
    return Optional.of(bytes);
  }

  private static boolean enoughTasks(MappingReader s, long n) {
    if (n < MIN_TASKS || n > 4_194_304) {
      s.problem(
          s.node("user_tasks_max"),
          s.path("user_tasks_max"),
          "must be a whole number from " + MIN_TASKS + " (a login needs a few) to 4194304");
      return false;
    }
    return true;
  }

  private static Optional<Double> overcommit(MappingReader s) {
    YamlNode n = s.node("overcommit");
    if (n == null) {
      return Optional.empty();
    }
    String v = n instanceof Scalar sc ? sc.value() : "";
    double d = NUMBER.matcher(v).matches() ? Double.parseDouble(v) : -1;
    if (d < 0.1 || d > 100) {
      s.problem(
          n,
          s.path("overcommit"),
          "must be a number from 0.1 to 100, like 1.5: the caps of the active users may add up"
              + " to that many times the RAM");
      return Optional.empty();
    }
    return Optional.of(d);
  }
}
