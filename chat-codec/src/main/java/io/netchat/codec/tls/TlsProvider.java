package io.netchat.codec.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.List;

/**
 * The TLS implementation both ends use: OpenSSL (BoringSSL from {@code netty-tcnative}) where its
 * native library loads, the JDK's otherwise. Either way only TLS 1.3 and 1.2 are offered.
 */
public final class TlsProvider {
  /**
   * System property that forces a provider: {@code jdk}, or {@code openssl} (which fails where the
   * native library does not load). Unset (or {@code auto}): OpenSSL where it loads, else the JDK.
   */
  public static final String PROPERTY = "netchat.tls.provider";

  /** The protocol versions offered and accepted, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private TlsProvider() {}

  /** OpenSSL when it is available here, else the JDK; {@link #PROPERTY} overrides. */
  public static SslProvider choose() {
    return switch (System.getProperty(PROPERTY, "auto")) {
      case "jdk" -> SslProvider.JDK;
      case "openssl" -> SslProvider.OPENSSL;
      default -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    };
  }

  /** What {@link #choose()} picked and why, for a log line. */
  public static String describe() {
    if (choose() == SslProvider.JDK && OpenSsl.isAvailable()) {
      return "JDK (-D" + PROPERTY + "=jdk)";
    }
    if (choose() == SslProvider.OPENSSL) {
      return "OpenSSL (" + OpenSsl.versionString() + ")";
    }
    Throwable cause = OpenSsl.unavailabilityCause();
    return "JDK (OpenSSL unavailable: " + (cause == null ? "unknown" : cause.getMessage()) + ")";
  }
}
