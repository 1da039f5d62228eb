package io.downhill.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers only requests addressed to this server by a name it knows, against DNS rebinding: a page
 * whose own host name has been re-pointed at this machine still sends that name in {@code Host},
 * and is refused with 403. Known are the loopback names, the bind address, {@code
 * downhill.gateway.allowed-hosts}, and, when bound to every interface, each interface's address (so
 * participants on the LAN reach it by IP). Fixed at start.
 */
public final class HostAllowList implements Handler<RoutingContext> {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

  private final Set<String> names = new HashSet<>();
  private final Set<InetAddress> addresses = new HashSet<>();

  /** The names for a server bound to {@code bindHost}, plus {@code allowed}. */
  public static HostAllowList of(String bindHost, List<String> allowed) {
    HostAllowList list = new HostAllowList();
    list.add("localhost");
    list.add("127.0.0.1");
    list.add("[::1]");
    list.add(bindHost);
    allowed.forEach(list::add);
    if (bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")) {
      list.addInterfaceAddresses();
    }
    return list;
  }

  private void add(String host) {
    String name = host.strip().toLowerCase(Locale.ROOT);
    InetAddress literal = literal(name);
    if (literal != null) {
      addresses.add(literal);
    } else {
      names.add(name);
    }
  }

  private void addInterfaceAddresses() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          addresses.add(unscoped(address));
        }
      }
    } catch (SocketException e) {
      // Without the list only the loopback and configured names are known: safe, if less handy.
    }
  }

  /** Whether a request with this {@code Host} header (may be null) is for this server. */
  public boolean permits(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String host = withoutPort(hostHeader.strip().toLowerCase(Locale.ROOT));
    InetAddress literal = literal(host);
    return literal != null ? addresses.contains(literal) : names.contains(host);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (permits(RequestHost.of(ctx.request()))) {
      ctx.next();
      return;
    }
    Replies.json(
        ctx,
        403,
        new ErrorView(
            "this server does not answer to that host name (see downhill.gateway.allowed-hosts)",
            "Host"));
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host : host.substring(0, colon);
  }

  /** The address an IP literal names (without any lookup), or null for a host name. */
  private static InetAddress literal(String host) {
    boolean v6 = IPV6.matcher(host).matches();
    if (!v6 && !IPV4.matcher(host).matches()) {
      return null; // a name: never looked up
    }
    try {
      return v6
          ? unscoped(InetAddress.getByName(host.substring(1, host.length() - 1)))
          : InetAddress.getByAddress(ipv4(host));
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String dotted) throws UnknownHostException {
    String[] parts = dotted.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int part = Integer.parseInt(parts[i]);
      if (part > 255) {
        throw new UnknownHostException(dotted);
      }
      bytes[i] = (byte) part;
    }
    return bytes;
  }

  /** An interface's IPv6 address carries its scope; a Host header never does. */
  private static InetAddress unscoped(InetAddress address) {
    try {
      return InetAddress.getByAddress(address.getAddress());
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
