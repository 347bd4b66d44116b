package dev.workstation.cli;

import dev.workstation.config.ConfigLinks;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.layout.CodeTree;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstation session-start}: run by the session launcher as the user. Freshens the
 * user's own clones (layout-aware) within a hard time bound and always exits 0 — it must never
 * block or break a launch.
 */
@Command(
    name = "session-start",
    mixinStandardHelpOptions = true,
    description = {
      "As the calling user: freshen your own clones (single: ~/code; workspace: each clone in ~/code),",
      "bounded by --timeout. Always exits 0: it never blocks a session launch."
    })
final class SessionStartCommand extends Subcommand implements Callable<Integer> {

  @Option(names = "--timeout", paramLabel = "S", description = "Seconds at most (default: freshen.session_timeout).")
  Double timeoutSeconds;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    List<Freshener.Outcome> outcomes = new ArrayList<>();
    String problem = null;
    List<String> links = new ArrayList<>();
    try {
      SiteConfig site = siteConfig();
      Duration bound = timeoutSeconds != null ? Duration.ofMillis((long) (timeoutSeconds * 1000)) : site.freshen().sessionTimeout();
      Path home = Path.of(System.getProperty("user.home"));
      if (site.configBase().isPresent()) {
        // local and fast: refresh the Config base links first, so a new shared skill is there now
        SiteConfig.ConfigBase base = site.configBase().get();
        links.addAll(new ConfigLinks(home, base.dir(), base.kinds(), base.strategy() == SiteConfig.LinkStrategy.ENTRIES, false)
            .run().changes());
      }
      var lock = dev.workstation.layout.HomeLock.tryAcquire(home);
      if (lock.isEmpty() || java.nio.file.Files.exists(home.resolve(CodeTree.MIGRATE_TMP), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalStateException("~/code is being reorganised by a reconcile right now; not freshened this time");
      }
      // held until the fetches end (or this process exits at the time bound): the kernel drops it then
      List<Path> clones = CodeTree.clones(home);
      CompletableFuture<List<Freshener.Outcome>> work = CompletableFuture.supplyAsync(() -> {
        try {
          return Freshener.freshenAll(clones, clones.size(), bound, GitCredentials.readIfPresent(home.resolve(".git-credentials")));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      long left = bound.toNanos() - (System.nanoTime() - start);
      outcomes = work.get(Math.max(1, left), TimeUnit.NANOSECONDS);
      lock.get().close();
    } catch (java.util.concurrent.TimeoutException e) {
      problem = "timed out; the session starts anyway";
    } catch (Exception e) {
      problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      List<Object> list = new ArrayList<>();
      for (Freshener.Outcome o : outcomes) {
        list.add(Map.of("repo", o.repo(), "outcome", o.outcome(), "ms", o.millis()));
      }
      m.put("outcomes", list);
      m.put("links", links);
      m.put("problem", problem);
      m.put("ms", ms);
      out().print(Json.write(m));
    } else {
      links.forEach(l -> out().println("links: " + l));
      for (Freshener.Outcome o : outcomes) {
        out().println(o.repo() + ": " + o.outcome());
      }
      if (problem != null) {
        out().println("session-start: " + problem);
      }
    }
    out().flush();
    return ExitCodes.OK;
  }

  /** The site config if readable; defaults otherwise. Never fails: the session must start. */
  private SiteConfig siteConfig() {
    try {
      Path config = root().config;
      if (Files.isReadable(config)) {
        return SiteConfigParser.load(config);
      }
    } catch (RuntimeException e) {
      // a broken site config is the admin's to fix; the session still starts
    }
    return SiteConfig.defaults();
  }
}
