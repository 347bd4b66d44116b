package dev.workstation.reconcile;

import dev.workstation.account.HomeArchive;
import dev.workstation.git.CommitMessage;
import dev.workstation.git.TrustedSource;
import dev.workstation.host.Capacity;
import dev.workstation.host.Nss;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits;
import dev.workstation.roster.RosterParser;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * onboard / offboard / park: each one an audited commit to the roster repository (what changed, who
 * ran it, why), pushed, then the same reconcile engine applied at once. Destroy is the one
 * destructive step: explicit, only after the cut, archived and verified first.
 */
public final class Lifecycle {
  private final SiteConfig site;
  private final Path configPath;
  private final Ports ports;

  public Lifecycle(SiteConfig site, Path configPath, Ports ports) {
    this.site = site;
    this.configPath = configPath;
    this.ports = ports;
  }

  /** Commits {@code edit} with an audit message and reconciles; returns the reconcile result. */
  public Reconciler.Result change(
      String subject,
      String reason,
      UnaryOperator<String> edit,
      Optional<String> reconcileUser,
      IoStep beforeReconcile,
      Consumer<ActionReport> log)
      throws Exception {
    SiteConfig.RosterSource source = source();
    String who = CommitMessage.line(invoker());
    String host = CommitMessage.line(host());
    // every free text in its place, escaped, on one line: a reason cannot add a trailer or a line
    CommitMessage message =
        new CommitMessage(
            CommitMessage.line(subject),
            List.of(
                CommitMessage.field(
                    "Reason given", reason == null || reason.isBlank() ? "(none given)" : reason),
                CommitMessage.field("Run by", who + " on " + host + " with workstation")));
    PersonIdent author = new PersonIdent(who + " (workstation)", "root@" + host);
    new TrustedSource(source, site.stateDir(), 60).commit(edit, message, author);
    ports.checkpoints().passed("roster-commit"); // pushed, not yet reconciled
    beforeReconcile.run();
    return new Reconciler(site, configPath, ports)
        .run(new Reconciler.Options(Optional.empty(), reconcileUser, true, false), log);
  }

  /** A step between the pushed commit and the reconcile. */
  @FunctionalInterface
  public interface IoStep {
    void run() throws IOException;
  }

  /** The committed roster now (fetched), for the checks before an edit. */
  public Roster committed() throws IOException {
    RosterLoader.Loaded loaded = RosterLoader.load(site, Optional.empty(), configPath);
    return RosterParser.parse(loaded.file(), loaded.bytes());
  }

  /**
   * What the caller refuses (exit 1, unless forced): every way the roster's active users and one
   * more of {@code tier} would exceed the site's capacity — the ceiling, and the caps' sum.
   */
  public List<String> capacityViolations(Roster r, Tier tier) throws IOException {
    if (site.capacity().isEmpty() && site.containment().isEmpty()) {
      return List.of();
    }
    List<Tier> after = new java.util.ArrayList<>(activeTiers(r));
    after.add(tier);
    return Overcommit.violations(site, Capacity.measure(site.homeRoot()), after);
  }

  /** The tier of each user of {@code r} who is not parked. */
  public static List<Tier> activeTiers(Roster r) {
    return r.users().values().stream().filter(u -> !u.parked()).map(UserSpec::tier).toList();
  }

  /** The last admin can never be removed. */
  public static void refuseLastAdmin(Roster r, String user, String file) {
    UserSpec u = r.user(user).orElse(null);
    if (u != null
        && u.tier() == Tier.ADMIN
        && r.users().values().stream().filter(x -> x.tier() == Tier.ADMIN).count() == 1) {
      throw new InvalidInputException(
          Problem.whole(
              file,
              "users." + user,
              "is the last admin; add another admin before offboarding them"));
    }
  }

  /**
   * Marks the user for the cut the next apply performs (even if the applied roster never had them).
   */
  public void markPendingCut(String user) throws IOException {
    CutRecords.markPending(
        site.stateDir(), List.of(user), CutRecords.states(site.stateDir()).keySet());
  }

  /**
   * Archive (verified), then delete account and home. Only for a user already cut. The root files
   * that go with the account are removed first, each reported to {@code log}.
   */
  public HomeArchive.Archive destroy(String user, Consumer<ActionReport> log) throws IOException {
    Roster roster = committed();
    if (roster.user(user).isPresent()) {
      throw new InvalidInputException(
          Problem.whole(
              "roster",
              "users." + user,
              "has a live row; destroy is only for a user already offboarded (workstation offboard "
                  + user
                  + " first)"));
    }
    if (!CutRecords.isCut(site.stateDir(), user)) {
      throw new InvalidInputException(
          Problem.whole(
              "command line",
              user,
              "has not been cut yet; run workstation offboard "
                  + user
                  + " (the reversible cut) first"));
    }
    Nss.PasswdEntry pw =
        Nss.user(user)
            .orElseThrow(() -> new RunFailedException("no account " + user + " to destroy"));
    Path home = Path.of(pw.home());
    if (!home.getParent().equals(site.homeRoot())) {
      throw new RunFailedException(
          user
              + "'s home "
              + home
              + " is not under "
              + site.homeRoot()
              + "; archive and delete it by hand");
    }
    HomeArchive.Archive archive =
        HomeArchive.create(site.stateDir().resolve("archive"), site.homeRoot(), user);
    // before the account goes: a failure stops here, and destroy can be run again
    AccountFileRemoval.remove(site, ports, user, pw.uid(), log);
    ports.accounts().delete(user);
    CutRecords.forget(site.stateDir(), user);
    appendRootOnly(
        site.stateDir().resolve("destroyed.log"),
        Instant.now()
            + " "
            + user
            + " uid="
            + pw.uid()
            + " archive="
            + archive.file()
            + " sha256="
            + archive.sha256()
            + " by="
            + invoker()
            + "\n");
    return archive;
  }

  private SiteConfig.RosterSource source() {
    return site.roster()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    Problem.whole(
                        configPath.toString(),
                        "roster",
                        "no roster source configured; the lifecycle commands commit to it")));
  }

  /** Who ran it: the human behind sudo when there is one. */
  static String invoker() {
    String sudo = System.getenv("SUDO_USER");
    if (sudo != null && !sudo.isBlank()) {
      return sudo;
    }
    String user = System.getProperty("user.name");
    return user == null ? "unknown" : user;
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  public static UnaryOperator<String> remove(String file, String user, String note) {
    return text -> RosterEdits.removeUser(file, text, user, note, LocalDate.now());
  }

  /** Appends {@code line} to root's log {@code file}, made 0600 (at most) if new. */
  private static void appendRootOnly(Path file, String line) throws IOException {
    try (var ch =
        Files.newByteChannel(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
            PosixFilePermissions.asFileAttribute(AtomicFiles.ROOT_ONLY))) {
      ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
