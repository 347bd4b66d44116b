package dev.workstation.git;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Decides which git config JGit reads: none but the repository's own. Root's (or a developer's)
 * {@code ~/.gitconfig}, {@code /etc/gitconfig} and JGit's user config must never leak into a
 * user's clone, the roster mirror, or a test.
 */
public final class IsolatedGitConfig extends SystemReader.Delegate {
  private static volatile boolean installed;

  private IsolatedGitConfig(SystemReader delegate) {
    super(delegate);
  }

  /** Installs the isolation once per JVM. */
  public static synchronized void install() {
    if (!installed) {
      SystemReader.setInstance(new IsolatedGitConfig(SystemReader.getInstance()));
      // JGit measures each filesystem's timestamp resolution (seconds of sleeping) and caches
      // the result in the user config — which we do not read. Measure in the background and
      // use the conservative fallback meanwhile, instead of stalling every run.
      org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
      installed = true;
    }
  }

  @Override
  public FileBasedConfig openUserConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openJGitConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  @Override
  public String getenv(String variable) {
    // GIT_DIR, GIT_CONFIG_*, XDG_CONFIG_HOME … from the caller's shell must not steer us
    if (variable.startsWith("GIT_") || variable.equals("XDG_CONFIG_HOME")) {
      return null;
    }
    return super.getenv(variable);
  }

  /** A config with no file behind it: loads nothing, saves nowhere. */
  private static final class EmptyConfig extends FileBasedConfig {
    EmptyConfig(Config parent, FS fs) {
      super(parent, (File) null, fs);
    }

    @Override
    public void load() {}

    @Override
    public void save() {}

    @Override
    public boolean isOutdated() {
      return false;
    }
  }
}
