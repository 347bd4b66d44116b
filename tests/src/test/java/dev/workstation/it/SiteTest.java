package dev.workstation.it;

import dev.workstation.it.SandboxedSite.Given;

/**
 * The base of an integration or end-to-end test class whose every test runs on its own sandboxed
 * site ({@link SandboxedSite}): the site, its sandbox and its roster repository are in these fields
 * before the class's {@code @BeforeEach} methods run.
 */
@SandboxedSite
abstract class SiteTest {
  @Given protected Site site;
  @Given protected Sandbox box;
  @Given protected RosterRepo roster;
}
