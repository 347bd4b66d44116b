package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one allowed-signers parser, line shape by line shape as ssh-keygen(1) documents them (ALLOWED
 * SIGNERS); which verdict each gives on real signatures, beside git's, is {@code AllowedSignersIT}.
 */
class AllowedSignersTest {
  static final String ED =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBIv4sxSU2B3F7GYfzqL5cdbOBcddB8g1UQQbTe37yjp";
  static final String EC =
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEa271WJ/Img6ncUt04t++Sbe1EGBPwXBOatYPmgZo4fb9CGIvuccxaQZ+g1XEfdNTuITcTOxddavSWU00hfHLk=";
  static final String RSA =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQDBwGog9cMpw8WkNOGg6WRCVyx2A7Oz/7a3HVpvve1vbjoeKL9c6hUK4fwR9Mwgx3hDdTqzohOYz5sVcK9ysOzfBTI9eg1/v4yvfxmTMBwbmZalF1M0zwXO+Bcslzv3h3lgkpcwS5wPCVzVUfy65XrQQRajoDu5g6klyGcFB0Ih6iz+4KJdlR+KKac7C2qDYsp8zCOSX/W6iNO1fZNrp6gsj0YgqR8M2FzBbNNTr+wMDzGkeS+jMXtjQPBVmH2lBvb70eyHZltAlBGELYGZzbPBcEa9JQk6C4IWzwQnbYCWmNysPMM6SjZtfWvHbIL5/YgGNlvBax6FBtywbmbkglm19jAp1M6ON8+M1+3xx543gYbv1f5kwN71TcvkZjAu5Pxlh8Nyk8GfJGmgsqIlnOpW4QYkvUhrFYMjWM7MC0Wh9RtMgysFL+r97Gz0epoEPX083ffxX05gnwuelC54EyAJSyd5tgv4ZHUJoFyFKi4ZQuDuPhFe6NhuWftcJaoACRM=";

  @TempDir Path dir;

  AllowedSigners read(String text) throws Exception {
    return AllowedSigners.read(Files.writeString(dir.resolve("allowed_signers"), text));
  }

  AllowedSigners.Signer one(String line) throws Exception {
    List<AllowedSigners.Signer> s = read(line + "\n").signers();
    assertEquals(1, s.size(), line);
    return s.get(0);
  }

