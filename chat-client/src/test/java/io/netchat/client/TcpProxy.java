package io.netchat.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay that a test can cut: {@link #cut()} drops every relayed connection (both
 * ends see it closed) and refuses new ones until {@link #resume()}. Blocking sockets, two threads
 * per connection; tests open only a handful.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean refusing;
  private volatile boolean droppingRequests;
  private volatile boolean droppingReplies;

  TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Drops every connection and refuses new ones. */
  void cut() {
    refusing = true;
    closeAll();
  }

  /** Accepts (and relays) new connections again, in both directions. */
  void resume() {
    droppingRequests = false;
    droppingReplies = false;
    refusing = false;
  }

  /** Discards what clients send from now on: the server never sees it (a request lost in the network). */
  void dropRequests() {
    droppingRequests = true;
  }

  /** Discards what the server sends from now on: its answers are lost on the way back. */
  void dropReplies() {
    droppingReplies = true;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          client.close();
          continue;
        }
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        // listener closed, or the target refused: the client sees its connection dropped
      }
    }
  }

  private void pump(Socket from, Socket to, boolean requests) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (requests ? droppingRequests : droppingReplies) {
            continue;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side went away
      } finally {
        quietClose(from);
        quietClose(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void closeAll() {
    for (Socket socket : sockets) {
      quietClose(socket);
    }
    sockets.clear();
  }

  private static void quietClose(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    closeAll();
  }
}
