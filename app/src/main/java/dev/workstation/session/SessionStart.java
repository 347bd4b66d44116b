package dev.workstation.session;

import dev.workstation.config.ConfigLinks;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.layout.CodeTree;
import dev.workstation.layout.HomeLock;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import dev.workstation.util.InertWriter;
import dev.workstation.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code workstation session-start} does, run by the session launcher as the user: refresh the
 * Config base links, then freshen the user's own clones (layout-aware) within a hard time bound.
 * Never fails: it always exits 0, because it must never block or break a launch. {@link
 * SessionArgs#fast} lets the entry point reach it without the CLI framework.
 */
public final class SessionStart {
  private SessionStart() {}

  /**
   * Runs session-start for {@code home}; prints what it did to {@code out} (raw: JSON as is, lines
   * for people escaped here). Always returns normally.
   */
  public static void run(SessionArgs args, Path home, PrintWriter out) {
    long start = System.nanoTime();
    List<Freshener.Outcome> outcomes = new ArrayList<>();
    List<String> links = new ArrayList<>();
    String problem = null;
    // ~/code's lock and the service's request come first: the service's round trip to the forge
    // runs while this process reads the site config and refreshes the links
    Claim claim = Claim.take(home);
    try {
      SiteConfig site = siteConfig(args.config());
      Duration bound =
          args.timeoutSeconds() != null
              ? Duration.ofMillis((long) (args.timeoutSeconds() * 1000))
              : site.freshen().sessionTimeout();
      SessionClient.Served done = work(home, site, bound, start, claim);
      links.addAll(done.links());
      outcomes = done.outcomes();
    } catch (TimeoutException e) {
      problem = "timed out; the session starts anyway";
    } catch (Exception e) {
      problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } finally {
      claim.release(); // or this process exits at the time bound, and the kernel drops the lock
    }
    print(out, args.json(), outcomes, links, problem, (System.nanoTime() - start) / 1_000_000);
  }

  /** ~/code's lock (or why not), and the service's answer on its way when there is a service. */
  private record Claim(
      Optional<HomeLock> lock, String refused, Optional<SessionClient.Pending> served) {
    static Claim take(Path home) {
      try {
        Optional<HomeLock> lock = HomeLock.tryAcquire(home);
        if (lock.isEmpty()
            || Files.exists(home.resolve(CodeTree.MIGRATE_TMP), LinkOption.NOFOLLOW_LINKS)) {
          lock.ifPresent(SessionStart::release);
          return new Claim(
              Optional.empty(),
              "~/code is being reorganised by a reconcile right now; not freshened this time",
              Optional.empty());
        }
        return new Claim(lock, null, SessionClient.send(home, ServiceCall.SOCKET));
      } catch (IOException | RuntimeException e) {
        return new Claim(
            Optional.empty(),
            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
            Optional.empty());
      }
    }

    void release() {
      lock.ifPresent(SessionStart::release);
    }
  }

  /**
   * The resident service's answer when it did the work; else the same work in this process: the
   * Config base links (local and fast, first, so a new shared skill is there now), then the clones.
   */
  private static SessionClient.Served work(
      Path home, SiteConfig site, Duration bound, long start, Claim claim) throws Exception {
    if (claim.refused() != null) {
      throw new IllegalStateException(claim.refused());
    }
    long left = bound.toNanos() - (System.nanoTime() - start);
    Optional<SessionClient.Served> served =
        claim.served().flatMap(p -> p.await(Duration.ofNanos(Math.max(1, left))));
    if (served.isPresent()) {
      return served.get();
    }
    List<String> links = new ArrayList<>();
    if (site.configBase().isPresent()) {
      SiteConfig.ConfigBase base = site.configBase().get();
      links.addAll(
          new ConfigLinks(
                  home,
                  base.dir(),
                  base.kinds(),
                  base.strategy() == SiteConfig.LinkStrategy.ENTRIES,
                  false)
              .run()
              .changes());
    }
    CompletableFuture<List<Freshener.Outcome>> work =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                List<Path> clones = CodeTree.clones(home);
                GitCredentials creds =
                    GitCredentials.readIfPresent(home.resolve(".git-credentials"));
                return Freshener.freshenAll(clones, clones.size(), bound, creds);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    List<Freshener.Outcome> outcomes =
        work.get(Math.max(1, bound.toNanos() - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    return new SessionClient.Served(outcomes, links);
  }

  /**
   * For the class-data archive: one exchange with a session service listening at {@code socket}.
   */
  public static void exerciseService(Path home, Path socket) {
    SessionClient.send(home, socket).flatMap(p -> p.await(Duration.ofSeconds(5)));
  }

  private static void release(HomeLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(
      PrintWriter out,
      boolean json,
      List<Freshener.Outcome> outcomes,
      List<String> links,
      String problem,
      long ms) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      List<Object> list = new ArrayList<>();
      for (Freshener.Outcome o : outcomes) {
        list.add(Map.of("repo", o.repo(), "outcome", o.outcome().text(), "ms", o.millis()));
      }
      m.put("outcomes", list);
      m.put("links", links);
      m.put("problem", problem);
      m.put("ms", ms);
      out.print(Json.write(m));
    } else {
      PrintWriter human = new InertWriter(out); // repo names, link names and errors are the user's
      links.forEach(l -> human.println("links: " + l));
      for (Freshener.Outcome o : outcomes) {
        human.println(o.repo() + ": " + o.outcome().text());
      }
      if (problem != null) {
        human.println("session-start: " + problem);
      }
    }
    out.flush();
  }

  /** The site config if readable; defaults otherwise. Never fails: the session must start. */
  private static SiteConfig siteConfig(Path config) {
    try {
      if (Files.isReadable(config)) {
        return SiteConfigParser.load(config);
      }
    } catch (RuntimeException e) {
      // a broken site config is the admin's to fix; the session still starts
    }
    return SiteConfig.defaults();
  }
}
