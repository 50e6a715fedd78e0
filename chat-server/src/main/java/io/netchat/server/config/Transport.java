package io.netchat.server.config;

/** The Netty transport: native epoll where the platform has it, NIO otherwise. */
public enum Transport {
  /** epoll when available, else NIO. */
  AUTO,
  /** Linux epoll; start-up fails where it is unavailable. */
  EPOLL,
  /** Java NIO, available everywhere. */
  NIO
}
