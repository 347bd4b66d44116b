package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.derive.Deriver;
import dev.workstation.host.FileInfo;
import dev.workstation.host.IdRange;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountPlannerTest {
  static final List<AccountSpec> ZED =
      List.copyOf(
          Deriver.derive(
                  RosterParser.parse(
                      "r.yaml",
                      "users:\n  zed: {authentik_user: zed, k8s_user: zed, tier: power-user}\n"
                          .getBytes()),
                  SiteConfig.defaults(),
                  Map.of())
              .accounts()
              .values());

  static HostSnapshot host(Set<String> shells, Map<String, ObservedAccount> accounts) {
    return new HostSnapshot(
        accounts,
        Map.of("zed", Optional.<FileInfo>empty()),
        Set.of(),
        shells,
        Set.of(),
        Map.of(),
        new IdRange(1000, 60000),
        Path.of("/home"));
  }

  static Plan plan(HostSnapshot host) {
    return AccountPlanner.plan(ZED, host, Uids.settle(host));
  }

  @Test
  void a_new_account_gets_zsh_where_it_is_installed() {
    Plan p = plan(host(Set.of("/bin/zsh", "/bin/bash"), Map.of()));
    assertEquals("/bin/zsh", ((CreateAccount) p.actions().get(0)).shell());
    assertTrue(p.notes().isEmpty(), p.notes().toString());
  }

  @Test
  void without_zsh_a_new_account_gets_bash_and_the_plan_warns() {
    Plan p = plan(host(Set.of("/bin/bash"), Map.of()));
    assertEquals("/bin/bash", ((CreateAccount) p.actions().get(0)).shell());
    assertEquals(
        "shell /bin/zsh is not installed here; the account gets /bin/bash (install it, or set"
            + " default_shell)",
        p.notes().get(0).message());
  }

  @Test
  void an_existing_accounts_shell_is_never_changed() {
    ObservedAccount zed =
        new ObservedAccount(
            "zed", 1500, 1500, Path.of("/home/zed"), "/bin/sh", Set.of(), true, Optional.empty());
    Plan p = plan(host(Set.of("/bin/zsh"), Map.of("zed", zed)));
    assertTrue(p.actions().isEmpty(), p.actions().toString());
  }
}
