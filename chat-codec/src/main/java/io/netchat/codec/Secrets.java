package io.netchat.codec;

/** How a record holding a password shows it in {@code toString()}: never. */
final class Secrets {
  private Secrets() {}

  /** {@code null} when absent, else {@code ***} whatever the value. */
  static String mask(String secret) {
    return secret == null ? null : "***";
  }
}
