package io.downhill.gateway.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of a machine's addresses a room is offered, and which public URLs are accepted. */
class JoinAddressesTest {
  private static JoinAddresses.Candidate on(String nic, String address, boolean virtual)
      throws Exception {
    return new JoinAddresses.Candidate(nic, InetAddress.getByName(address), virtual);
  }

  @Test
  void realInterfacesComeFirstIpv4BeforeIpv6AndNothingOnlyThisMachineReaches() throws Exception {
    List<String> urls =
        JoinAddresses.urls(
            List.of(
                on("docker0", "172.17.0.1", true),
                on("wlan0", "2001:db8::7", false),
                on("lo", "127.0.0.1", false),
                on("wlan0", "fe80::1", false),
                on("wlan0", "169.254.3.4", false),
                on("wlan0", "192.168.1.20", false)),
            "http",
            8080);
    assertThat(urls)
        .containsExactly(
            "http://192.168.1.20:8080",
            "http://[2001:db8:0:0:0:0:0:7]:8080",
            "http://172.17.0.1:8080");
  }

  @Test
  void theDefaultPortOfTheSchemeIsLeftOut() throws Exception {
    assertThat(JoinAddresses.urls(List.of(on("eth0", "10.0.0.5", false)), "https", 443))
        .containsExactly("https://10.0.0.5");
  }

  @Test
  void aPublicUrlIsOfferedAloneWhenSet() {
    JoinAddresses addresses = new JoinAddresses("https://downhill.example.org", "0.0.0.0", "http");
    List<String> urls = addresses.urls(8080);
    assertThat(urls).containsExactly("https://downhill.example.org");
    assertThat(addresses.source(urls)).isEqualTo(JoinAddresses.Source.PUBLIC_URL);
  }

  @Test
  void publicUrlsAreNormalisedToTheirOrigin() {
    assertThat(PublicUrl.parse(" HTTP://Downhill.LAN:8080/ ", "--public-url"))
        .isEqualTo("http://downhill.lan:8080");
    assertThat(PublicUrl.parse("https://example.org:443", "--public-url"))
        .isEqualTo("https://example.org");
    assertThat(PublicUrl.host("http://[2001:db8::7]:8080")).isEqualTo("[2001:db8::7]");
  }

  @Test
  void anAddressThatIsNotAnHttpOriginIsRefusedNamingWhereItCameFrom() {
    for (String bad :
        List.of(
            "192.168.1.20:8080",
            "ftp://example.org",
            "http://",
            "http://user@example.org",
            "http://example.org/downhill",
            "http://example.org/?x=1",
            "http://exa mple.org",
            "")) {
      assertThatThrownBy(() -> PublicUrl.parse(bad, "--public-url"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--public-url must be the address participants open");
    }
  }
}
