package io.netchat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.server.config.AdminConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin listener against hostile and careless clients, over real sockets on 127.0.0.1. */
class AdminServerTest {
  private static final String METRICS = "# TYPE up gauge\nup 1\n";

  private AdminServer admin;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
  }

  private InetSocketAddress start(int maxConnections, Duration requestTimeout) {
    admin = AdminServer.start(new AdminConfig("127.0.0.1", 0, maxConnections, requestTimeout), () -> METRICS,
        List.of(Optional::empty));
    return admin.address();
  }

  @Test
  void aGetOfMetricsIsAnsweredAndTheConnectionClosed() throws Exception {
    String answer = exchange(start(4, Duration.ofSeconds(5)), "GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close").endsWith("\r\n\r\n" + METRICS);
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    InetSocketAddress address = start(4, Duration.ofSeconds(5));
    assertThat(exchange(address, "GET /admin HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 Not Found\r\n");
    assertThat(exchange(address, "POST /metrics HTTP/1.1\r\ncontent-length: 3\r\n\r\nabc"))
        .startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("allow: GET");
    assertThat(exchange(address, "DELETE /health/ready HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 ");
  }

  @Test
  void anOversizedRequestLineOrHeaderIsRefused() throws Exception {
    InetSocketAddress address = start(4, Duration.ofSeconds(5));
    assertThat(exchange(address, "GET /" + "a".repeat(AdminServer.MAX_LINE) + " HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 414 ");
    assertThat(exchange(address, "GET /metrics HTTP/1.1\r\nx: " + "b".repeat(AdminServer.MAX_HEADERS) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431 ");
    assertThat(exchange(address, "this is not http\r\n\r\n")).startsWith("HTTP/1.1 400 ");
  }

  @Test
  void aRequestTrickledPastTheDeadlineIsClosedUnanswered() throws Exception {
    InetSocketAddress address = start(4, Duration.ofMillis(300));
    try (Socket socket = connect(address)) {
      socket.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      assertThat(readAll(socket.getInputStream())).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void connectionsPastTheCapAreClosedAtOnceAndTheCapFreesUp() throws Exception {
    InetSocketAddress address = start(2, Duration.ofSeconds(30));
    List<Socket> idle = new ArrayList<>();
    try {
      idle.add(connect(address));
      idle.add(connect(address));
      try (Socket third = connect(address)) {
        assertThat(readAll(third.getInputStream())).as("closed without an answer, long before the deadline").isEmpty();
      }
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(exchange(address, "GET /health/live HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 "));
  }

  @Test
  void readinessIsTheConjunctionOfItsChecks() throws Exception {
    admin = AdminServer.start(new AdminConfig("127.0.0.1", 0, 4, Duration.ofSeconds(5)), () -> METRICS,
        List.of(Optional::empty, () -> Optional.of("store \"main\" not writable")));
    assertThat(exchange(admin.address(), "GET /health/ready HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 503 ").endsWith("{\"status\":\"not_ready\",\"reasons\":[\"store \\\"main\\\" not writable\"]}\n");
  }

  @Test
  void aFailingScrapeIsA500NotAHungRequest() throws Exception {
    admin = AdminServer.start(new AdminConfig("127.0.0.1", 0, 4, Duration.ofSeconds(5)), () -> {
      throw new IllegalStateException("registry closed");
    }, List.of());
    assertThat(exchange(admin.address(), "GET /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 500 ");
  }

  @Test
  void aTakenPortIsNamedInTheFailure() {
    InetSocketAddress address = start(4, Duration.ofSeconds(5));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.start(
            new AdminConfig("127.0.0.1", address.getPort(), 4, Duration.ofSeconds(5)), () -> METRICS, List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.1:" + address.getPort() + " (admin)");
  }

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.connect(address, 5000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Sends {@code request} and reads until the server closes the connection. */
  private static String exchange(InetSocketAddress address, String request) throws IOException {
    try (Socket socket = connect(address)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return readAll(socket.getInputStream());
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
