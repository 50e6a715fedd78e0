package io.netchat.server.room;

import java.util.List;

/**
 * One page of a list walked in key order: its items, and whether more follow them.
 *
 * @param items the page, in key order
 * @param more whether items follow the last one
 */
record Page<T>(List<T> items, boolean more) {
  Page {
    items = List.copyOf(items);
  }
}
