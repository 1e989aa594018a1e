package dev.zena.realtime.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client address of a request after trusted-proxy resolution (SPEC §5). {@code X-Forwarded-For} is read only
 * when the peer is a trusted proxy; it is then walked from the right, skipping trusted proxies, and the first
 * untrusted address is the client (all trusted: the leftmost). An entry that is not an IP literal stops the walk
 * at the last good address. Literals are parsed here, strictly (no zone, no port), and addresses come out in the
 * JDK's canonical text form: nothing is ever resolved by DNS.
 */
public final class ClientAddresses {

    /** The longest IP literal (a bracketed IPv6 with a dotted-quad tail), so that no parse reads a long header. */
    private static final int MAX_LITERAL = 47;

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

    /**
     * An IP literal as an address, parsed here and built with {@link InetAddress#getByAddress(byte[])}, which never
     * resolves: dotted-quad IPv4 (each part 0-255, no leading zeros) or IPv6 (hex groups, one {@code ::}, an
     * optional dotted-quad tail), optionally in brackets. Anything else, a zone id or a port included, is empty.
     */
    static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LITERAL) {
            return Optional.empty();
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = literal.indexOf(':') >= 0 ? ipv6(literal) : ipv4(literal);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // only for a wrong length, which the parsers never make
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty()
                    || part.length() > 3
                    || part.length() > 1 && part.charAt(0) == '0'
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(part);
        }
        return bytes;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int words = head.size() + tail.size();
        if (gap < 0 ? words != 8 : words > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            put(bytes, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            put(bytes, 8 - tail.size() + i, tail.get(i));
        }
        return bytes;
    }

    /** Colon-separated 16-bit words; a dotted quad is allowed as the last part (two words). Null when malformed. */
    private static List<Integer> groups(String text) {
        List<Integer> words = new ArrayList<>();
        if (text.isEmpty()) {
            return words;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                byte[] v4 = ipv4(part);
                if (v4 == null) {
                    return null;
                }
                words.add((v4[0] & 0xFF) << 8 | v4[1] & 0xFF);
                words.add((v4[2] & 0xFF) << 8 | v4[3] & 0xFF);
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(ClientAddresses::isHex)) {
                return null;
            } else {
                words.add(Integer.parseInt(part, 16));
            }
        }
        return words;
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static void put(byte[] bytes, int word, int value) {
        bytes[2 * word] = (byte) (value >> 8);
        bytes[2 * word + 1] = (byte) value;
    }
}
