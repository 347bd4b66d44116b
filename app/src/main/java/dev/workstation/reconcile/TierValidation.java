package dev.workstation.reconcile;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.JsonReader;
import dev.workstation.input.Problem;
import dev.workstation.plan.Note;
import dev.workstation.plan.TierCheck;
import dev.workstation.roster.Roster;
import dev.workstation.secrets.Secrets;
import dev.workstation.site.SiteConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roster tiers against Vault's {@code k8s_users}, before any change: a mismatch aborts the run
 * (exit 3, naming the user and both tiers); an absent entry is a warning (grant pending). Vault
 * unreachable, denying or unreadable keeps the check back: the run goes on unvalidated (SPEC §6.8)
 * and fails at the end, so the timer's run, its metrics and an alert say so.
 */
final class TierValidation {
  private TierValidation() {}

  static void validate(
      SiteConfig site, Roster roster, String rosterFile, Secrets secrets, List<Note> notes) {
    Optional<SiteConfig.VaultSecretRef> ref = site.vault().flatMap(SiteConfig.Vault::k8sUsers);
    if (ref.isEmpty()) {
      return;
    }
    Map<String, Object> k8sUsers;
    try {
      String json = secrets.read(ref.get().mount(), ref.get().path(), ref.get().field());
      k8sUsers =
          JsonReader.object(
              ref.get().mount() + "/" + ref.get().path() + "#" + ref.get().field(), json);
    } catch (Secrets.SecretsException e) {
      notes.add(
          Note.keptBack(
              Note.KeptBack.TIER_VALIDATION, e.getMessage() + "; tier validation skipped"));
      return;
    } catch (InvalidInputException e) {
      notes.add(
          Note.keptBack(
              Note.KeptBack.TIER_VALIDATION,
              "vault "
                  + ref.get().path()
                  + " field "
                  + ref.get().field()
                  + " is not a JSON object; tier validation skipped"));
      return;
    }
    TierCheck.Result r = TierCheck.check(roster.users().values(), k8sUsers);
    r.pending().forEach(p -> notes.add(Note.warn(p.osUser(), p.message())));
    if (!r.mismatches().isEmpty()) {
      throw new InvalidInputException(
          r.mismatches().stream()
              .map(
                  m ->
                      Problem.whole(
                          rosterFile,
                          "users." + m.osUser() + ".tier",
                          m.message() + "; nothing was applied"))
              .toList());
    }
  }
}
