package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefProbeTest {
  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);

  static String pkt(String line) {
    return String.format("%04x", line.length() + 4) + line;
  }

  static byte[] advertisement(String... refLines) {
    StringBuilder b = new StringBuilder(pkt("# service=git-upload-pack\n")).append("0000");
    for (String l : refLines) {
      b.append(pkt(l));
    }
    return b.append("0000").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void an_advertisement_is_read_with_capabilities_and_peeled_entries_left_out() throws IOException {
    Map<String, String> refs =
        RefAdvertisement.parse(
            advertisement(
                A + " HEAD\0multi_ack symref=HEAD:refs/heads/main\n",
                A + " refs/heads/main\n",
                B + " refs/tags/v1\n",
                A + " refs/tags/v1^{}\n"));
    assertEquals(Map.of("HEAD", A, "refs/heads/main", A, "refs/tags/v1", B), refs);
  }

  @Test
  void an_empty_repository_advertises_nothing() throws IOException {
    assertEquals(
        Map.of(),
        RefAdvertisement.parse(advertisement("0".repeat(40) + " capabilities^{}\0agent=x\n")));
  }

  @Test
  void anything_malformed_is_refused_rather_than_guessed() {
    byte[] good = advertisement(A + " refs/heads/main\n");
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 4);
    for (byte[] body :
        new byte[][] {
          truncated,
          "0000".getBytes(),
          advertisement("xyz refs/heads/main\n"),
          (pkt("# service=git-receive-pack\n") + "00000000").getBytes(),
          "zzzz".getBytes()
        }) {
      assertThrows(Exception.class, () -> RefAdvertisement.parse(body));
    }
  }

  @Test
  void up_to_date_means_every_branch_tracked_every_tracking_ref_advertised_every_tag_present() {
    RefFiles refs = new RefFiles();
    refs.ids.put("refs/remotes/origin/main", A);
    refs.ids.put("refs/tags/v1", B);
    assertTrue(
        RefProbe.matchesAdvertisement(
            refs, "origin", Map.of("HEAD", A, "refs/heads/main", A, "refs/tags/v1", B)));
    assertFalse(
        RefProbe.matchesAdvertisement(refs, "origin", Map.of("refs/heads/main", B)), "moved");
    assertFalse(
        RefProbe.matchesAdvertisement(
            refs, "origin", Map.of("refs/heads/main", A, "refs/heads/new", A)),
        "new branch");
    assertFalse(
        RefProbe.matchesAdvertisement(
            refs, "origin", Map.of("refs/heads/main", A, "refs/tags/v2", A)),
        "new tag");
    refs.ids.put("refs/remotes/origin/gone", A);
    assertFalse(
        RefProbe.matchesAdvertisement(refs, "origin", Map.of("refs/heads/main", A)),
        "prune would delete one");
  }
}
