package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.site.ContainmentSettings;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-user resource caps (SPEC §6.11), with a {@code containment:} section: a drop-in on each
 * roster user's {@code user-<uid>.slice} (their tier's {@code MemoryMax}, {@code MemorySwapMax},
 * {@code TasksMax}; never {@code MemoryHigh}, which with no swap livelocks instead of killing) and
 * one on every transient scope of a user manager — each tmux pane — with the pane cap and {@code
 * OOMPolicy=continue} (the default, stop, tears the pane down after the kernel rightly killed only
 * the hog). The facet is only files: the engine compares and writes them, reloads systemd and the
 * running user managers after a change, and removes a slice's drop-in when its account is
 * destroyed.
 *
 * <p>A parked user keeps their cap: parking stops their surfaces, not their account, and whatever
 * they still run (a login, a lingering manager) stays contained; unparking then has nothing to put
 * back. A cut user's drop-in stays until the account is destroyed. Without the section nothing is
 * written.
 */
public final class ContainmentPlanner {
  public static final Path PANE_DROP_IN =
      Path.of("/etc/systemd/user/scope.d/50-workstation-pane.conf");

  private static final String HEADER =
      "# Written by workstation (containment: in its site config, SPEC 6.11); a reconcile\n"
          + "# rewrites it: change the site config, not this file.\n";

  private ContainmentPlanner() {}

  /** Each roster user's slice drop-in, keyed by their settled uid, and the pane drop-in. */
  public static List<RootFile> files(Desired desired, Scope scope, Uids uids) {
    Optional<ContainmentSettings> caps = desired.site().containment();
    if (caps.isEmpty()) {
      return List.of();
    }
    List<RootFile> out = new ArrayList<>();
    out.add(
        RootFile.exact(
            Owner.BEFORE_USERS,
            PANE_DROP_IN,
            "rw-r--r--",
            true,
            pane(caps.get()),
            "each pane scope: MemoryMax "
                + ContainmentSettings.systemdSize(caps.get().paneMemoryMax())
                + ", OOMPolicy=continue"));
    for (AccountSpec u : scope.users()) {
      uids.of(u.osUser())
          .ifPresent(
              uid ->
                  out.add(
                      RootFile.exact(
                          Owner.user(u.osUser()),
                          sliceDropIn(uid),
                          "rw-r--r--",
                          true,
                          slice(caps.get(), u),
                          u.osUser() + "'s slice: " + limits(caps.get(), u))));
    }
    return out;
  }

  /** The file of {@code uid}'s that goes with the account: its slice drop-in. */
  public static List<Path> accountFiles(SiteConfig site, String user, int uid) {
    return site.containment().isPresent() ? List.of(sliceDropIn(uid)) : List.of();
  }

  public static Path sliceDropIn(int uid) {
    return Path.of("/etc/systemd/system/user-" + uid + ".slice.d/50-workstation.conf");
  }

  static String slice(ContainmentSettings caps, AccountSpec u) {
    return HEADER
        + "# "
        + u.osUser()
        + " ("
        + u.tier().id()
        + ")\n[Slice]\nMemoryMax="
        + ContainmentSettings.systemdSize(caps.memoryMax(u.tier()))
        + "\nMemorySwapMax="
        + ContainmentSettings.systemdSize(caps.userSwapMax())
        + "\nTasksMax="
        + caps.userTasksMax()
        + "\n";
  }

  private static String limits(ContainmentSettings caps, AccountSpec u) {
    return "MemoryMax "
        + ContainmentSettings.systemdSize(caps.memoryMax(u.tier()))
        + " ("
        + u.tier().id()
        + "), MemorySwapMax "
        + ContainmentSettings.systemdSize(caps.userSwapMax())
        + ", TasksMax "
        + caps.userTasksMax();
  }

  static String pane(ContainmentSettings caps) {
    return HEADER
        + "[Scope]\nMemoryMax="
        + ContainmentSettings.systemdSize(caps.paneMemoryMax())
        + "\nOOMPolicy=continue\n";
  }
}
