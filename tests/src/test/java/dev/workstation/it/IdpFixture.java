package dev.workstation.it;

import dev.workstation.fixtures.AuthentikFake;
import dev.workstation.fixtures.AuthentikFake.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity provider of a sandboxed site: the Authentik fake (the HTTP fake this project allows,
 * speaking the shapes of Authentik's OpenAPI schema, driven through the product's real client), its
 * API token in a 0600 file, and the {@code membership:} section that points at both. Closed with
 * the site.
 */
final class IdpFixture {
  static final String TOKEN = "ak-0123456789abcdef-secret";
  static final String GROUP = "T3 Users";

  final AuthentikFake idp;
  final Path tokenFile;

  private IdpFixture(AuthentikFake idp, Path tokenFile) {
    this.idp = idp;
    this.tokenFile = tokenFile;
  }

  static IdpFixture open(Site site) throws Exception {
    AuthentikFake idp = site.closeAfter(AuthentikFake.start(TOKEN));
    Path token = site.dir().resolve("authentik-token");
    Files.writeString(token, TOKEN + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    return new IdpFixture(idp, token);
  }

  /** The {@code membership:} section, announcing to the fake's hook, plus {@code extraKeys}. */
  String section(String extraKeys) {
    return "membership:\n"
        + "  url: "
        + idp.url()
        + "\n  group: "
        + GROUP
        + "\n  token_file: "
        + tokenFile
        + "\n  floor: {tier: namespace-owner, namespaces: [\"{os_user}\"], code_layout: workspace}\n"
        + "  announce_url: "
        + idp.hookUrl()
        + "\n"
        + extraKeys;
  }

  /** The group now holds exactly these usernames (active, with plain names and e-mails). */
  IdpFixture members(String... usernames) {
    List<User> users = new ArrayList<>();
    for (String u : usernames) {
      users.add(User.of(u));
    }
    idp.group(GROUP, users);
    return this;
  }
}
