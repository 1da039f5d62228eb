package io.downhill.gateway.join;

import java.util.List;

/**
 * Where participants can reach the server ({@code GET /api/server/addresses}).
 *
 * @param source {@code public-url} (the address the server was given), {@code interfaces} (this
 *     machine's own addresses) or {@code none} (only loopback: nobody else can reach it)
 * @param urls origins such as {@code http://192.168.1.20:8080}, best first
 * @param joinPath what a participant opens on one of them
 */
public record AddressesView(String source, List<String> urls, String joinPath) {}
