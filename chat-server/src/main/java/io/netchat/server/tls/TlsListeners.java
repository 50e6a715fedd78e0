package io.netchat.server.tls;

import io.netchat.codec.tls.TlsFileException;
import io.netchat.codec.tls.TlsProvider;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.TlsConfig;
import io.netty.util.NetUtil;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of every listener of a server, by listener index ({@code null} for a plaintext one). Loaded
 * at start-up, re-read on SIGHUP. A file that cannot serve stops start-up (and {@code --check-config})
 * with a {@link ConfigException} that names the key and the file.
 */
public final class TlsListeners {
  private static final Logger log = LoggerFactory.getLogger(TlsListeners.class);

  private final List<ListenerTls> byIndex;

  private TlsListeners(List<ListenerTls> byIndex) {
    this.byIndex = Collections.unmodifiableList(byIndex);
  }

  /** Reads the certificates of every TLS listener of {@code listeners}; the calling thread reads the files. */
  public static TlsListeners load(List<ListenerConfig> listeners, Clock clock) {
    List<ListenerTls> byIndex = new ArrayList<>();
    for (int i = 0; i < listeners.size(); i++) {
      ListenerConfig listener = listeners.get(i);
      if (listener.tls() == null) {
        byIndex.add(null);
        continue;
      }
      if (byIndex.stream().allMatch(Objects::isNull)) {
        log.info("TLS provider: {}", TlsProvider.describe());
      }
      String name = NetUtil.toSocketAddressString(listener.host(), listener.port());
      try {
        byIndex.add(ListenerTls.load(name, listener.tls(), clock));
      } catch (TlsFileException e) {
        throw configError(i, listener.tls(), e);
      }
    }
    return new TlsListeners(byIndex);
  }

  /** Reads and checks the certificates of {@code listeners} without keeping them ({@code --check-config}). */
  public static void check(List<ListenerConfig> listeners) {
    for (int i = 0; i < listeners.size(); i++) {
      TlsConfig tls = listeners.get(i).tls();
      if (tls != null) {
        try {
          ServerCertificates.load(tls);
        } catch (TlsFileException e) {
          throw configError(i, tls, e);
        }
      }
    }
  }

  /** Listener {@code index}'s TLS, or {@code null} when it is plaintext. */
  public ListenerTls get(int index) {
    return byIndex.get(index);
  }

  /** Whether any listener is TLS. */
  public boolean any() {
    return byIndex.stream().anyMatch(Objects::nonNull);
  }

  /**
   * Re-reads every TLS listener's files (a reload thread); each new certificate that fails is
   * logged and its listener keeps the old one.
   *
   * @return how many listeners took a new certificate
   */
  public int reloadAll() {
    return (int) byIndex.stream().filter(Objects::nonNull).filter(ListenerTls::reload).count();
  }

  private static ConfigException configError(int index, TlsConfig tls, TlsFileException e) {
    String key = e.file().equals(tls.keyFile()) ? "key" : e.file().equals(tls.certFile()) ? "cert" : "ca";
    return new ConfigException("listeners[" + index + "].tls." + key, e.file().toString(), e.problem());
  }
}
