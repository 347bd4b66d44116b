package dev.workstation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.config.MarkedFile;
import dev.workstation.git.CloneStatus;
import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import dev.workstation.input.JsonFields;
import dev.workstation.layout.PathKind;
import dev.workstation.worker.WorkerReply.PathFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worker protocol's codec: every op survives the round trip, and anything that is not exactly a
 * request or reply of its op — unknown op, missing, extra, wrongly typed or over-long field, a
 * value outside its closed set — is refused with an error naming the op and the field.
 */
class WorkerCodecTest {
  static final WorkerRequest.LinkSpec LINKS =
      new WorkerRequest.LinkSpec("/etc/workstation/claude", List.of("skills", "agents"), false);

  /** One request of each op, with every optional field set, and one with none. */
  static final List<WorkerRequest<?>> REQUESTS =
      List.of(
          new WorkerRequest.Inspect(
              List.of("infra", "app"),
              Optional.of(LINKS),
              Optional.of("#!/bin/sh\n# managed-by: workstation\n"),
              Optional.of("apiVersion: v1\n"),
              Optional.of("git.example:3000")),
          new WorkerRequest.Inspect(
              List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
          new WorkerRequest.Links(
              new WorkerRequest.LinkSpec("/srv/base", List.of("commands"), true)),
          new WorkerRequest.Launcher("#!/bin/sh\n"),
          new WorkerRequest.Kubeconfig("apiVersion: v1\n"),
          new WorkerRequest.AddCredentials("https", "git.example", "emo", "s3cret"),
          new WorkerRequest.SetIdentity(Optional.of("Emil"), Optional.empty()),
          new WorkerRequest.Clone(
              "code/infra",
              "https://git.example/infra.git",
              "origin",
              Optional.of("main"),
              true,
              false,
              true),
          new WorkerRequest.Clone(
              "code/app",
              "https://git.example/app.git",
              "origin",
              Optional.empty(),
              false,
              true,
              false),
          new WorkerRequest.Wire("code", "upstream", "https://git.example/x.git", "main", true),
          new WorkerRequest.CloneStatus(),
          new WorkerRequest.Migrate(),
          new WorkerRequest.Hoist("app"),
          new WorkerRequest.Freshen(4, 30_000),
          new WorkerRequest.WarmUp(),
          new WorkerRequest.ClaudeAuthHome(Optional.of("hvs.s3cret-token")),
          new WorkerRequest.ClaudeAuthHome(Optional.empty()));

  @Test
  void every_request_reads_back_as_it_was_written() {
    for (WorkerRequest<?> r : REQUESTS) {
      assertEquals(r.toString(), WorkerCodec.decodeRequest(WorkerCodec.encode(r)).toString());
      assertEquals(r, WorkerCodec.decodeRequest(WorkerCodec.encode(r)));
    }
  }

  @Test
  void every_ops_reply_reads_back_as_it_was_written() {
    PathFacts clone =
        new PathFacts(
            PathKind.CLONE,
            Map.of("origin", "https://git.example/infra.git"),
            Optional.of("main"),
            Optional.of("origin"));
    PathFacts absent = new PathFacts(PathKind.ABSENT, Map.of(), Optional.empty(), Optional.empty());
    Map<String, CloneStatus> clones = new LinkedHashMap<>();
    clones.put(
        "code/infra",
        new CloneStatus(
            Optional.of("main"),
            Optional.of("refs/remotes/origin/main"),
            1,
            0,
            true,
            Optional.of("2026-01-01T00:00:00Z"),
            "fresh, dirty"));
    clones.put("code/app", CloneStatus.unreadable());
    roundTrip(
        REQUESTS.get(0),
        new WorkerReply.Inspected(
            clone,
            absent,
            PathKind.ABSENT,
            Map.of("infra", PathKind.DIR, "app", PathKind.ABSENT),
            Map.of("app", true),
            Optional.of(new WorkerReply.LinkChanges(List.of("link skills"), List.of(), List.of())),
            Optional.of(MarkedFile.State.STALE),
            Optional.of(MarkedFile.State.CURRENT),
            Optional.of("#!/bin/sh\n# managed-by: workstation\nold\n"),
            Optional.empty(),
            Optional.of(true),
            true,
            false));
    roundTrip(
        REQUESTS.get(1),
        new WorkerReply.Inspected(
            absent,
            absent,
            PathKind.ABSENT,
            Map.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            false));
    roundTrip(
        REQUESTS.get(2),
        new WorkerReply.LinkChanges(
            List.of("create ~/.claude"),
            List.of("x"),
            List.of("the Config base … cannot be reached")));
    roundTrip(new WorkerRequest.CloneStatus(), new WorkerReply.CloneStates(clones));
    roundTrip(new WorkerRequest.Migrate(), new WorkerReply.Migrated(List.of("a")));
    roundTrip(
        new WorkerRequest.Freshen(4, 1000),
        new WorkerReply.Freshened(
            List.of(
                new Freshener.Outcome("code", FreshenOutcome.fastForwarded(3), 12),
                new Freshener.Outcome("code/app", FreshenOutcome.fetchFailed("origin: x"), 0),
                new Freshener.Outcome("code/b", FreshenOutcome.UP_TO_DATE, 1))));
    for (WorkerRequest<?> r : REQUESTS.subList(3, 10)) {
      roundTripDone(r);
    }
    roundTripDone(REQUESTS.get(REQUESTS.size() - 2));
  }

  private static <R extends WorkerReply> void roundTrip(WorkerRequest<R> req, WorkerReply reply) {
    WorkerCodec.Answer<R> a = WorkerCodec.decodeReply(req, WorkerCodec.encodeReply(reply));
    assertEquals(Optional.of(reply), a.reply());
  }

  private static <R extends WorkerReply> void roundTripDone(WorkerRequest<R> req) {
    roundTrip(req, new WorkerReply.Done());
  }

  @Test
  void a_workers_error_reads_back_as_its_message() {
    WorkerCodec.Answer<WorkerReply.Done> a =
        WorkerCodec.decodeReply(new WorkerRequest.Hoist("x"), WorkerCodec.encodeError("no way"));
    assertEquals(Optional.empty(), a.reply());
    assertEquals("no way", a.error());
  }

  @Test
  void the_secret_of_a_credentials_request_never_shows_in_its_string_form() {
    assertTrue(!REQUESTS.get(5).toString().contains("s3cret"), REQUESTS.get(5).toString());
    WorkerRequest<?> token = REQUESTS.get(REQUESTS.size() - 2);
    assertEquals("ClaudeAuthHome[token=<redacted>]", token.toString());
  }

  // ---- requests the worker refuses

  private static String requestError(String json) {
    return assertThrows(WorkerProtocolException.class, () -> WorkerCodec.decodeRequest(json))
        .getMessage();
  }

  @Test
  void an_unknown_op_is_refused_by_name() {
    assertEquals("request: unknown op \"format-disk\"", requestError("{\"op\":\"format-disk\"}"));
    assertEquals("request: field \"op\" is missing", requestError("{\"name\":\"x\"}"));
    assertEquals("request: expected a JSON object, got a list", requestError("[1]"));
    assertTrue(requestError("{\"op\":").startsWith("request: not JSON"));
  }

  @Test
  void a_request_missing_a_field_is_refused_naming_the_op_and_field() {
    assertEquals("hoist request: field \"name\" is missing", requestError("{\"op\":\"hoist\"}"));
    assertEquals(
        "clone request: field \"locked\" is missing",
        requestError(
            "{\"op\":\"clone\",\"target\":\"code\",\"url\":\"u\",\"remote\":\"origin\","
                + "\"credentials\":true,\"mkdir_parent\":false}"));
  }

  @Test
  void a_request_with_a_field_its_op_does_not_have_is_refused() {
    assertEquals(
        "hoist request: unexpected field \"target\"",
        requestError("{\"op\":\"hoist\",\"name\":\"x\",\"target\":\"/etc\"}"));
    assertEquals(
        "inspect request: field \"links\": unexpected field \"follow\"",
        requestError(
            "{\"op\":\"inspect\",\"repos\":[],\"links\":{\"base\":\"/b\",\"kinds\":[],"
                + "\"strategy\":\"entries\",\"follow\":true}}"));
  }

  @Test
  void a_request_field_of_the_wrong_type_is_refused() {
    assertEquals(
        "hoist request: field \"name\" expected a string, got a number",
        requestError("{\"op\":\"hoist\",\"name\":5}"));
    assertEquals(
        "freshen request: field \"jobs\" expected a whole number, got a string",
        requestError("{\"op\":\"freshen\",\"jobs\":\"4\",\"timeout_ms\":1}"));
    assertEquals(
        "freshen request: field \"jobs\" is outside 1..64",
        requestError("{\"op\":\"freshen\",\"jobs\":100000,\"timeout_ms\":1}"));
    assertEquals(
        "request: unknown op \"read-marked\"",
        requestError("{\"op\":\"read-marked\",\"file\":\"../../etc/shadow\"}"));
    assertEquals(
        "inspect request: field \"repos\" expected a string, got a boolean",
        requestError("{\"op\":\"inspect\",\"repos\":[true]}"));
  }

  @Test
  void an_over_long_request_value_is_refused() {
    String longName = "a".repeat(JsonFields.TEXT + 1);
    assertEquals(
        "hoist request: field \"name\" is longer than 4096 characters",
        requestError("{\"op\":\"hoist\",\"name\":\"" + longName + "\"}"));
    String content = "x".repeat(JsonFields.CONTENT + 1);
    assertEquals(
        "launcher request: field \"content\" is longer than " + JsonFields.CONTENT + " characters",
        requestError("{\"op\":\"launcher\",\"content\":\"" + content + "\"}"));
  }

  // ---- replies root refuses: the user can make their worker answer anything

  private static String replyError(WorkerRequest<?> req, String json) {
    return assertThrows(WorkerProtocolException.class, () -> WorkerCodec.decodeReply(req, json))
        .getMessage();
  }

  @Test
  void a_forged_clone_status_reply_is_refused_naming_the_op_and_field() {
    // the red team's forgery: it crashed status for every user
    assertEquals(
        "clone-status reply: field \"clones\" is missing",
        replyError(new WorkerRequest.CloneStatus(), "{\"ok\":true,\"result\":{\"x\":5}}"));
    assertEquals(
        "clone-status reply: field \"clones\" holds a key that is not allowed (../../etc)",
        replyError(
            new WorkerRequest.CloneStatus(),
            "{\"ok\":true,\"result\":{\"clones\":{\"../../etc\":{}}}}"));
    assertEquals(
        "clone-status reply: field \"clones.code\": expected a JSON object, got a number",
        replyError(
            new WorkerRequest.CloneStatus(), "{\"ok\":true,\"result\":{\"clones\":{\"code\":5}}}"));
    assertEquals(
        "clone-status reply: field \"clones.code\": field \"state\" is not a clone state",
        replyError(
            new WorkerRequest.CloneStatus(),
            "{\"ok\":true,\"result\":{\"clones\":{\"code\":{\"ahead\":0,\"behind\":0,"
                + "\"dirty\":false,\"state\":\"fresh\\u001b[2J\"}}}}"));
  }

  @Test
  void a_reply_with_a_field_of_the_wrong_type_or_an_extra_field_is_refused() {
    assertEquals(
        "hoist reply: field \"ok\" expected true or false, got a string",
        replyError(new WorkerRequest.Hoist("x"), "{\"ok\":\"yes\"}"));
    assertEquals(
        "hoist reply: unexpected field \"also\"",
        replyError(new WorkerRequest.Hoist("x"), "{\"ok\":true,\"result\":{},\"also\":1}"));
    assertEquals(
        "hoist reply: unexpected field \"x\"",
        replyError(new WorkerRequest.Hoist("x"), "{\"ok\":true,\"result\":{\"x\":5}}"));
    assertEquals(
        "freshen reply: field \"outcomes\"[0]: field \"outcome\" is not an outcome",
        replyError(
            new WorkerRequest.Freshen(4, 1),
            "{\"ok\":true,\"result\":{\"outcomes\":[{\"repo\":\"code\",\"outcome\":\"pwned\","
                + "\"ms\":1}]}}"));
    assertEquals(
        "freshen reply: field \"outcomes\"[0]: field \"repo\" is not a clone path under the home",
        replyError(
            new WorkerRequest.Freshen(4, 1),
            "{\"ok\":true,\"result\":{\"outcomes\":[{\"repo\":\"/etc\",\"outcome\":\"dirty\","
                + "\"ms\":1}]}}"));
    assertEquals(
        "inspect reply: field \"code\": field \"kind\" is not one of"
            + " [absent, clone, dir, other, symlink]",
        replyError(
            REQUESTS.get(1),
            "{\"ok\":true,\"result\":{\"code\":{\"kind\":\"mine\"},\"infra\":{\"kind\":\"absent\"},"
                + "\"migrate_tmp\":\"absent\",\"repos\":{},\"nested\":{},"
                + "\"git_identity\":{\"name\":true,\"email\":true}}}"));
  }

  @Test
  void an_over_long_reply_is_refused_before_it_is_parsed() {
    String huge = " ".repeat(WorkerCodec.MAX_REPLY + 1);
    assertEquals(
        "warm-up reply: longer than " + WorkerCodec.MAX_REPLY + " characters",
        replyError(new WorkerRequest.WarmUp(), huge));
    assertEquals(
        "migrate reply: field \"steps\" is longer than 4096 characters",
        replyError(
            new WorkerRequest.Migrate(),
            "{\"ok\":true,\"result\":{\"steps\":[\"" + "a".repeat(5000) + "\"]}}"));
  }

  @Test
  void a_hostile_field_name_is_shown_escaped_and_cut_short() {
    String msg =
        replyError(
            new WorkerRequest.WarmUp(),
            "{\"ok\":true,\"result\":{\"\\u001b[31m" + "k".repeat(200) + "\":1}}");
    assertTrue(msg.startsWith("warm-up reply: unexpected field \"\\x1b[31mkkk"), msg);
    assertTrue(msg.length() < 110, msg);
  }
}
