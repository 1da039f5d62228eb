package io.downhill.gateway.join;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where participants can reach this server, for the instructor's join panel: the public URL when
 * one is set, else this machine's own addresses that another machine may reach (not loopback, not
 * link-local), read afresh on each call because a laptop's Wi-Fi address comes and goes. Lives as
 * long as the gateway.
 */
public final class JoinAddresses {
  /** Where the addresses come from. */
  public enum Source {
    /** The address the server was told ({@code --public-url}). */
    PUBLIC_URL,
    /** This machine's network interfaces. */
    INTERFACES,
    /** Nothing another machine can reach: only loopback is up. */
    NONE
  }

  /** One address of one interface, as the machine lists it. */
  record Candidate(String interfaceName, InetAddress address, boolean virtual) {}

  /** Interfaces of containers, VMs and VPN bridges: listed last, the room is seldom on them. */
  private static final Pattern VIRTUAL =
      Pattern.compile("^(docker|veth|br-|virbr|vmnet|vboxnet|cni|flannel|tun|tap|utun|zt)");

  private final String publicUrl;
  private final String bindHost;
  private final String scheme;

  /**
   * {@code publicUrl}: an origin from {@link PublicUrl#parse}, or null to detect; {@code bindHost}:
   * the interface the server listens on; {@code scheme}: http or https.
   */
  public JoinAddresses(String publicUrl, String bindHost, String scheme) {
    this.publicUrl = publicUrl;
    this.bindHost = bindHost;
    this.scheme = scheme;
  }

  public String publicUrl() {
    return publicUrl;
  }

  public Source source(List<String> urls) {
    if (publicUrl != null) {
      return Source.PUBLIC_URL;
    }
    return urls.isEmpty() ? Source.NONE : Source.INTERFACES;
  }

  /** The origins to offer, best first, for a server listening on {@code port}. */
  public List<String> urls(int port) {
    if (publicUrl != null) {
      return List.of(publicUrl);
    }
    return urls(candidates(), scheme, port);
  }

  /** Real interfaces before virtual ones, IPv4 before IPv6, otherwise as the machine lists them. */
  static List<String> urls(List<Candidate> candidates, String scheme, int port) {
    List<Candidate> usable = new ArrayList<>();
    for (Candidate c : candidates) {
      InetAddress a = c.address();
      if (!(a.isLoopbackAddress()
          || a.isLinkLocalAddress()
          || a.isAnyLocalAddress()
          || a.isMulticastAddress())) {
        usable.add(c);
      }
    }
    usable.sort(
        Comparator.comparing(Candidate::virtual)
            .thenComparing(c -> c.address() instanceof Inet4Address ? 0 : 1));
    List<String> urls = new ArrayList<>();
    for (Candidate c : usable) {
      String url = origin(scheme, c.address(), port);
      if (!urls.contains(url)) {
        urls.add(url);
      }
    }
    return urls;
  }

  private List<Candidate> candidates() {
    if (!isWildcard(bindHost)) {
      try {
        return List.of(new Candidate("bind", InetAddress.getByName(bindHost), false));
      } catch (java.net.UnknownHostException e) {
        return List.of();
      }
    }
    List<Candidate> found = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        String name = nic.getName().toLowerCase(Locale.ROOT);
        boolean virtual = nic.isVirtual() || VIRTUAL.matcher(name).find();
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          found.add(new Candidate(name, address, virtual));
        }
      }
    } catch (SocketException e) {
      // The machine would not list its interfaces: the page falls back to its own address.
    }
    return found;
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  private static String origin(String scheme, InetAddress address, int port) {
    String host =
        address instanceof Inet6Address
            ? "[" + stripScope(address.getHostAddress()) + "]"
            : address.getHostAddress();
    boolean defaultPort =
        (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  private static String stripScope(String v6) {
    int percent = v6.indexOf('%');
    return percent < 0 ? v6 : v6.substring(0, percent);
  }
}
