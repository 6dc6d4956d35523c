package io.packpass.gateway.web;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * One labelled value on the page. {@code href} is set only for http(s) links, so a document link
 * in a passport can never become a {@code javascript:} URL on the page (jte escapes the text).
 */
public record Fact(String label, String value, Optional<String> href) {
  public static Fact of(String label, String value) {
    return new Fact(label, value, Optional.empty());
  }

  /** A link when {@code uri} is http(s), plain text otherwise. */
  public static Fact link(String label, String uri) {
    return new Fact(label, uri, safeHref(uri));
  }

  static Optional<String> safeHref(String uri) {
    try {
      String scheme = new URI(uri).getScheme();
      if (scheme != null && (scheme.toLowerCase(Locale.ROOT).equals("https")
          || scheme.toLowerCase(Locale.ROOT).equals("http"))) {
        return Optional.of(uri);
      }
    } catch (java.net.URISyntaxException e) {
      // shown as text
    }
    return Optional.empty();
  }
}
