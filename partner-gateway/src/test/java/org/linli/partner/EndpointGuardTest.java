package org.linli.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linli.partner.service.EndpointGuard;

/**
 * The SSRF guard on its own, with a resolver the test controls (the names below resolve only here): every non-public
 * range is refused with a reason naming it, a host name is judged by every address it resolves to, and public
 * endpoints pass.
 */
class EndpointGuardTest {

    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.bank.example", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "rebound.example", List.of("127.0.0.1"),
            "metadata.example", List.of("169.254.169.254"),
            "half-private.example", List.of("93.184.215.14", "10.1.2.3"),
            "mapped.example", List.of("::ffff:10.0.0.5"),
            "kube.example", List.of("203.0.113.40"));

    private static final EndpointGuard GUARD = new EndpointGuard(false, List.of("203.0.113.0/24"), EndpointGuardTest::resolve);

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return List.of(InetAddress.getByName(host)); // a literal: no lookup
            }
            throw new UnknownHostException(host);
        }
        List<InetAddress> out = new java.util.ArrayList<>();
        for (String address : addresses) {
            out.add(InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress()));
        }
        return out;
    }

    private static Optional<String> refusal(String url) {
        return GUARD.refusal(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://127.0.0.1/hooks", "http://127.0.0.1:8081/device-alarms", "https://127.1.2.3/",
            "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hooks", "https://172.16.0.1/",
            "https://172.31.255.255/", "https://192.168.1.10/", "https://100.64.0.1/", "https://100.127.255.254/",
            "https://0.0.0.0/", "https://0.1.2.3/", "https://224.0.0.1/", "https://239.255.255.250/",
            "https://255.255.255.255/", "https://[::1]/hooks", "https://[::]/", "https://[fe80::1]/", "https://[fc00::1]/",
            "https://[fd12:3456::1]/", "https://[ff02::1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:169.254.169.254]/",
            "https://[64:ff9b::a00:5]/", "https://[2002:a00:5::]/", "https://2130706433/",
            "https://rebound.example/hooks", "https://metadata.example/", "https://half-private.example/",
            "https://mapped.example/", "https://kube.example/", "https://203.0.113.7/",
            "https://localhost/hooks", "https://app.localhost/", "http://resident-service:8080/device-alarms",
            "https://resident-service.linli.svc/", "https://resident-service.linli.svc.cluster.local/",
            "https://printer.local/", "https://metadata.google.internal/computeMetadata/v1/",
            "https://unknown-host.example/" })
    void nonPublicEndpointsAreRefused(String url) {
        assertTrue(refusal(url).isPresent(), url + " must be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://hooks.bank.example/linli", "https://93.184.215.14/hooks",
            "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hooks", "https://172.32.0.1/", "https://100.128.0.1/",
            "https://11.0.0.1/", "https://192.169.0.1/" })
    void publicEndpointsPass(String url) {
        assertEquals(Optional.empty(), refusal(url), url);
    }

    @Test
    void theReasonNamesTheRangeAndTheAddressAHostResolvedTo() {
        assertEquals("127.0.0.1 is a loopback address", refusal("https://127.0.0.1/hooks").orElseThrow());
        assertEquals("169.254.169.254 is a link-local address (169.254.0.0/16, where cloud metadata services answer)",
                refusal("http://169.254.169.254/latest/meta-data/").orElseThrow());
        assertEquals("10.0.0.5 is a private address (RFC 1918)", refusal("https://10.0.0.5/").orElseThrow());
        assertEquals("::1 is a loopback address", refusal("https://[::1]/").orElseThrow());
        assertEquals("rebound.example resolves to 127.0.0.1, a loopback address",
                refusal("https://rebound.example/hooks").orElseThrow());
        assertEquals("half-private.example resolves to 10.1.2.3, a private address (RFC 1918)",
                refusal("https://half-private.example/").orElseThrow());
        assertEquals("100.64.0.1 is in the shared address space of carrier-grade NAT (100.64.0.0/10)",
                refusal("https://100.64.0.1/").orElseThrow());
        assertEquals("fd12:3456::1 is a unique-local address (fc00::/7)",
                refusal("https://[fd12:3456::1]/").orElseThrow());
        assertEquals("kube.example resolves to 203.0.113.40, in 203.0.113.0/24 (linli.partner.denied-networks)",
                refusal("https://kube.example/").orElseThrow());
        assertTrue(refusal("http://resident-service:8080/").orElseThrow().contains("inside Linli's network"));
    }

    @Test
    void turnedOffForLocalEndpointsInDevelopment() {
        EndpointGuard off = new EndpointGuard(true, List.of(), host -> {
            throw new AssertionError("no lookup when the guard is off");
        });
        assertEquals(Optional.empty(), off.refusal(URI.create("http://127.0.0.1:8999/hooks")));
    }
}
