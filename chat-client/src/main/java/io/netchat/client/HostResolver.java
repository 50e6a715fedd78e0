package io.netchat.client;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a host to its addresses off the event loop. IP literals (IPv6 with or without
 * brackets) need no lookup; a host name goes to the JDK resolver (hosts file, then DNS, as the
 * system is configured) on a small thread of its own, because that call blocks.
 */
final class HostResolver {
  private final ThreadPoolExecutor executor;

  HostResolver(String threadName) {
    executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16), runnable -> {
      Thread t = new Thread(runnable, threadName);
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
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
    executor.shutdownNow();
  }
}
