package dev.workstation.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentFilesTest {
  @Test
  void each_block_names_its_unit_and_its_files_whatever_the_order() {
    String show =
        "EnvironmentFiles=/etc/t3/emo.env (ignore_errors=no)\n"
            + "EnvironmentFiles=/etc/t3/common.env (ignore_errors=yes)\n"
            + "Id=t3-serve@emo.service\n"
            + "\n"
            + "Id=t3-serve@wizard.service\n"
            + "\n"
            + "EnvironmentFiles=/etc/pw/emo.env\n"
            + "Id=playwright-mcp@emo.service\n";
    assertEquals(
        Map.of(
            "t3-serve@emo.service",
            List.of(Path.of("/etc/t3/emo.env"), Path.of("/etc/t3/common.env")),
            "t3-serve@wizard.service",
            List.of(),
            "playwright-mcp@emo.service",
            List.of(Path.of("/etc/pw/emo.env"))),
        EnvironmentFiles.parse(show));
  }
}
