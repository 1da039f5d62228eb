package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests for a host name the server does not know are refused: no DNS rebinding. */
class HostAllowListTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of(
              "downhill.gateway.host",
              "0.0.0.0",
              "downhill.gateway.allowed-hosts",
              List.of("downhill.lan")));

  private static RawHttp.Response get(int port, String path, String host) throws Exception {
    return RawHttp.request(port, "GET", path, host, null);
  }

  /** The machine's own addresses other than loopback, as a Host header names them. */
  private static List<String> interfaceHosts() throws Exception {
    List<String> hosts = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (!address.isLoopbackAddress()) {
          String text = address.getHostAddress().replaceAll("%.*", "");
          hosts.add(address instanceof Inet6Address ? "[" + text + "]" : text);
        }
      }
    }
    return hosts;
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(
      strings = {
        "evil.example",
        "evil.example:8080",
        "localhost.evil.example",
        "downhill.lan.evil.example",
        "127.0.0.2",
        "[::2]",
        "[evil.example]",
        "999.1.1.1"
      })
  void anUnknownHostIs403NamingHostOnPagesApiAndWebSocket(String host) throws Exception {
    for (String path : List.of("/", "/js/api.js", "/api/health", "/api/sessions/x")) {
      RawHttp.Response response = get(server.port(), path, host);
      assertThat(response.status()).as(path).isEqualTo(403);
      assertThat(new JsonObject(response.body()).getString("field")).isEqualTo("Host");
    }
    RawHttp.Response handshake =
        RawHttp.exchange(
            server.port(),
            "GET /ws HTTP/1.1\r\nHost: "
                + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13",
            null);
    assertThat(handshake.status()).isEqualTo(403);
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(
      strings = {"localhost", "127.0.0.1", "[::1]", "downhill.lan", "DOWNHILL.LAN:80", "LocalHost"})
  void loopbackNamesAndConfiguredHostsAreServed(String host) throws Exception {
    String withPort =
        host.contains(":") && !host.startsWith("[") ? host : host + ":" + server.port();
    assertThat(get(server.port(), "/api/health", withPort).status()).isEqualTo(200);
    assertThat(get(server.port(), "/", host).status()).isEqualTo(200);
  }

  @Test
  void boundToEveryInterfaceTheMachinesOwnAddressesAreServed() throws Exception {
    for (String host : interfaceHosts()) {
      assertThat(get(server.port(), "/api/health", host + ":" + server.port()).status())
          .as(host)
          .isEqualTo(200);
    }
  }

  @Test
  void boundToLoopbackOnlyTheLoopbackNamesAreServed() throws Exception {
    try (RunningServer loopback =
        RunningServer.start(server.vertx(), Map.of("downhill.gateway.host", "127.0.0.1"))) {
      assertThat(get(loopback.port(), "/api/health", "localhost").status()).isEqualTo(200);
      assertThat(get(loopback.port(), "/api/health", "downhill.lan").status()).isEqualTo(403);
      for (String host : interfaceHosts()) {
        assertThat(get(loopback.port(), "/api/health", host).status()).as(host).isEqualTo(403);
      }
    }
  }

  @Test
  void aRequestWithoutHostIsRefused() throws Exception {
    RawHttp.Response response = RawHttp.exchange(server.port(), "GET /api/health HTTP/1.1", null);
    assertThat(response.status()).isIn(400, 403);
  }
}
