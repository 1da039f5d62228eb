package io.downhill.gateway.join;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The address participants open to reach this server ({@code --public-url}, {@code
 * downhill.gateway.public-url} or {@code DOWNHILL_PUBLIC_URL}): an http or https origin such as
 * {@code http://192.168.1.20:8080}, as written on the board and in the QR code. A proxy in front
 * may give it a name and a port of its own; the pages live at the root, so it has no path.
 */
public final class PublicUrl {
  private PublicUrl() {}

  /**
   * The origin {@code scheme://host[:port]} (lower-case scheme and host, no trailing slash), or an
   * IllegalArgumentException naming {@code source} when the text is not one.
   */
  public static String parse(String text, String source) {
    String trimmed = text == null ? "" : text.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw refused(source, trimmed);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean rootPath =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || !rootPath) {
      throw refused(source, trimmed);
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port < 0
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  /** The host of an origin {@link #parse} made, as a Host header names it (IPv6 in brackets). */
  public static String host(String origin) {
    return URI.create(origin).getHost();
  }

  private static IllegalArgumentException refused(String source, String text) {
    return new IllegalArgumentException(
        source
            + " must be the address participants open, such as http://192.168.1.20:8080 or"
            + " https://downhill.example.org (http or https, a host, an optional port; no path,"
            + " query or user), not '"
            + text
            + "'");
  }
}
