package io.netchat.server.room;

import java.util.Locale;

/** Nicks and room names are unique case-insensitively: this is the key they are unique by. */
public final class Names {
  private Names() {}

  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
