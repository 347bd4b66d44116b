package dev.workstation.plan;

import dev.workstation.account.Accounts;
import dev.workstation.host.FileInfo;
import dev.workstation.secrets.Secrets;
import dev.workstation.units.Units;
import dev.workstation.util.Deadline;
import dev.workstation.worker.WorkerCodec;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every {@link Effects} port in memory: accounts, files, units, secrets, cut records, journals, a
 * fixed clock, and a scripted worker. Each effect is recorded in {@link #log} as one line ({@code
 * "create-account emo"}), so a test asserts on what happened, in the order it happened.
 */
public final class InMemoryEffects implements Effects {

  /** What a worker call does: answer, or throw. It sees the lane's deadline. */
  @FunctionalInterface
  public interface Worker {
    WorkerReply call(String user, WorkerRequest<?> request, Deadline deadline) throws Exception;
  }

  /** One account as the fake account database has it. */
  public record Account(String shell, Path home, int uid, Set<String> groups, boolean cut) {}

  public static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  public final List<String> log = Collections.synchronizedList(new ArrayList<>());
  public final Map<String, Account> accounts = new ConcurrentHashMap<>();
  public final Map<Path, String> files = new ConcurrentHashMap<>();
  public final Map<Path, String> modes = new ConcurrentHashMap<>();
  public final Set<Path> directories = ConcurrentHashMap.newKeySet();
  public final Map<String, Integer> uids = new ConcurrentHashMap<>();
  public final Map<String, String> cuts = new ConcurrentHashMap<>();
  public final Set<String> journals = ConcurrentHashMap.newKeySet();
  public final Map<String, Boolean> units = new ConcurrentHashMap<>();
  public final Map<String, String> secrets = new ConcurrentHashMap<>();

  /** Live scoped Vault tokens, accessor → token; what root records, user → accessor. */
  public final Map<String, String> tokens = new ConcurrentHashMap<>();

  public final Map<String, String> accessors = new ConcurrentHashMap<>();

  /** When set, every call to Vault's token API throws it. */
  public volatile Secrets.SecretsException tokenFailure;

  private final java.util.concurrent.atomic.AtomicInteger minted =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Secrets that fail: path → the exception {@code read} throws. */
  public final Map<String, Secrets.SecretsException> secretFailures = new ConcurrentHashMap<>();

  /** Account operations that fail: {@code "<op> <user>"} → the message. */
  public final Map<String, String> accountFailures = new ConcurrentHashMap<>();

  private volatile Worker worker = (user, request, deadline) -> new WorkerReply.Done();
  private final Deadline deadline;
  private final InMemoryEffects root;

  public InMemoryEffects() {
    this.root = this;
    this.deadline = Deadline.in(Duration.ofMinutes(1));
  }

  private InMemoryEffects(InMemoryEffects root, Deadline deadline) {
    this.root = root;
    this.deadline = deadline;
  }

  /** Scripts what the worker does (by default: answers {@code Done}). */
  public InMemoryEffects worker(Worker w) {
    root.worker = w;
    return root;
  }

  @Override
  public Effects within(Deadline d) {
    return new InMemoryEffects(root, d);
  }

  private void record(String line) {
    root.log.add(line);
  }

  private void failIf(String op, String user) {
    String why = root.accountFailures.get(op + " " + user);
    if (why != null) {
      throw new IllegalStateException(why);
    }
  }

  @Override
  public Accounts accounts() {
    InMemoryEffects r = root;
    return new Accounts() {
      @Override
      public void create(String user, String shell, Path home, OptionalInt uid) {
        failIf("create", user);
        if (r.accounts.containsKey(user)) {
          throw new IllegalStateException("user '" + user + "' already exists");
        }
        r.accounts.put(user, new Account(shell, home, uid.orElse(1000), new TreeSet<>(), false));
        r.directories.add(home);
        record("create-account " + user);
      }

      @Override
      public void lockPassword(String user) {
        record("lock-password " + user);
      }

      @Override
      public void addToGroups(String user, List<String> groups) {
        failIf("groups", user);
        r.accounts.get(user).groups().addAll(groups);
        record("add-to-groups " + user + " " + String.join(",", groups));
      }

      @Override
      public void cut(String user) {
        failIf("cut", user);
        r.accounts.computeIfPresent(
            user, (u, a) -> new Account(a.shell(), a.home(), a.uid(), a.groups(), true));
        record("cut " + user);
      }

      @Override
      public void uncut(String user) {
        r.accounts.computeIfPresent(
            user, (u, a) -> new Account(a.shell(), a.home(), a.uid(), a.groups(), false));
        record("uncut " + user);
      }

      @Override
      public void delete(String user) {
        r.accounts.remove(user);
        record("delete " + user);
      }
    };
  }

  @Override
  public UidLedger uids() {
    return (user, uid) -> root.uids.putIfAbsent(user, uid);
  }

