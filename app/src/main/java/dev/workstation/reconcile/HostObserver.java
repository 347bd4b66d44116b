package dev.workstation.reconcile;

import dev.workstation.account.UidMap;
import dev.workstation.host.FileInfo;
import dev.workstation.host.LoginDefs;
import dev.workstation.host.Nss;
import dev.workstation.plan.HostSnapshot;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the host once into a {@link HostSnapshot}: NSS lookups and lstat, nothing else. */
public final class HostObserver {
  private HostObserver() {}

  public static HostSnapshot observe(SiteConfig site, Collection<AccountSpec> users, UidMap uids) {
    Map<String, ObservedAccount> accounts = new HashMap<>();
    Map<String, Optional<FileInfo>> homePaths = new HashMap<>();
    for (AccountSpec spec : users) {
      String name = spec.osUser();
      Optional<Nss.PasswdEntry> pw = Nss.user(name);
      if (pw.isPresent()) {
        Nss.PasswdEntry p = pw.get();
        Path home = Path.of(p.home());
        accounts.put(
            name,
            new ObservedAccount(
                name,
                p.uid(),
                p.gid(),
                home,
                p.shell(),
                new HashSet<>(Nss.groupsOf(name, p.gid())),
                Nss.shadow(name).map(Nss.ShadowEntry::passwordLocked).orElse(false),
                FileInfo.lstat(home)));
      } else {
        homePaths.put(name, FileInfo.lstat(site.homeRoot().resolve(name)));
      }
    }
    Set<String> groups = new HashSet<>();
    for (List<String> tierGroups : site.tierGroups().values()) {
      for (String g : tierGroups) {
        if (Nss.group(g).isPresent()) {
          groups.add(g);
        }
      }
    }
    Set<String> shells = new HashSet<>();
    for (String shell : List.of(site.defaultShell(), "/bin/bash")) {
      if (Files.isExecutable(Path.of(shell))) {
        shells.add(shell);
      }
    }
    Set<Integer> inUse = new HashSet<>();
    for (Nss.PasswdEntry p : Nss.allUsers()) {
      inUse.add(p.uid());
    }
    return new HostSnapshot(
        accounts,
        homePaths,
        groups,
        shells,
        inUse,
        uids.asMap(),
        LoginDefs.uids(Path.of("/etc/login.defs")),
        site.homeRoot());
  }
}
