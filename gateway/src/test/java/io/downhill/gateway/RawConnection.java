package io.downhill.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 connection by hand, kept open across requests, from a chosen local address (any of
 * 127.0.0.0/8 reaches the server as a client address of its own): for clients that send slowly,
 * stop halfway, or hold connections open.
 */
final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /** Connects to the server on {@code port} from {@code localAddress}. */
  static RawConnection open(int port, String localAddress) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(30_000);
    return new RawConnection(socket);
  }

  /** A keep-alive GET of {@code path}. */
  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one answer with a Content-Length body, leaving the connection open. */
  RawHttp.Response readResponse() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before an answer: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return RawHttp.read(
        new java.io.ByteArrayInputStream(
            (text + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Waits for the server to close the connection and returns what it sent first; fails if it is
   * still open after {@code atMost} (a bound against hanging, not a measure of speed).
   */
  String readUntilClosed(Duration atMost) throws IOException {
    socket.setSoTimeout((int) atMost.toMillis());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      in.transferTo(received);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("still open after " + atMost + "; received: " + received);
    } catch (SocketException e) {
      // reset by the server: closed as well
    }
    return received.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
