package dev.workstation.host;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Account and group lookups through NSS (glibc's getpwnam/getgrnam/getgrouplist), not by parsing
 * {@code /etc} files — so whatever the host's nsswitch says is what we see. The classic calls share
 * static buffers, hence one lock around every lookup.
 */
public final class Nss {

  public record PasswdEntry(String name, int uid, int gid, String home, String shell) {}

  public record GroupEntry(String name, int gid, List<String> members) {}

  /** Shadow facts we act on: whether the password is locked, and the expiry day (-1 = never). */
  public record ShadowEntry(String name, boolean passwordLocked, long expireDay) {}

  private static final Object LOCK = new Object();

  private Nss() {}

  public static Optional<PasswdEntry> user(String name) {
    synchronized (LOCK) {
      Pointer p = Libc.C.getpwnam(name);
      return p == null ? Optional.empty() : Optional.of(passwd(new Libc.Passwd(p)));
    }
  }

  public static Optional<GroupEntry> group(String name) {
    synchronized (LOCK) {
      Pointer p = Libc.C.getgrnam(name);
      return p == null ? Optional.empty() : Optional.of(group(new Libc.Group(p)));
    }
  }

  public static Optional<GroupEntry> group(int gid) {
    synchronized (LOCK) {
      Pointer p = Libc.C.getgrgid(gid);
      return p == null ? Optional.empty() : Optional.of(group(new Libc.Group(p)));
    }
  }

  public static Optional<ShadowEntry> shadow(String name) {
    synchronized (LOCK) {
      Pointer p = Libc.C.getspnam(name);
      if (p == null) {
        return Optional.empty();
      }
      Libc.Spwd s = new Libc.Spwd(p);
      String hash = s.sp_pwdp == null ? "" : s.sp_pwdp;
      // "!" prefixes a locked hash (passwd -l); "*" and "!" alone mean no password can match
      boolean locked = hash.startsWith("!") || hash.startsWith("*");
      return Optional.of(new ShadowEntry(s.sp_namp, locked, s.sp_expire));
    }
  }

  /** Every account NSS enumerates (for choosing a fresh uid). */
  public static List<PasswdEntry> allUsers() {
    synchronized (LOCK) {
      List<PasswdEntry> out = new ArrayList<>();
      Libc.C.setpwent();
      try {
        for (Pointer p = Libc.C.getpwent(); p != null; p = Libc.C.getpwent()) {
          out.add(passwd(new Libc.Passwd(p)));
        }
      } finally {
        Libc.C.endpwent();
      }
      return out;
    }
  }

  /** Names of every group the user is in, primary group included. */
  public static List<String> groupsOf(String user, int primaryGid) {
    synchronized (LOCK) {
      int[] gids = new int[64];
      IntByReference n = new IntByReference(gids.length);
      if (Libc.C.getgrouplist(user, primaryGid, gids, n) < 0) {
        gids = new int[n.getValue()];
        Libc.C.getgrouplist(user, primaryGid, gids, n);
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n.getValue(); i++) {
        Pointer g = Libc.C.getgrgid(gids[i]);
        if (g != null) {
          names.add(new Libc.Group(g).gr_name);
        }
      }
      return names;
    }
  }

  public static boolean isRoot() {
    return Libc.C.getuid() == 0;
  }

  private static PasswdEntry passwd(Libc.Passwd p) {
    return new PasswdEntry(p.pw_name, p.pw_uid, p.pw_gid, p.pw_dir, p.pw_shell);
  }

  private static GroupEntry group(Libc.Group g) {
    List<String> members = new ArrayList<>();
    if (g.gr_mem != null) {
      for (String m : g.gr_mem.getStringArray(0)) {
        members.add(m);
      }
    }
    return new GroupEntry(g.gr_name, g.gr_gid, members);
  }
}
