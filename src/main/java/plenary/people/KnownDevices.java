package plenary.people;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Device tokens (OWASP's "device cookies"): a browser that signed in to an account gets a token
 * naming that account, signed with a key of this process. A sign-in that shows one is counted
 * against that device alone, so guesses made by others, from anywhere, never lock its owner out.
 * The token grants nothing else: the password is still checked. A server alone keeps the key in
 * memory only: a restart makes every device new again, which costs no more than the first sign-in
 * did. The nodes of a cluster share one, kept in their database.
 */
public final class KnownDevices {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    public KnownDevices() {
        random.nextBytes(key);
    }

    /**
     * With a key of 32 bytes that the nodes of a cluster share, so a device known to one is known
     * to all.
     */
    public KnownDevices(byte[] sharedKey) {
        if (sharedKey.length != key.length) {
            throw new IllegalArgumentException("a device key has " + key.length + " bytes");
        }
        System.arraycopy(sharedKey, 0, key, 0, key.length);
    }

    /** A new token for a device that has just signed in to {@code username}. */
    public String issue(String username) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String body = B64.encodeToString(normal(username).getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(id);
        return body + "." + B64.encodeToString(mac(body));
    }

    /** The device's id when the token is one of ours for this username; empty for anything else. */
    public Optional<String> device(String token, String username) {
        if (token == null || username == null || token.length() > 512) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String body = token.substring(0, last);
        try {
            byte[] sent = B64D.decode(token.substring(last + 1));
            String named = new String(B64D.decode(token.substring(0, first)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(sent, mac(body)) || !named.equals(normal(username))) {
                return Optional.empty();
            }
            return Optional.of(token.substring(first + 1, last));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String normal(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
