package org.linli.partner.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps webhooks from being turned against Linli's own network (server-side request forgery): a partner's endpoint
 * must be a public internet address. Refused are loopback, link-local (169.254.0.0/16 with the cloud metadata service
 * at 169.254.169.254, fe80::/10), private (10/8, 172.16/12, 192.168/16), shared address space (CGNAT, 100.64/10),
 * unique-local IPv6 (fc00::/7), multicast, unspecified, "this network" (0/8), reserved and broadcast (240/4)
 * addresses, IPv6 forms that embed one of those IPv4 addresses (mapped, compatible, NAT64, 6to4), the networks of
 * {@code linli.partner.denied-networks} (say the cluster's service and pod ranges there when they are not private),
 * and host names that only mean something inside a cluster or a host ({@code localhost}, a single label such as
 * {@code resident-service}, {@code *.svc}, {@code *.cluster.local}, {@code *.local}, {@code *.internal}).
 *
 * <p>
 * A host name is checked by every address it resolves to (one bad address refuses it: the HTTP client may pick any),
 * at subscription and again before every delivery attempt, because DNS can change. The attempt's connection then
 * resolves the same name again; the JVM caches a lookup (30 s by default), so it reaches the address checked.
 * {@code linli.partner.allow-private-endpoints} turns the guard off (dev and test profiles, whose endpoints are local).
 */
@ApplicationScoped
public class EndpointGuard {

    /** Looks a host name up (the system's DNS in production; a test gives the addresses it wants). */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private static final Resolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));
    private static final List<String> CLUSTER_SUFFIXES = List.of(".localhost", ".local", ".internal", ".svc",
            ".cluster.local", ".home.arpa", ".localdomain");

    private final boolean allowPrivate;
    private final List<Network> denied;
    private final Resolver resolver;

    @Inject
    EndpointGuard(PartnerConfig config) {
        this(config.allowPrivateEndpoints(), config.deniedNetworks().orElse(List.of()), SYSTEM_DNS);
    }

    /** A guard with its own resolver and extra denied networks (CIDR), for tests and tools. */
    public EndpointGuard(boolean allowPrivate, List<String> deniedNetworks, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.denied = deniedNetworks.stream().map(Network::parse).toList();
        this.resolver = resolver;
    }

    /** Why an endpoint may not be called, or empty when it may. */
    public Optional<String> refusal(URI endpoint) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = endpoint.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean literal = isLiteral(host);
        if (!literal) {
            String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            if (name.equals("localhost") || !name.contains(".")
                    || CLUSTER_SUFFIXES.stream().anyMatch(name::endsWith)) {
                return Optional.of(host + " is a name inside Linli's network, not a public internet host");
            }
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of(host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return Optional.of(host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = refusal(address);
            if (reason.isPresent()) {
                return Optional.of(literal ? host + " is " + reason.get()
                        : host + " resolves to " + address.getHostAddress() + ", " + reason.get());
            }
        }
        return Optional.empty();
    }

    /** Why this address may not be called (e.g. "a loopback address"), or empty for a public one. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                return ipv4(embedded).map(reason -> reason + " (inside an IPv6 address)").or(() -> deniedNetwork(bytes));
            }
            return ipv6(bytes).or(() -> deniedNetwork(bytes));
        }
        return ipv4(bytes).or(() -> deniedNetwork(bytes));
    }

    private static Optional<String> ipv4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 0) {
            return Optional.of(b1 == 0 && a[2] == 0 && a[3] == 0 ? "the unspecified address" : "in 0.0.0.0/8 (this network)");
        }
        if (b0 == 127) {
            return Optional.of("a loopback address");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("a link-local address (169.254.0.0/16, where cloud metadata services answer)");
        }
        if (b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168) {
            return Optional.of("a private address (RFC 1918)");
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return Optional.of("in the shared address space of carrier-grade NAT (100.64.0.0/10)");
        }
        if (b0 == 192 && b1 == 0 && (a[2] & 0xff) == 0) {
            return Optional.of("in 192.0.0.0/24 (IETF protocol assignments)");
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return Optional.of("in 198.18.0.0/15 (benchmarking networks)");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Optional.of("a multicast address");
        }
        if (b0 >= 240) {
            return Optional.of("a reserved or broadcast address (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] a) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 15; i++) {
            zeroPrefix &= a[i] == 0;
        }
        if (zeroPrefix && a[15] == 0) {
            return Optional.of("the unspecified address");
        }
        if (zeroPrefix && a[15] == 1) {
            return Optional.of("a loopback address");
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 0xff) {
            return Optional.of("a multicast address");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Optional.of("a link-local address (fe80::/10)");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Optional.of("a site-local address (fec0::/10)");
        }
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address (fc00::/7)");
        }
        if (b0 == 0x01 && b1 == 0 && a[2] == 0 && a[3] == 0 && a[4] == 0 && a[5] == 0 && a[6] == 0 && a[7] == 0) {
            return Optional.of("in the discard-only prefix 100::/64");
        }
        if (b0 == 0x20 && b1 == 0x01 && a[2] == 0x0d && (a[3] & 0xff) == 0xb8) {
            return Optional.of("a documentation address (2001:db8::/32)");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside an IPv6 one that leads to it: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d),
     * NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::); null for another IPv6 address.
     */
    private static byte[] embeddedIpv4(byte[] a) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= a[i] == 0;
        }
        if (firstTenZero && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return new byte[] { a[12], a[13], a[14], a[15] };
        }
        if (firstTenZero && a[10] == 0 && a[11] == 0 && !(a[12] == 0 && a[13] == 0 && a[14] == 0 && (a[15] & 0xfe) == 0)) {
            return new byte[] { a[12], a[13], a[14], a[15] };
        }
        boolean nat64 = a[0] == 0 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = a[i] == 0;
        }
        if (nat64) {
            return new byte[] { a[12], a[13], a[14], a[15] };
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return new byte[] { a[2], a[3], a[4], a[5] };
        }
        return null;
    }

    private Optional<String> deniedNetwork(byte[] address) {
        return denied.stream().filter(n -> n.contains(address)).findFirst()
                .map(n -> "in " + n.cidr() + " (linli.partner.denied-networks)");
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** A network in CIDR notation (10.96.0.0/12, fd00::/8). */
    record Network(String cidr, byte[] prefix, int bits) {

        static Network parse(String cidr) {
            String[] parts = cidr.strip().split("/");
            try {
                if (parts.length != 2 || !isLiteral(parts[0])) {
                    throw new IllegalArgumentException("not a network in CIDR notation: " + cidr);
                }
                byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
                int bits = Integer.parseInt(parts[1]);
                if (bits < 0 || bits > prefix.length * 8) {
                    throw new IllegalArgumentException("not a prefix length: " + cidr);
                }
                return new Network(cidr.strip(), prefix, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
