package io.netchat.dist;

import java.nio.file.Path;

/** Where the build put the packs and the sources they came from (set by the module's failsafe configuration). */
final class Dist {
  private Dist() {}

  static String version() {
    return property("netchat.version");
  }

  static Path tarball() {
    return Path.of(property("netchat.dist.tarball"));
  }

  static Path deb() {
    return Path.of(property("netchat.dist.deb"));
  }

  /** The source checkout: the test scripts in examples/ come from there. */
  static Path sources() {
    return Path.of(property("netchat.root")).toAbsolutePath().normalize();
  }

  /** The client script every install chats with once. */
  static Path smokeScript() {
    return sources().resolve("examples/smoke.nchat");
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set: run the tests through Maven (./mvnw -pl netchat-dist -am verify)");
    }
    return value;
  }
}
