package io.downhill.gateway;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client by hand over a plain socket, for frames no library sends: bytes that are not
 * UTF-8, binary frames, odd fragmentation, messages over the limit. Frames are masked, as a client
 * must.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CONTINUATION = 0x0;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;

  /** One frame from the server. */
  public record Frame(int opcode, byte[] payload) {
    /** The close status of a close frame, or -1. */
    public int closeStatus() {
      return opcode == CLOSE && payload.length >= 2
          ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
          : -1;
    }

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  public final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Opens {@code /ws}; {@code receiveBuffer} > 0 shrinks the socket's receive buffer. */
  public static RawWebSocket open(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("localhost", port), 5000);
    socket.setSoTimeout(20_000);
    RawWebSocket ws = new RawWebSocket(socket);
    ws.out.write(
        ("GET /ws HTTP/1.1\r\nHost: localhost:"
                + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    ws.out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = ws.in.read();
      if (b < 0) {
        throw new EOFException("no handshake answer: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head.toString().lines().findFirst().orElse(""));
    }
    return ws;
  }

  public static RawWebSocket open(int port) throws IOException {
    return open(port, 0);
  }

  /** Writes one masked frame. */
  public void send(int opcode, boolean fin, byte[] payload) throws IOException {
    out.write(frame(opcode, fin, payload));
    out.flush();
  }

  public void sendText(String text) throws IOException {
    send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes of one masked frame. */
  public static byte[] frame(int opcode, boolean fin, byte[] payload) {
    int lengthBytes = payload.length < 126 ? 0 : payload.length < 65536 ? 2 : 8;
    byte[] frame = new byte[2 + lengthBytes + 4 + payload.length];
    frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
    if (lengthBytes == 0) {
      frame[1] = (byte) (0x80 | payload.length);
    } else if (lengthBytes == 2) {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (payload.length >> 8);
      frame[3] = (byte) payload.length;
    } else {
      frame[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) payload.length >> (56 - 8 * i));
      }
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    int at = 2 + lengthBytes;
    System.arraycopy(mask, 0, frame, at, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[at + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  /** The next frame from the server; EOFException when the connection ends. */
  public Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** Reads until a close frame (its status) or the end of the connection (-1). */
  public int awaitClose() throws IOException {
    try {
      while (true) {
        Frame frame = read();
        if (frame.opcode() == CLOSE) {
          return frame.closeStatus();
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return -1;
    }
  }

  /** The next text frame. */
  public String readText() throws IOException {
    while (true) {
      Frame frame = read();
      if (frame.opcode() == TEXT) {
        return frame.text();
      }
    }
  }

  public InputStream input() {
    return in;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
