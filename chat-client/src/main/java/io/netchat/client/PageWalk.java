package io.netchat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Walks a paginated list ({@code rooms}, {@code who}) one page after another, each page asked
 * with the previous page's {@code next}, until the last page or {@code maxPages}, whichever comes
 * first. Bounded: it never holds more than {@code maxPages} pages.
 *
 * @param <P> the page answer
 * @param <T> an item of the list
 */
final class PageWalk<P, T> {
  /** The items walked, and the cursor of the first page not asked for ({@code null}: the walk is complete). */
  record Result<T>(List<T> items, String next) {}

  private final Function<String, CompletableFuture<P>> fetch;
  private final Function<P, List<T>> items;
  private final Function<P, String> next;
  private final int maxPages;

  /**
   * @param fetch asks for the page after a cursor ({@code null}: the first)
   * @param items the items of a page
   * @param next the {@code next} of a page, {@code null} on the last
   */
  PageWalk(Function<String, CompletableFuture<P>> fetch, Function<P, List<T>> items, Function<P, String> next,
      int maxPages) {
    this.fetch = fetch;
    this.items = items;
    this.next = next;
    this.maxPages = maxPages;
  }

  CompletableFuture<Result<T>> run() {
    return from(null, new ArrayList<>(), 0);
  }

  private CompletableFuture<Result<T>> from(String after, List<T> walked, int pages) {
    return fetch.apply(after).thenCompose(page -> {
      walked.addAll(items.apply(page));
      String cursor = next.apply(page);
      if (cursor == null || pages + 1 >= maxPages) {
        return CompletableFuture.completedFuture(new Result<>(List.copyOf(walked), cursor));
      }
      return from(cursor, walked, pages + 1);
    });
  }
}
