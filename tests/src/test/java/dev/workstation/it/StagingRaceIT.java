package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bundles root stages for users' clones are readable by their user alone, at every instant: a
 * local user racing the hourly freshen — reading every process's argv for staging paths, opening
 * the bundle names that come next, listing the staging area — opens nothing, over a thousand
 * bundles staged for other users' private repositories.
 */
class StagingRaceIT extends SiteTest {
  static final int USERS = 10;
  static final int REPOS = 10;
  static final int ROUNDS = 10;

  /**
   * The racer (perl, as a local user): learns staging paths from {@code /proc/*}/cmdline, opens the
   * next bundle names of every run it learned as fast as it can, tries to list the staging area and
   * to open the standard input of other users' git; keeps whatever it opened, and at the end reads
   * each and says how many held a bundle.
   */
  static final String RACER =
      """
      use strict; use warnings; use Time::HiRes qw(time);
      my ($root, $stop, $report) = @ARGV;
      my (%next, @held); my ($opened, $listed, $stdin) = (0, 0, 0); my $scan = 0;
      while (!-e $stop) {
        if (time - $scan > 0.005) {
          $scan = time;
          opendir(my $p, "/proc") or die;
          for my $pid (grep { /^\\d+$/ } readdir $p) {
            open(my $c, "<", "/proc/$pid/cmdline") or next;
            my $cl = do { local $/; <$c> } // "";
            while ($cl =~ m{(\\Q$root\\E/[^\\0]*?)/(\\d+)\\.bundle}g) {
              $next{$1} = $2 + 1 if !exists $next{$1} || $next{$1} <= $2;
            }
            if ($cl =~ /\\bfetch\\b/ && open(my $in, "<", "/proc/$pid/fd/0")) { $stdin++; push @held, $in; }
          }
          closedir $p;
          if (opendir(my $d, $root)) { $listed++; closedir $d; }
        }
        for my $run (keys %next) {
          for my $k (0 .. 7) {
            my $f = "$run/" . ($next{$run} + $k) . ".bundle";
            if (open(my $fh, "<", $f)) { $opened++; push @held, $fh; $next{$run} += $k + 1; last; }
          }
        }
      }
      my $bundles = 0;
      for my $fh (@held) { my $head = ""; read($fh, $head, 16); $bundles++ if $head =~ /^# v[23] git bundle/; }
      open(my $out, ">", $report) or die;
      print $out "opened=$opened bundles=$bundles listed=$listed stdin=$stdin runs=" . scalar(keys %next) . "\\n";
      """;

  @Test
  void another_user_opens_no_staged_bundle_in_a_thousand() throws Exception {
    try (GitHttpServer server = new GitHttpServer()) {
      Path fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
      server.serve("infra.git", Fixtures.infraRepo(fixtures), true);
      List<String> repos = new ArrayList<>();
      for (int r = 0; r < REPOS; r++) {
        repos.add("p" + r);
        server.serve("viktor/p" + r + ".git", Fixtures.plainRepo(fixtures, "p" + r), false);
      }
      StringBuilder users = new StringBuilder("users:\n");
      for (int u = 0; u < USERS; u++) {
        server.user(
            "u" + u,
            "tok-u" + u,
            repos.stream().map(r -> "viktor/" + r + ".git").toArray(String[]::new));
        users
            .append("  u")
            .append(u)
            .append(": {authentik_user: u")
            .append(u)
            .append(", k8s_user: u")
            .append(u)
            .append(", tier: power-user, code_layout: workspace, repos: [")
            .append(String.join(", ", repos))
            .append("]}\n");
      }
      site.configure(
          "infra: {clone_url: "
              + server.url("infra.git")
              + ", branch: master}\nrepos:\n  base_url: "
              + server.base()
              + "/viktor\nfreshen: {jobs: 4, timeout: 30s}\n");
      roster.commitRoster(users.toString());
      site.ws("reconcile", "--no-freshen");
      for (int u = 0; u < USERS; u++) {
        box.gitCredentials("u" + u, "http", server.port(), "tok-u" + u);
      }
      String made = site.ws("reconcile", "--no-freshen").ok().both();
      assertEquals(
          String.valueOf(USERS * REPOS),
          box.sh("ls -d /home/u*/code/p*/.git | wc -l").ok().out().strip(),
          "every clone made: " + made);
      box.exec("useradd", "-m", "mallory").ok();
      Path racer = box.dir().resolve("racer.pl");
      Files.writeString(racer, RACER);
      Path stop = box.dir().resolve("racer-stop");
      Path report = box.dir().resolve("racer-report");
      box.sh(
              "chmod 755 "
                  + box.dir()
                  + " && chmod 644 "
                  + racer
                  + " && touch "
                  + report
                  + " && chmod 666 "
                  + report)
          .ok();
      Process p =
          box.start(
              List.of(
                  "runuser",
                  "-u",
                  "mallory",
                  "--",
                  "perl",
                  racer.toString(),
                  "/var/lib/workstation/staging",
                  stop.toString(),
                  report.toString()));
      int staged = 0;
      String last = "";
      try {
        for (int round = 0; round < ROUNDS; round++) {
          for (String r : repos) {
            Fixtures.commit(fixtures, r, "round" + round + ".txt", "private " + round + "\n");
          }
          Sandbox.Result f = site.ws("freshen");
          last = f.both();
          staged +=
              (int)
                  f.out()
                      .lines()
                      .filter(
                          l -> l.contains("repo=code/p") && l.contains("result=fast-forwarded(1)"))
                      .count();
          assertEquals(0, f.code(), f.both());
        }
      } finally {
        Files.writeString(stop, "");
        p.waitFor(60, TimeUnit.SECONDS);
        p.destroy();
      }
      assertEquals(
          USERS * REPOS * ROUNDS, staged, "every clone took its bundle every round: " + last);
      String seen = Files.readString(report, StandardCharsets.UTF_8).strip();
      assertTrue(
          seen.startsWith("opened=0 bundles=0 listed=0 stdin=0"), "the racer got in: " + seen);
    }
  }
}
