package dev.workstation.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code BENCH_ONLY=hold bench/run}: builds the HTTPS world, starts the session service and keeps
 * both up for profiling by hand. It writes {@code enter.sh} (runs a command inside the sandbox) and
 * the contenders' scripts next to it, prints where, and reads commands on stdin: {@code advance N}
 * (the server's infra gains N commits), {@code verify} (every clone at the server's heads), {@code
 * quit}.
 */
final class Hold {
  private Hold() {}

  static void run(HttpsWorld w) throws Exception {
    w.ensureService();
    Path dir = w.box.dir();
    String enter = String.join(" ", w.box.enterPrefix());
    write(dir.resolve("enter.sh"), "#!/bin/sh\nexec " + enter + " \"$@\"\n");
    write(dir.resolve("ours.sh"), w.freshen() + "\n");
    write(dir.resolve("parallel.sh"), w.parallelLoop() + "\n");
    write(dir.resolve("serial.sh"), w.serialLoop() + "\n");
    write(dir.resolve("session.sh"), w.sessionStart(HttpsWorld.user(0)) + "\n");
    write(dir.resolve("session-loop.sh"), w.sessionLoop(HttpsWorld.user(0)) + "\n");
    System.out.println(
        "(held: " + dir + "/enter.sh bash " + dir + "/ours.sh …; stdin: advance N, verify, quit)");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.strip().split("\\s+");
      try {
        switch (words[0]) {
          case "advance" -> w.infra.advance(Integer.parseInt(words[1]));
          case "verify" -> w.verify("on request");
          case "quit" -> {
            return;
          }
          default -> System.out.println("? " + line);
        }
        System.out.println("ok " + line);
      } catch (Exception e) {
        System.out.println("failed " + line + ": " + e);
      }
      System.out.flush();
    }
  }

  private static void write(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    file.toFile().setExecutable(true, false);
  }
}
