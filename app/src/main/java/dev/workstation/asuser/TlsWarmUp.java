package dev.workstation.asuser;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.RefProbe;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS half of the warm-up: a real HTTPS exchange on loopback, so the class-data archive holds
 * what a first HTTPS request loads — the system trust store and PKIX validation (a request that is
 * refused because the throwaway certificate is not trusted), the handshake, and the pooled HTTP
 * client over TLS (a request that completes against a client that trusts it). A fresh JVM then maps
 * those classes instead of loading and verifying several hundred of them.
 */
final class TlsWarmUp {
  private TlsWarmUp() {}

  static void run(Path dir) throws Exception {
    char[] pass = "warm-up".toCharArray();
    KeyStore ks = keyStore(dir.resolve("warm-up.p12"), pass);
    if (ks == null) {
      return; // no keytool: the archive simply lacks the TLS classes
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pass);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    server.start();
    try {
      URI repo = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/warm-up.git");
      refused(repo);
      trusted(repo, ks);
    } finally {
      server.stop(0);
    }
  }

  /** A throwaway self-signed key for 127.0.0.1, made by keytool; null without keytool. */
  private static KeyStore keyStore(Path store, char[] pass) throws Exception {
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(pass),
                "-alias",
                "warm-up",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      return null;
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, pass);
    }
    return ks;
  }

  /**
   * The system trust, as every real request: refused, the validation path loaded — by the plain
   * connection (short runs), then by the pooled client (freshen, the service).
   */
  private static void refused(URI repo) {
    for (int i = 0; i < 2; i++) {
      try {
        RefProbe.branchesAndTags(repo, GitCredentials.none(), Duration.ofSeconds(5));
      } catch (java.io.IOException expected) {
        // not trusted: the point
      }
      dev.workstation.git.GitHttp.usePooledClient();
    }
  }

  /** A request that completes, through a client that trusts the throwaway key (HTTP/2 offered). */
  private static void trusted(URI repo, KeyStore ks) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(clientContext)
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    client.send(
        HttpRequest.newBuilder(repo.resolve("/warm-up.git/info/refs"))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
