package io.netchat.client;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a host to its addresses off the event loop. IP literals (IPv6 with or without
 * brackets) need no lookup; a host name goes to the JDK resolver (hosts file, then DNS, as the
 * system is configured) on a small thread of its own, because that call blocks.
 */
final class HostResolver {
  private final EventExecutor executor;

  /** The lookup thread starts with the first host name to resolve; it may block, the event loop never does. */
  HostResolver(String threadName) {
    executor = new DefaultEventExecutor(runnable -> {
      Thread t = new Thread(runnable, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** The addresses of {@code host}, in the order the resolver gives them. */
  CompletableFuture<List<InetSocketAddress>> resolve(String host, int port) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(bare);
    if (literal != null) {
      try {
        return CompletableFuture.completedFuture(
            List.of(new InetSocketAddress(InetAddress.getByAddress(bare, literal), port)));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return Arrays.stream(InetAddress.getAllByName(bare)).map(a -> new InetSocketAddress(a, port)).toList();
        } catch (UnknownHostException e) {
          throw new CompletionException(e);
        }
      }, executor);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  void shutdown() {
    executor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
  }
}
