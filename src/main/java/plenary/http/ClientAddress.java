package plenary.http;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from. The peer of the connection, unless that peer is a configured trusted
 * proxy ({@code --trusted-proxy}: addresses or CIDR ranges): then {@code X-Forwarded-For} is read
 * from the right, each trusted hop skipped, and the first address not trusted is the client's.
 * Anything to the left of it was written by the client and is never believed, so a client cannot
 * pick the address it is counted under. An entry that is not an IP address ends the walk at the
 * last hop that was.
 */
public final class ClientAddress {
    private final List<Range> trusted;

    private ClientAddress(List<Range> trusted) {
        this.trusted = trusted;
    }

    /** Trusts no proxy: the peer is the client. */
    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    /** Trusts these proxies; throws IllegalArgumentException naming an entry that is no address or range. */
    public static ClientAddress trusting(List<String> proxies) {
        List<Range> ranges = new ArrayList<>();
        for (String proxy : proxies) {
            ranges.add(Range.parse(proxy.strip()));
        }
        return new ClientAddress(List.copyOf(ranges));
    }

    /** The client's address for a request, in canonical form ("192.0.2.7", "2001:db8::1"). */
    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
        return resolve(peer, request.headers().getAll("X-Forwarded-For"));
    }

    /** The peer's address in canonical form (IPv4-mapped IPv6 as IPv4). */
    public static String canonical(String peer) {
        return bytes(peer).map(ClientAddress::format).orElse(peer);
    }

    /**
     * What limits count an address under: an IPv4 address itself, an IPv6 address by its /64, the
     * smallest network one subscriber is given (counted by the full address, one subscriber would
     * have 2^64 fresh addresses to guess and connect from).
     */
    public static String network(String address) {
        Optional<byte[]> ip = bytes(address);
        if (ip.isEmpty() || ip.get().length == 4) {
            return ip.map(ClientAddress::format).orElse(address);
        }
        byte[] prefix = Arrays.copyOf(ip.get(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return format(prefix) + "/64";
    }

    /** Whether connections from this address come from a trusted proxy. */
    public boolean trusted(String address) {
        Optional<byte[]> ip = bytes(address);
        return ip.isPresent() && trusted.stream().anyMatch(range -> range.contains(ip.get()));
    }

    /** The client behind {@code peer}, given the request's X-Forwarded-For headers in order. */
    public String resolve(String peer, List<String> forwardedFor) {
        String current = canonical(peer);
        if (!trusted(current)) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            hops.addAll(Arrays.asList(header.split(",")));
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = bytes(withoutPort(hops.get(i).strip()));
            if (hop.isEmpty()) {
                return current;
            }
            current = format(hop.get());
            if (!trusted(current)) {
                return current;
            }
        }
        return current;
    }

    /** "192.0.2.7:5000" and "[2001:db8::1]:443" without their ports; other text as it is. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The address's bytes (4 for IPv4, IPv4-mapped IPv6 included; 16 for IPv6); empty for a non-address. Never asks DNS. */
    private static Optional<byte[]> bytes(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(text);
        if (ip == null) {
            return Optional.empty();
        }
        if (ip.length == 16 && isV4Mapped(ip)) {
            ip = Arrays.copyOfRange(ip, 12, 16);
        }
        return Optional.of(ip);
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static String format(byte[] ip) {
        try {
            return NetUtil.toAddressString(InetAddress.getByAddress(ip));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** An address or a CIDR range. */
    private record Range(byte[] network, int prefix) {
        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] ip = bytes(address).orElseThrow(() -> new IllegalArgumentException(
                    "trusted proxy '" + text + "' is not an IP address or CIDR range (such as 10.0.0.0/8)"));
            int bits = ip.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                // An IPv4-mapped range such as ::ffff:10.0.0.0/104 is held as its IPv4 part.
                if (ip.length == 4 && address.contains(":")) {
                    prefix -= 96;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("trusted proxy '" + text + "' has a prefix outside 0-" + bits);
                }
            }
            return new Range(ip, prefix);
        }

        boolean contains(byte[] ip) {
            if (ip.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (ip[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (ip[whole] & mask) == (network[whole] & mask);
        }
    }
}
