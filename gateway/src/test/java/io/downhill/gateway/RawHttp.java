package io.downhill.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 by hand over a plain socket, for requests no well-behaved client sends: any Host, bytes
 * that are not UTF-8, broken framing. Each exchange is one request on its own connection.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A status, headers (names lower-cased) and body as text. */
  public record Response(int status, Map<String, String> headers, String body) {}

  /** Sends {@code head} (request line and headers, without the blank line) and {@code body}. */
  public static Response exchange(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String headers = head + "\r\nConnection: close\r\n";
      if (body != null) {
        headers += "Content-Length: " + body.length + "\r\n";
      }
      out.write((headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket.getInputStream());
    }
  }

  /** A request with a Host header and a JSON body (null: none). */
  public static Response request(int port, String method, String path, String host, byte[] json)
      throws IOException {
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + host;
    if (json != null) {
      head += "\r\nContent-Type: application/json";
    }
    return exchange(port, head, json);
  }

  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    String head = split < 0 ? text : text.substring(0, split);
    String[] lines = head.split("\r\n");
    int status = lines[0].isEmpty() ? -1 : Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return new Response(status, headers, split < 0 ? "" : text.substring(split + 4));
  }
}
