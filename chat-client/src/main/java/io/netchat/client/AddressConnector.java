package io.netchat.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens a connection to a host: resolves it off the event loop ({@link HostResolver}), then tries
 * each of its addresses in turn (e.g. {@code ::1}, then {@code 127.0.0.1}) until one accepts; over
 * TLS, the connection is ready once its handshake succeeded.
 */
final class AddressConnector {
  private final Bootstrap bootstrap;
  private final HostResolver resolver;
  private final EventLoop loop;

  AddressConnector(Bootstrap bootstrap, HostResolver resolver, EventLoop loop) {
    this.bootstrap = bootstrap;
    this.resolver = resolver;
    this.loop = loop;
  }

  /** The connected channel; fails with {@link ChatConnectionException} naming the host and the last error. */
  CompletableFuture<Channel> connect(String host, int port) {
    CompletableFuture<Channel> result = new CompletableFuture<>();
    resolver.resolve(host, port).whenComplete((addresses, error) -> {
      if (error != null) {
        result.completeExceptionally(new ChatConnectionException(
            "cannot resolve " + host + ": " + Failures.message(error), Failures.unwrap(error)));
        return;
      }
      try {
        loop.execute(() -> tryEach(addresses, 0, null, host + ":" + port, result));
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(new ChatConnectionException("client closed", e));
      }
    });
    return result;
  }

  /** Completes with {@code channel} once its TLS handshake (if any) succeeded; a failed one is not retried elsewhere. */
  private static void handshaken(Channel channel, String target, CompletableFuture<Channel> result) {
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    if (tls == null) {
      result.complete(channel);
      return;
    }
    tls.handshakeFuture().addListener(handshake -> {
      if (handshake.isSuccess()) {
        result.complete(channel);
      } else {
        channel.close();
        result.completeExceptionally(TlsFailures.describe(target, target.substring(0, target.lastIndexOf(':')),
            handshake.cause()));
      }
    });
  }

  private void tryEach(List<InetSocketAddress> addresses, int index, Throwable lastError, String target,
      CompletableFuture<Channel> result) {
    if (index >= addresses.size()) {
      result.completeExceptionally(new ChatConnectionException("cannot connect to " + target + ": "
          + (lastError == null ? "no address" : Failures.message(lastError)), lastError));
      return;
    }
    bootstrap.connect(addresses.get(index)).addListener((ChannelFutureListener) connected -> {
      if (connected.isSuccess()) {
        handshaken(connected.channel(), target, result);
      } else {
        tryEach(addresses, index + 1, connected.cause(), target, result);
      }
    });
  }
}
