package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The cluster's OIDC issuer serves OpenID discovery, which every kubeconfig's login needs. */
final class OidcCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    if (s.kube().isEmpty()) {
      return List.of(
          Check.warn("kube", "no kube: section: no kubeconfigs", "add kube: to the site config"));
    }
    String issuer = s.kube().get().oidcIssuer();
    String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url))
                      .timeout(Duration.ofSeconds(10))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      boolean ok = r.statusCode() == 200 && r.body().contains("\"issuer\"");
      return List.of(
          Check.of(
              "oidc discovery",
              ok,
              url + " → HTTP " + r.statusCode(),
              "check kube.oidc_issuer (it must serve OpenID discovery)"));
    } catch (Exception e) {
      return List.of(
          Check.fail(
              "oidc discovery",
              url + ": " + e.getClass().getSimpleName(),
              "check kube.oidc_issuer and the network"));
    }
  }
}
