package dev.workstation.worker;

import dev.workstation.git.Clones;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.IsolatedGitConfig;
import dev.workstation.input.JsonReader;
import dev.workstation.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Exercises what a worker and session-start load — YAML/JSON, JGit clone, status, fetch over
 * the file and HTTP transports — in a throwaway directory, so {@code -XX:ArchiveClassesAtExit}
 * (the package's postinst) captures those classes in the class-data-sharing archive.
 */
final class WarmUp {
  private WarmUp() {}

  static void run() throws Exception {
    IsolatedGitConfig.install();
    Path dir = Files.createTempDirectory("workstation-warm-up-");
    try {
      Path src = dir.resolve("src");
      PersonIdent who = new PersonIdent("warm-up", "warm-up@localhost");
      try (Git git = Git.init().setInitialBranch("master").setDirectory(src.toFile()).call()) {
        Files.writeString(src.resolve("a"), "a\n");
        git.add().addFilepattern("a").call();
        git.commit().setMessage("a").setAuthor(who).setCommitter(who).call();
      }
      Path clone = dir.resolve("clone");
      Clones.clone(clone, src.toUri().toString(), "origin", "master", true, GitCredentials.none());
      Clones.inspect(clone);
      Freshener.freshenAll(List.of(clone), 1, Duration.ofSeconds(5), GitCredentials.none());
      try (Git git = Git.open(clone.toFile())) {
        // the HTTP transport, against a port nothing listens on: fails at once, classes loaded
        git.fetch().setRemote("http://127.0.0.1:9/warm-up.git").setTimeout(1).call();
      } catch (Exception expected) {
        // connection refused is the point
      }
      JsonReader.parse("warm-up", Json.write(Map.of("a", List.of(1, "b"))));
    } finally {
      dev.workstation.util.FileTrees.delete(dir);
    }
  }
}
