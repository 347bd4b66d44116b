package dev.workstation.cli;

import dev.workstation.freshen.MirrorFreshen;
import dev.workstation.freshen.SessionLinks;
import dev.workstation.freshen.SessionService;
import dev.workstation.git.Freshener;
import dev.workstation.reconcile.FreshenReport;
import dev.workstation.reconcile.FreshenRunner;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Dirs;
import dev.workstation.worker.SessionCodec;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstation session-service}: the resident root service behind {@code session-start}
 * (started by {@code workstation-session.socket}; see {@link SessionService}). Serves the socket
 * systemd passes on stdin, or binds {@code --socket} itself where no systemd runs.
 */
@Command(
    name = "session-service",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Serve session-start requests on a Unix socket (started by systemd).")
final class SessionServiceCommand extends Subcommand implements Callable<Integer> {

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description = "Bind this socket when systemd did not pass one (default: ${DEFAULT-VALUE}).")
  Path socket = Path.of("/run/workstation/session.sock");

  @Option(
      names = "--idle",
      paramLabel = "S",
      description = "Exit after this many idle seconds (default: ${DEFAULT-VALUE}).")
  long idleSeconds = 600;

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    ConfigStamp loaded = ConfigStamp.of(root().config);
    MirrorFreshen freshen =
        new MirrorFreshen(site.stateDir(), site.freshen().jobs(), site.freshen().sessionTimeout());
    Optional<SessionLinks> links =
        site.configBase()
            .map(
                b ->
                    new SessionLinks(
                        new WorkerRequest.LinkSpec(
                            b.dir().toString(),
                            b.kinds(),
                            b.strategy() == SiteConfig.LinkStrategy.DIRECTORY),
                        site.stateDir(),
                        site.freshen().sessionTimeout()));
    SessionService service =
        new SessionService(
            freshen,
            user -> remotesOf(site, user),
            links,
            (config, user, jobs) ->
                loaded.matches(Path.of(config)) ? everyone(site, user, jobs) : Optional.empty(),
            site.freshen().sessionTimeout());
    try (ServerSocketChannel server = channel()) {
      service.serve(server, Duration.ofSeconds(idleSeconds));
    }
    return ExitCodes.OK;
  }

  /** What {@code workstation freshen} does, done here: the reports as the service sends them. */
  static Optional<String> everyone(SiteConfig site, Optional<String> user, OptionalInt jobs) {
    SiteConfig s = jobs.isPresent() ? FreshenCommand.withJobs(site, jobs.getAsInt()) : site;
    Map<String, AccountSpec> accounts;
    try {
      accounts = AppliedAccounts.of(site);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (accounts.isEmpty()) {
      return Optional.empty(); // before any reconcile: the CLI reads the committed roster itself
    }
    List<AccountSpec> scope = new ArrayList<>();
    for (AccountSpec a : accounts.values()) {
      if (user.map(a.osUser()::equals).orElse(true)) {
        scope.add(a);
      }
    }
    List<SessionCodec.UserOutcome> out = new ArrayList<>();
    for (FreshenReport r : FreshenRunner.run(scope, s)) {
      out.add(
          new SessionCodec.UserOutcome(
              r.user(), new Freshener.Outcome(r.repo(), r.outcome(), r.millis())));
    }
    return Optional.of(SessionCodec.encodeReports(out));
  }

  /** systemd's socket (stdin, {@code StandardInput=socket}), or one we bind. */
  private ServerSocketChannel channel() throws IOException {
    Channel inherited = System.inheritedChannel();
    if (inherited instanceof ServerSocketChannel s) {
      return s;
    }
    Dirs.create(socket.getParent(), Dirs.SHARED); // every user must reach the socket
    Files.deleteIfExists(socket);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    // anyone may connect: who they are comes from the kernel (SO_PEERCRED), not from the request
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    return s;
  }

  /** The site remotes of a non-admin on the roster last applied; empty for anyone else. */
  static Optional<Set<URI>> remotesOf(SiteConfig site, String user) {
    try {
      AccountSpec a = AppliedAccounts.of(site).get(user);
      if (a == null || a.tier() == Tier.ADMIN) {
        return Optional.empty();
      }
      return Optional.of(FreshenRunner.siteRemotes(site, a));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
