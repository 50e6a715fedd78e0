package io.netchat.client.cli;

/** The exit codes of {@code netchat-client}, as documented in {@code docs/CLIENT.md}. */
final class ExitCodes {
  /** Every command succeeded and every expectation held. */
  static final int OK = 0;
  /** A script expectation or command failed (the message names the line). */
  static final int SCRIPT_FAILED = 1;
  /** Bad options, or a script that does not parse. */
  static final int USAGE = 2;
  /** Could not connect, or the connection was lost before the script finished. */
  static final int CONNECTION = 3;

  private ExitCodes() {}
}