  @Override
  public Units units() {
    InMemoryEffects r = root;
    return new Units() {
      @Override
      public String unavailableReason() {
        return null;
      }

      @Override
      public Map<String, UnitState> states(Collection<String> names) {
        Map<String, UnitState> out = new LinkedHashMap<>();
        for (String n : names) {
          boolean on = r.units.getOrDefault(n, false);
          out.put(n, new UnitState(on, on, false));
        }
        return out;
      }

      @Override
      public Optional<String> unitFile(String name) {
        return Optional.empty();
      }

      @Override
      public void enableNow(String unit) {
        r.units.put(unit, true);
        record("enable " + unit);
      }

      @Override
      public void disableNow(String unit) {
        r.units.put(unit, false);
        record("disable " + unit);
      }

      @Override
      public void reload() {
        record("daemon-reload");
      }

      @Override
      public void reloadUserManagers() {
        record("reload user managers");
      }
    };
  }

  @Override
  public Secrets secrets() {
    InMemoryEffects r = root;
    return (mount, path, field) -> {
      Secrets.SecretsException failure = r.secretFailures.get(path);
      if (failure != null) {
        throw failure;
      }
      String v = r.secrets.get(mount + "/" + path + "#" + field);
      if (v == null) {
        throw new Secrets.SecretsException("no secret at " + mount + "/" + path, false, true);
      }
      return v;
    };
  }

  @Override
  public ClaudeTokens claudeTokens() {
    InMemoryEffects r = root;
    return new ClaudeTokens() {
      @Override
      public dev.workstation.secrets.MintedToken mint(dev.workstation.secrets.TokenSpec spec)
          throws Secrets.SecretsException {
        if (r.tokenFailure != null) {
          throw r.tokenFailure;
        }
        int n = r.minted.incrementAndGet();
        r.tokens.put("accessor-" + n, "token-" + n);
        InMemoryEffects.this.record("mint " + spec.displayName() + " accessor-" + n);
        return new dev.workstation.secrets.MintedToken("accessor-" + n, "token-" + n);
      }

      @Override
      public boolean revoke(String accessor) throws Secrets.SecretsException {
        if (r.tokenFailure != null) {
          throw r.tokenFailure;
        }
        InMemoryEffects.this.record("revoke " + accessor);
        return r.tokens.remove(accessor) != null;
      }

      @Override
      public void record(String user, String accessor) {
        r.accessors.put(user, accessor);
        InMemoryEffects.this.record("record " + user + " " + accessor);
      }

      @Override
      public void forget(String user) {
        r.accessors.remove(user);
        InMemoryEffects.this.record("forget " + user);
      }
    };
  }

  @Override
  public WorkerCall worker() {
    return new WorkerCall() {
      @Override
      @SuppressWarnings("unchecked") // the scripted worker answers the request's own reply type
      public <R extends WorkerReply> R call(String user, WorkerRequest<R> request)
          throws Exception {
        record("worker " + user + " " + WorkerCodec.op(request));
        return (R) root.worker.call(user, request, deadline);
      }
    };
  }

  @Override
  public Files files() {
    InMemoryEffects r = root;
    return new Files() {
      @Override
      public Optional<FileInfo> lstat(Path path) {
        if (r.files.containsKey(path)) {
          return Optional.of(new FileInfo(FileInfo.Type.FILE, 0644, 0, 0, 0));
        }
        return r.directories.contains(path)
            ? Optional.of(new FileInfo(FileInfo.Type.DIRECTORY, 0755, 0, 0, 0))
            : Optional.empty();
      }

      @Override
      public void write(Path path, byte[] content, Set<PosixFilePermission> mode)
          throws IOException {
        if (r.directories.contains(path)) {
          throw new IOException(path + " is a directory");
        }
        r.files.put(path, new String(content, StandardCharsets.UTF_8));
        r.modes.put(path, PosixFilePermissions.toString(mode));
        record("write " + path);
      }

      @Override
      public void chmodDirectory(Path dir, int mode) throws IOException {
        if (!r.directories.contains(dir)) {
          throw new IOException(dir + " is not a directory");
        }
        record("chmod " + dir + " " + Integer.toOctalString(mode));
      }

      @Override
      public void remove(Path path) throws IOException {
        if (r.directories.contains(path)) {
          throw new IOException(path + " is a directory; not removed");
        }
        if (r.files.remove(path) != null) {
          r.modes.remove(path);
          record("remove " + path);
        }
      }
    };
  }

  @Override
  public Users users() {
    return user ->
        Optional.ofNullable(root.accounts.get(user))
            .map(a -> OptionalInt.of(a.uid()))
            .orElse(OptionalInt.empty());
  }

  @Override
  public CutLog cuts() {
    InMemoryEffects r = root;
    return new CutLog() {
      @Override
      public void markCut(String user, LocalDate on) {
        r.cuts.put(user, "cut " + on);
      }

      @Override
      public void forget(String user) {
        r.cuts.remove(user);
      }
    };
  }

  @Override
  public Journals journals() {
    InMemoryEffects r = root;
    return new Journals() {
      @Override
      public void begin(String user) {
        r.journals.add(user);
      }

      @Override
      public void end(String user) throws IOException {
        if (!r.journals.remove(user)) {
          throw new IOException("no journal for " + user);
        }
      }
    };
  }

  @Override
  public Clock clock() {
    return Clock.fixed(Instant.parse(TODAY + "T12:00:00Z"), ZoneOffset.UTC);
  }
}
