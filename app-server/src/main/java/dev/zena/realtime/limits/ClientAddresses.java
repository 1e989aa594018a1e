package dev.zena.realtime.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client address of a request after trusted-proxy resolution (SPEC §5). {@code X-Forwarded-For} is read only
 * when the peer is a trusted proxy; it is then walked from the right, skipping trusted proxies, and the first
 * untrusted address is the client (all trusted: the leftmost). An entry that is not an IP literal stops the walk
 * at the last good address. Addresses come out in the JDK's canonical text form, never resolved by DNS.
 */
public final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private record Cidr(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Cidr> trusted;

    /** Built from the validated {@code trusted_proxies} entries (IP literals or CIDRs). */
    public ClientAddresses(List<String> trustedProxies) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : trustedProxies) {
            int slash = entry.indexOf('/');
            byte[] network = parse(slash < 0 ? entry : entry.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP literal: " + entry))
                    .getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            cidrs.add(new Cidr(network, bits));
        }
        this.trusted = List.copyOf(cidrs);
    }

    /** Called for each handshake with the socket peer and the {@code X-Forwarded-For} header (nullable). */
    public String resolve(String peer, String forwardedFor) {
        Optional<InetAddress> peerAddress = parse(peer);
        if (peerAddress.isEmpty()) {
            return peer;
        }
        InetAddress current = peerAddress.get();
        if (forwardedFor == null || !isTrusted(current)) {
            return current.getHostAddress();
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0 && isTrusted(current); i--) {
            Optional<InetAddress> hop = parse(hops[i].strip());
            if (hop.isEmpty()) {
                break;
            }
            current = hop.get();
        }
        return current.getHostAddress();
    }

    /** Called for each accepted socket's peer: true when it is one of {@code trusted_proxies}. */
    public boolean isTrustedProxy(InetAddress address) {
        return !trusted.isEmpty() && isTrusted(address);
    }

    private boolean isTrusted(InetAddress address) {
        byte[] bytes = address.getAddress();
        return trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    /** An IP literal as an address; never a DNS lookup (only dotted quads and texts with ':' reach the JDK). */
    static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean isV4 = IPV4.matcher(literal).matches();
        if (!isV4 && !literal.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
