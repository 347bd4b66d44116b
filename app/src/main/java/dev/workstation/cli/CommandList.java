package dev.workstation.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The top-level help's list of commands, each with the first sentence of its description, whole.
 * picocli's own list shows the first line of a description, and ours wrap their sentences across
 * lines, so it cut them mid-sentence ("what the first").
 */
final class CommandList implements CommandLine.IHelpSectionRenderer {

  /** Renders the command lists of {@code cli} and of its subcommands this way. */
  static void install(CommandLine cli) {
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
    cli.getSubcommands().values().forEach(CommandList::install);
  }

  @Override
  public String render(Help help) {
    int names = 0;
    for (Help sub : help.subcommands().values()) {
      if (!sub.commandSpec().usageMessage().hidden()) {
        names = Math.max(names, sub.commandSpec().name().length());
      }
    }
    if (names == 0) {
      return "";
    }
    int width = help.commandSpec().usageMessage().width();
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(names + 4, 2, Column.Overflow.SPAN),
            new Column(width - names - 4, 1, Column.Overflow.WRAP));
    help.subcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.commandSpec().usageMessage().hidden()) {
                table.addRowValues(name, summary(sub.commandSpec().usageMessage().description()));
              }
            });
    return table.toString();
  }

  /** The first sentence of a description written over several lines. */
  static String summary(String[] description) {
    String text = String.join(" ", description).strip();
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '.' && text.charAt(i + 1) == ' ') {
        return text.substring(0, i + 1);
      }
    }
    return text;
  }
}
