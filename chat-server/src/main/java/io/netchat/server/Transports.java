package io.netchat.server;

import io.netchat.server.config.Transport;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The Netty transport a configuration asks for: its I/O handler factory and server channel. */
record Transports(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

  static Transports choose(Transport wanted) {
    boolean epoll = Epoll.isAvailable();
    if (wanted == Transport.EPOLL && !epoll) {
      throw new IllegalStateException("transport 'epoll' is not available here: " + Epoll.unavailabilityCause());
    }
    if (wanted != Transport.NIO && epoll) {
      return new Transports("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
    return new Transports("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }
}
