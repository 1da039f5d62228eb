package io.downhill.workshop;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Workshop join codes: ten characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
 * shown as {@code ABCDE-FGHJK}: easy to read aloud and type, and 49 bits hard to guess.
 */
public final class JoinCode {
  static final String ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
  static final int LENGTH = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private JoinCode() {}

  public static String generate() {
    StringBuilder code = new StringBuilder(LENGTH + 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i == LENGTH / 2) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** The canonical form of what a person typed: upper case, dashes and spaces dropped. */
  public static String normalize(String typed) {
    if (typed == null) {
      return "";
    }
    String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    if (compact.length() != LENGTH) {
      return compact;
    }
    return compact.substring(0, LENGTH / 2) + "-" + compact.substring(LENGTH / 2);
  }

  /** Bits of entropy in a code. */
  public static double bits() {
    return LENGTH * Math.log(ALPHABET.length()) / Math.log(2);
  }
}
