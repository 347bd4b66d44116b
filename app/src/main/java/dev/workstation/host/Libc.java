package dev.workstation.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/** The few libc calls we make through JNA: NSS lookups and no-follow file primitives. */
interface Libc extends Library {
  Libc C = load();

  /**
   * glibc by its soname: asked for plain "c", JNA searches its paths and then runs {@code ldconfig
   * -p} on every start, which costs a short run tens of milliseconds.
   */
  private static Libc load() {
    try {
      return Native.load("libc.so.6", Libc.class);
    } catch (UnsatisfiedLinkError e) {
      return Native.load("c", Libc.class);
    }
  }

  int O_RDONLY = 0;
  int O_RDWR = 2;
  int O_CREAT = 0100;
  int O_NOFOLLOW = 0400000;
  int O_DIRECTORY = 0200000;
  int O_CLOEXEC = 02000000;
  int LOCK_EX = 2;
  int LOCK_NB = 4;

  /** struct passwd (glibc, 64-bit). */
  @Structure.FieldOrder({
    "pw_name",
    "pw_passwd",
    "pw_uid",
    "pw_gid",
    "pw_gecos",
    "pw_dir",
    "pw_shell"
  })
  class Passwd extends Structure {
    public String pw_name;
    public String pw_passwd;
    public int pw_uid;
    public int pw_gid;
    public String pw_gecos;
    public String pw_dir;
    public String pw_shell;

    public Passwd() {}

    public Passwd(Pointer p) {
      super(p);
      read();
    }
  }

  /** struct group. */
  @Structure.FieldOrder({"gr_name", "gr_passwd", "gr_gid", "gr_mem"})
  class Group extends Structure {
    public String gr_name;
    public String gr_passwd;
    public int gr_gid;
    public Pointer gr_mem;

    public Group() {}

    public Group(Pointer p) {
      super(p);
      read();
    }
  }

  /** struct spwd. */
  @Structure.FieldOrder({
    "sp_namp",
    "sp_pwdp",
    "sp_lstchg",
    "sp_min",
    "sp_max",
    "sp_warn",
    "sp_inact",
    "sp_expire",
    "sp_flag"
  })
  class Spwd extends Structure {
    public String sp_namp;
    public String sp_pwdp;
    public long sp_lstchg;
    public long sp_min;
    public long sp_max;
    public long sp_warn;
    public long sp_inact;
    public long sp_expire;
    public long sp_flag;

    public Spwd() {}

    public Spwd(Pointer p) {
      super(p);
      read();
    }
  }

  Pointer getpwnam(String name);

  Pointer getgrnam(String name);

  Pointer getgrgid(int gid);

  Pointer getspnam(String name);

  void setpwent();

  Pointer getpwent();

  void endpwent();

  int getgrouplist(String user, int group, int[] groups, IntByReference ngroups);

  int open(String path, int flags, int mode) throws LastErrorException;

  int fchmod(int fd, int mode) throws LastErrorException;

  int fchown(int fd, int uid, int gid) throws LastErrorException;

  int flock(int fd, int operation) throws LastErrorException;

  int ftruncate(int fd, long length) throws LastErrorException;

  int write(int fd, byte[] buf, long count) throws LastErrorException;

  int kill(int pid, int sig) throws LastErrorException;

  int unlinkat(int dirfd, String path, int flags) throws LastErrorException;

  int fsync(int fd);

  int close(int fd);

  int getuid();
}
