package dev.workstation.git;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Decides which git config JGit reads: none but the repository's own. Root's (or a developer's)
 * {@code ~/.gitconfig}, {@code /etc/gitconfig} and JGit's user config must never leak into a user's
 * clone, the roster mirror, or a test.
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
      // JGit measures each filesystem's timestamp resolution (seconds of sleeping, probe files)
      // unless its config says it; ours does (FixedFilesystemConfig). Should it still measure,
      // let it do so in the background rather than stall a run.
      org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
      installed = true;
    }
  }

  @Override
  public FileBasedConfig openUserConfig(Config parent, FS fs) {
    return new FixedFilesystemConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return new FixedFilesystemConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openJGitConfig(Config parent, FS fs) {
    return new FixedFilesystemConfig(parent, fs);
  }

  @Override
  public String getenv(String variable) {
    // GIT_DIR, GIT_CONFIG_*, XDG_CONFIG_HOME … from the caller's shell must not steer us
    if (variable.startsWith("GIT_") || variable.equals("XDG_CONFIG_HOME")) {
      return null;
    }
    return super.getenv(variable);
  }

  /**
   * JGit's own config, answering only the filesystem timing JGit would otherwise measure — by
   * writing probe files beside a repository from a background thread, which can land in a directory
   * we have just renamed away (a clone made beside its target) and recreate it. 100 ms is far
   * coarser than any local filesystem's timestamps here, so racy-clean checks stay safe.
   */
  private static final class FixedFilesystemConfig extends FileBasedConfig {
    private static final long TIMING_NANOS =
        java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);

    FixedFilesystemConfig(Config parent, FS fs) {
      super(parent, (File) null, fs);
    }

    @Override
    public long getTimeUnit(
        String section,
        String subsection,
        String name,
        long defaultValue,
        java.util.concurrent.TimeUnit wantUnit) {
      if ("filesystem".equals(section)
          && ("timestampResolution".equals(name) || "minRacyThreshold".equals(name))) {
        return wantUnit.convert(TIMING_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
      return super.getTimeUnit(section, subsection, name, defaultValue, wantUnit);
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
