package dev.workstation.git;

import dev.workstation.host.HomeFiles;
import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * A user's git identity and credentials, written by their worker: {@code ~/.git-credentials} (0600,
 * a line per host, added only if the host has none) and {@code user.name}/{@code user.email} in
 * {@code ~/.gitconfig} (only if absent). The secret arrives on the worker's stdin and goes only
 * into the credentials file.
 */
public final class GitIdentity {
  private GitIdentity() {}

  public static boolean hasCredentialsFor(Path home, String host) throws IOException {
    Path f = home.resolve(".git-credentials");
    for (String line : HomeFiles.readText(f).orElse("").split("\n")) {
      GitCredentials.Entry e = GitCredentials.parseLine(line.strip()).orElse(null);
      if (e != null && e.host().equalsIgnoreCase(host)) {
        return true;
      }
    }
    return false;
  }

  public static void addCredentials(
      Path home, String scheme, String host, String login, String secret) throws IOException {
    if (hasCredentialsFor(home, host)) {
      return;
    }
    Path f = home.resolve(".git-credentials");
    if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("~/.git-credentials is not a regular file; not written");
    }
    String existing = HomeFiles.readText(f).orElse("");
    if (!existing.isEmpty() && !existing.endsWith("\n")) {
      existing += "\n";
    }
    // the store's own encoding (git writes a port's colon as %3a)
    String line =
        scheme + "://" + enc(login) + ":" + enc(secret) + "@" + host.replace(":", "%3a") + "\n";
    AtomicFiles.write(
        f,
        (existing + line).getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Which of user.name / user.email ~/.gitconfig already sets. */
  public static Map<String, Object> present(Path home) throws IOException {
    Path file = home.resolve(".gitconfig");
    Optional<GitConfigFile> simple =
        GitConfigFile.read(file); // every reconcile asks: skip JGit's start-up
    Map<String, Object> m = new LinkedHashMap<>();
    if (simple.isPresent() || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      m.put("name", simple.map(c -> c.last("user", "", "name") != null).orElse(false));
      m.put("email", simple.map(c -> c.last("user", "", "email") != null).orElse(false));
      return m;
    }
    return presentWithJGit(home);
  }

  static Map<String, Object> presentWithJGit(Path home) throws IOException {
    FileBasedConfig c = load(home);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.getString("user", null, "name") != null);
    m.put("email", c.getString("user", null, "email") != null);
    return m;
  }

  public static void setIfAbsent(Path home, String name, String email) throws IOException {
    Path f = home.resolve(".gitconfig");
    if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("~/.gitconfig is not a regular file; not written");
    }
    FileBasedConfig c = load(home);
    boolean changed = false;
    if (name != null && c.getString("user", null, "name") == null) {
      c.setString("user", null, "name", name);
      changed = true;
    }
    if (email != null && c.getString("user", null, "email") == null) {
      c.setString("user", null, "email", email);
      changed = true;
    }
    if (changed) {
      c.save();
    }
  }

  private static FileBasedConfig load(Path home) throws IOException {
    FileBasedConfig c = new FileBasedConfig(home.resolve(".gitconfig").toFile(), FS.DETECTED);
    try {
      // read through HomeFiles (a FIFO here must not stall the worker), parsed by JGit
      c.fromText(HomeFiles.readText(home.resolve(".gitconfig")).orElse(""));
    } catch (ConfigInvalidException e) {
      throw new IOException("~/.gitconfig cannot be parsed; not changed");
    }
    return c;
  }
}
