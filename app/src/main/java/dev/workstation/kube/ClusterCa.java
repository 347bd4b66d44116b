package dev.workstation.kube;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.input.YamlLoader;
import dev.workstation.input.YamlNode;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cluster CA: given in the site config, or read from the admin kubeconfig it names. */
public final class ClusterCa {
  private ClusterCa() {}

  public static String of(SiteConfig.Kube kube, Path configPath) throws IOException {
    if (kube.certificateAuthorityData().isPresent()) {
      return kube.certificateAuthorityData().get();
    }
    Path admin = kube.adminKubeconfig().orElseThrow();
    YamlLoader.Result r = YamlLoader.load(admin.toString(), Files.readAllBytes(admin));
    if (r.ok()
        && r.root() instanceof YamlNode.Mapping top
        && top.get("clusters") instanceof YamlNode.Sequence clusters) {
      for (YamlNode c : clusters.items()) {
        if (c instanceof YamlNode.Mapping m
            && m.get("cluster") instanceof YamlNode.Mapping cl
            && cl.get("certificate-authority-data") instanceof YamlNode.Scalar ca) {
          return ca.value();
        }
      }
    }
    throw new InvalidInputException(
        Problem.whole(
            configPath.toString(),
            "kube.admin_kubeconfig",
            admin
                + " has no clusters[].cluster.certificate-authority-data; set kube.certificate_authority_data instead"));
  }
}
