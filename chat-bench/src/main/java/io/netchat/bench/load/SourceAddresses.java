package io.netchat.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Spreads connections over loopback source addresses (127.0.0.1, 127.0.0.2, …) so that no address
 * pair runs out of ephemeral ports: each address carries at most {@code perAddress} connections.
 */
public final class SourceAddresses {
  private SourceAddresses() {}

  /**
   * The source address of each of {@code connections} connections: all {@code null} (let the
   * kernel choose) when they fit on one address, else evenly spread over as few 127.0.0.x
   * addresses as hold them.
   */
  public static List<InetAddress> assign(int connections, int perAddress) {
    if (connections < 0 || perAddress < 1) {
      throw new IllegalArgumentException("connections must be >= 0 and perAddress >= 1");
    }
    List<InetAddress> sources = new ArrayList<>(connections);
    if (connections <= perAddress) {
      for (int i = 0; i < connections; i++) {
        sources.add(null);
      }
      return sources;
    }
    int addresses = (connections + perAddress - 1) / perAddress;
    if (addresses > 254) {
      throw new IllegalArgumentException(connections + " connections need more than 254 source addresses");
    }
    for (int i = 0; i < connections; i++) {
      sources.add(loopback(1 + i % addresses));
    }
    return sources;
  }

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