  String error(String text) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(text));
    return e.getMessage();
  }

  @Test
  void every_line_shape_the_manual_documents_is_read() throws Exception {
    AllowedSigners f =
        read(
            "# Comments allowed at start of line\n"
                + "user1@example.com,user2@example.com "
                + RSA
                + "\n"
                + "# A certificate authority, trusted for all principals in a domain.\n"
                + "*@example.com cert-authority "
                + ED
                + "\n"
                + "# A key that is accepted only for file signing.\n"
                + "user2@example.com namespaces=\"file\" "
                + EC
                + "\n\n   \n");
    assertEquals(3, f.signers().size());
    assertEquals("user1@example.com,user2@example.com", f.signers().get(0).principals());
    assertEquals(2, f.signers().get(0).line());
    assertTrue(f.signers().get(1).certAuthority());
    assertEquals(Optional.of("file"), f.signers().get(2).namespaces());
  }

  @Test
  void options_are_comma_separated_quoted_and_case_insensitive() throws Exception {
    AllowedSigners.Signer s =
        one(
            "a@x CERT-Authority,valid-after=\"20200101Z\",Valid-Before=\"203001021504Z\","
                + "namespaces=\"git,file\" "
                + ED
                + " a comment");
    assertTrue(s.certAuthority());
    assertEquals(Optional.of(Instant.parse("2020-01-01T00:00:00Z")), s.validAfter());
    assertEquals(Optional.of(Instant.parse("2030-01-02T15:04:00Z")), s.validBefore());
    assertEquals(Optional.of("git,file"), s.namespaces());
    assertEquals(
        Optional.of(Instant.parse("2030-01-02T15:04:05Z")),
        one("a@x valid-before=\"20300102150405Z\" " + ED).validBefore());
  }

  @Test
  void quoted_principals_leading_blanks_tabs_and_comments_after_the_key_are_read()
      throws Exception {
    assertEquals("a b@x,c@y", one("\"a b@x,c@y\" " + ED).principals());
    assertEquals("a@x", one("  \ta@x\t" + ED + " comment with spaces").principals());
    assertEquals("ecdsa-sha2-nistp256", one("a@x " + EC).keyType());
  }

  @Test
  void a_malformed_line_is_an_error_naming_the_file_the_line_and_the_column() {
    String e = error("ok@x " + ED + "\nviktor@example.org\n");
    assertTrue(e.contains(dir.resolve("allowed_signers") + ":2:"), e);
    assertTrue(e.contains("no key"), e);
    assertTrue(
        error("a@x ssh-ed25519 AAAA!!notbase64\n")
            .contains(":1:17: the ssh-ed25519 key is not valid base64"));
  }

  @Test
  void every_malformed_line_is_named_in_one_pass() {
    String e = error("a@x\n# fine\nb@x " + ED + "\nc@x bogus " + ED + "\n");
    assertTrue(e.contains(":1:") && e.contains(":4:5:"), e);
    assertFalse(e.contains(":3:"), e);
  }

  @Test
  void what_ssh_keygen_refuses_is_refused_with_its_reason() {
    assertTrue(error("a@x valid-before=20300101 " + ED + "\n").contains("double quotes"));
    assertTrue(error("a@x foo=\"x\" " + ED + "\n").contains("'foo' is neither an option"));
    assertTrue(
        error("a@x valid-before=\"20300101\",valid-before=\"20310101\" " + ED + "\n")
            .contains("given twice"));
    assertTrue(
        error("a@x valid-before=\"20200101\",valid-after=\"20300101\" " + ED + "\n")
            .contains("not after valid-after"));
    assertTrue(error("a@x valid-before=\"2030010\" " + ED + "\n").contains("is not a time"));
    assertTrue(error("a@x valid-before=\"20300230\" " + ED + "\n").contains("is not a time"));
    assertTrue(
        error("a@x valid-before=\"20300101\" ,valid-after=\"20200101\" " + ED + "\n")
            .contains("not an SSH key type"));
    assertTrue(error(",a@x " + ED + "\n").contains("empty name"));
    assertTrue(
        error("a@x " + ED.replace("ssh-ed25519", "ssh-rsa") + "\n").contains("not a ssh-rsa key"));
    assertTrue(error("a@x cert-authority\n").contains("no key"));
    assertTrue(error("a@x " + ED + "\r\n").contains("carriage return"));
    assertTrue(
        error("a@x ssh-ed25519-cert-v01@openssh.com AAAA\n").contains("cert-authority instead"));
  }

  @Test
  void a_missing_file_is_an_error_that_says_how_to_create_it() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> AllowedSigners.read(dir.resolve("missing")));
    assertTrue(
        e.getMessage().contains("does not exist; create it (install -o root"), e.getMessage());
  }

  @Test
  void an_empty_file_lists_nobody() throws Exception {
    assertEquals(List.of(), read("").signers());
    assertEquals(List.of(), read("# nobody yet\n").signers());
  }

  @Test
  void pattern_lists_match_as_openssh_matches_them() {
    assertTrue(SshPatterns.matchesList("git", "git"));
    assertTrue(SshPatterns.matchesList("git", "file,g*"));
    assertTrue(SshPatterns.matchesList("git", "g?t"));
    assertFalse(SshPatterns.matchesList("git", "!git,*"));
    assertFalse(SshPatterns.matchesList("git", "file"));
    assertTrue(SshPatterns.matchesList("ann@example.com", "*@example.com"));
    assertFalse(SshPatterns.matchesList("ann@example.org", "*@example.com"));
  }
}
