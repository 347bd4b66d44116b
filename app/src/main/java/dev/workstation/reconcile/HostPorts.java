package dev.workstation.reconcile;

import dev.workstation.host.FileInfo;
import dev.workstation.host.NoFollow;
import dev.workstation.host.Nss;
import dev.workstation.host.RootFileRemoval;
import dev.workstation.plan.Effects;
import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The real ports behind {@link HostEffects}: the no-follow file primitives, NSS, state files. */
final class HostPorts {
  private HostPorts() {}

  static final Effects.Files FILES =
      new Effects.Files() {
        @Override
        public Optional<FileInfo> lstat(Path path) {
          return FileInfo.lstat(path);
        }

        @Override
        public void write(Path path, byte[] content, Set<PosixFilePermission> mode)
            throws IOException {
          // /etc/claude-code, a unit drop-in directory, the env dir: others read what is in them
          Dirs.create(path.getParent(), Dirs.SHARED);
          AtomicFiles.write(path, content, mode);
        }

        @Override
        public void chmodDirectory(Path dir, int mode) throws IOException {
          NoFollow.chmodDirectory(dir, mode);
        }

        @Override
        public void remove(Path path) throws IOException {
          RootFileRemoval.remove(path);
        }
      };

  static final Effects.Users NSS =
      user -> Nss.user(user).map(p -> OptionalInt.of(p.uid())).orElse(OptionalInt.empty());

  /** {@code state_dir/cuts/<user>}: "pending" until the cut is done, then "cut <date>". */
  static Effects.CutLog cuts(Path stateDir) {
    Path dir = CutRecords.dir(stateDir);
    return new Effects.CutLog() {
      @Override
      public void markCut(String user, LocalDate on) throws IOException {
        CutRecords.record(dir, user, "cut " + on + "\n");
      }

      @Override
      public void forget(String user) throws IOException {
        CutRecords.forget(stateDir, user);
      }
    };
  }

  /** {@code state_dir/migrations/<user>}: present while a layout move is unfinished. */
  static Effects.Journals journals(Path stateDir) {
    Path dir = HostEffects.journalDir(stateDir);
    return new Effects.Journals() {
      @Override
      public void begin(String user) throws IOException {
        if (!Files.exists(dir.resolve(user))) {
          CutRecords.record(dir, user, "migrate single->workspace\n");
        }
      }

      @Override
      public void end(String user) throws IOException {
        Files.delete(dir.resolve(user));
      }
    };
  }
}
