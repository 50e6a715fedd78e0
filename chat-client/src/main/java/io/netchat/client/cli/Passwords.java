package io.netchat.client.cli;

import java.util.Arrays;

/**
 * Where {@code /register} and {@code /passwd} get passwords: never from the command line they are
 * typed on. Interactive mode asks at a prompt that does not echo; a script has none (it logs in,
 * or registers with {@code --register}, with {@code --password-file} or {@code NETCHAT_PASSWORD}).
 * Each method returns a fresh array the caller zeroes, or null when there is no password to give
 * (the command then fails, saying why).
 */
interface Passwords {

  /** The password to register {@code account} with. */
  char[] toRegister(String account);

  /** The current password of {@code account}. */
  char[] current(String account);

  /** The new password for {@code account}. */
  char[] replacement(String account);

  /** Why a method returned null, for the user. */
  String unavailable();

  /** A script's: none, since a password is never written in a script; it logs in or registers with its options. */
  static Passwords script() {
    return new Passwords() {
      @Override
      public char[] toRegister(String account) {
        return null;
      }

      @Override
      public char[] current(String account) {
        return null;
      }

      @Override
      public char[] replacement(String account) {
        return null;
      }

      @Override
      public String unavailable() {
        return "a script cannot type a password: run it with --register and --password-file FILE or"
            + " NETCHAT_PASSWORD, and change a password at the interactive prompt";
      }
    };
  }

  /** Zeroes {@code secret} if present. */
  static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
