package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import java.util.List;

/** One of {@code doctor}'s checks of a site whose config loaded: none, one or several lines. */
interface SiteCheck {
  List<Check> run(SiteConfig site);
}
