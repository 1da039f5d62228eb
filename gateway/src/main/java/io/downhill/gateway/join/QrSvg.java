package io.downhill.gateway.join;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as a small SVG image: one path of black squares on white, with the four-module quiet
 * zone a phone's camera needs around it. Medium error correction survives a projector's glare and a
 * finger over a corner.
 */
public final class QrSvg {
  private static final int BORDER = 4;

  private QrSvg() {}

  /** The SVG of a QR code that reads as {@code text}. */
  public static String of(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + 2 * BORDER;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" shape-rendering=\"crispEdges\" data-modules=\""
        + qr.size
        + "\"><rect width=\""
        + size
        + "\" height=\""
        + size
        + "\" fill=\"#fff\"/><path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
