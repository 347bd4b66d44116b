package dev.workstation.doctor;

import dev.workstation.kube.Kubeconfig;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

/**
 * With a {@code kube:} section, every kubeconfig runs kubelogin ({@link Kubeconfig#PLUGIN}) as its
 * user: it must be on the PATH a user's login shell has, and executable by anyone. (Root's PATH is
 * not the one that counts: a plugin in {@code /usr/local/sbin} or {@code /root/bin} is found by
 * root and by nobody else.)
 */
final class KubeloginCheck implements SiteCheck {
  /** A login shell's PATH for a user ({@code /etc/login.defs}' ENV_PATH on Debian). */
  static final List<String> USER_PATH = List.of("/usr/local/bin", "/usr/bin", "/bin");

  @Override
  public List<Check> run(SiteConfig s) {
    if (s.kube().isEmpty()) {
      return List.of(); // OidcCheck already says there is no kube: section
    }
    for (String dir : USER_PATH) {
      Path p = Path.of(dir, Kubeconfig.PLUGIN);
      if (Files.isRegularFile(p)) {
        return List.of(
            forEveryone(p)
                ? Check.ok("kubelogin", p.toString())
                : Check.warn(
                    "kubelogin",
                    p + " is not executable by the users: their kubeconfigs cannot log in",
                    "chmod 755 " + p));
      }
    }
    return List.of(
        Check.warn(
            "kubelogin",
            Kubeconfig.PLUGIN
                + " is not on a user's PATH ("
                + String.join(":", USER_PATH)
                + "): kubeconfigs cannot log in",
            "install kubelogin (int128/kubelogin) as /usr/local/bin/" + Kubeconfig.PLUGIN));
  }

  private static boolean forEveryone(Path p) {
    try {
      return Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE);
    } catch (IOException e) {
      return false;
    }
  }
}
