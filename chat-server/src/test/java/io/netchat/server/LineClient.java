package io.netchat.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** What a person with {@code nc} has: JSON lines typed in, JSON lines read back, byte for byte. */
final class LineClient implements AutoCloseable {
  private final Socket socket = new Socket();
  private final BufferedReader in;
  private final OutputStream out;

  LineClient(InetSocketAddress address) throws IOException {
    socket.connect(address, 5000);
    socket.setSoTimeout(10_000);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
  }

  /** Sends the lines in one write, as a paste into {@code nc} does. */
  void type(String... lines) throws IOException {
    out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The next line from the server, without its {@code \n}; fails after 10 s. */
  String line() throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IOException("the server closed the connection");
    }
    return line;
  }

  /** True when the server closed the connection (end of stream) within the read timeout. */
  boolean closed() throws IOException {
    try {
      while (in.readLine() != null) {
        // drain what was sent before the close
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
