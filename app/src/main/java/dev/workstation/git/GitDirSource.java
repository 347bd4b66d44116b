package dev.workstation.git;

import dev.workstation.host.HomeFiles;
import dev.workstation.host.HomeReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to a clone's {@code .git} directory for the readers that look without JGit ({@link
 * RefFiles}, {@link GitConfigFile}): either as the user, through {@link HomeFiles} ({@link
 * #of(Path)}), or as root, through the guarded {@link HomeReader} ({@link #inHome}). Paths are
 * relative to the git directory and never followed through a symlink.
 */
public interface GitDirSource {
  /** The regular file's bytes (at most {@code max}); empty when absent; refused: IOException. */
  Optional<byte[]> read(String rel, int max) throws IOException;

  /** A directory's entries (name → is a directory); empty when absent. */
  Optional<Map<String, Boolean>> list(String rel) throws IOException;

  /** {@code gitDir} read as the current process (the user's own worker or session). */
  static GitDirSource of(Path gitDir) {
    return new GitDirSource() {
      @Override
      public Optional<byte[]> read(String rel, int max) throws IOException {
        return HomeFiles.read(gitDir.resolve(rel), max); // no link, FIFO or device; bounded
      }

      @Override
      public Optional<Map<String, Boolean>> list(String rel) throws IOException {
        Path dir = gitDir.resolve(rel);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
          }
          return Optional.empty();
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
          for (Path p : entries) {
            out.put(p.getFileName().toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
          }
        }
        return Optional.of(out);
      }
    };
  }

  /** The git directory at {@code relGitDir} (e.g. {@code code/infra/.git}) inside a home. */
  static GitDirSource inHome(HomeReader home, String relGitDir) {
    return new GitDirSource() {
      @Override
      public Optional<byte[]> read(String rel, int max) throws IOException {
        return home.read(relGitDir + "/" + rel, max);
      }

      @Override
      public Optional<Map<String, Boolean>> list(String rel) throws IOException {
        return home.list(relGitDir + "/" + rel);
      }
    };
  }
}
