package dev.workstation.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's sandboxed site: a {@link Sandbox} (its own accounts, homes, PID namespace), a roster
 * repository in its scratch dir, the site config once the test has written one, and whatever else
 * the test opened for it (git servers, Vault) — all closed after the test, last opened first, and
 * the host's account files proven untouched. {@link SandboxedSite} gives one to every test.
 */
public final class Site implements AutoCloseable {
  private final Sandbox box;
  private final RosterRepo roster;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private String config;

  private Site(Sandbox box, RosterRepo roster) {
    this.box = box;
    this.roster = roster;
  }

  static Site open() throws Exception {
    Sandbox box = Sandbox.open();
    try {
      return new Site(box, RosterRepo.create(box.dir()));
    } catch (Exception | Error e) {
      box.close();
      throw e;
    }
  }

  public Sandbox box() {
    return box;
  }

  public RosterRepo roster() {
    return roster;
  }

  /** The sandbox's scratch dir (the same path inside and outside). */
  public Path dir() {
    return box.dir();
  }

  /** The site config's path, as {@code --config} takes it. */
  public String config() {
    if (config == null) {
      throw new IllegalStateException("the test wrote no site config (Site.configure)");
    }
    return config;
  }

  /** Writes the base site config for this site's roster plus {@code extra} top-level keys. */
  public String configure(String extra) throws Exception {
    return configure("", extra);
  }

  /** The same, with more {@code roster:} keys (each line indented two spaces). */
  public String configure(String rosterKeys, String extra) throws Exception {
    return use(SiteFixture.write(dir(), roster.origin().toString(), rosterKeys, extra));
  }

  /** Every facet on, served by a git server that closes with the site. */
  public SiteFixture.Full everyFacet() throws Exception {
    SiteFixture.Full full = SiteFixture.everyFacet(box, roster);
    closeAfter(full.server());
    use(Path.of(full.config()));
    return full;
  }

  /** A site config the test wrote itself. */
  public String use(Path config) {
    this.config = config.toString();
    return this.config;
  }

  /** Closes {@code resource} with the site (before the sandbox), and returns it. */
  public <T extends AutoCloseable> T closeAfter(T resource) {
    resources.add(resource);
    return resource;
  }

  /**
   * The groups the base config's admin tier names ({@code tier_groups.admin}) that useradd does not
   * make.
   */
  public void adminGroups() {
    box.exec("groupadd", "docker").ok();
    box.exec("groupadd", "code-shared").ok();
  }

  /** {@code workstation --config=CONFIG ARGS} inside the sandbox. */
  public Sandbox.Result ws(String... args) {
    return box.ws(config(), args);
  }

  @Override
  public void close() throws Exception {
    List<AutoCloseable> all = new ArrayList<>(resources);
    java.util.Collections.reverse(all);
    all.add(roster);
    all.add(box);
    Sandbox.closeAll(all.toArray(AutoCloseable[]::new));
  }
}
