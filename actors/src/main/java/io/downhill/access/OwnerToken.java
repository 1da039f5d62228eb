package io.downhill.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer secret and its digest. Only the digest is kept; the token itself is handed out once, to
 * the creator, and compared in constant time.
 */
public final class OwnerToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OwnerToken() {}

  /** A new token of 256 random bits, URL-safe base64 without padding. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 digest of a token. */
  public static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** Whether {@code token} is the one {@code digest} was made from, in constant time. */
  public static boolean matches(String token, byte[] digest) {
    return token != null && MessageDigest.isEqual(digest(token), digest);
  }

  /** A short random id for a session: 12 characters of lowercase base32 (60 bits). */
  public static String newId() {
    final String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    StringBuilder id = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
