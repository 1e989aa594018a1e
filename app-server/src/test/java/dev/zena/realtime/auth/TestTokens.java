package dev.zena.realtime.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds tokens by hand (base64url + JCA), independently of the library under test, so that tests can craft
 * exactly the odd tokens an attacker would send.
 */
final class TestTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {}

    static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String alg) {
        return json(Map.of("alg", alg, "typ", "JWT"));
    }

    /** An HS256-signed token over any header and payload text. */
    static String hs256(byte[] secret, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(String secret, Map<String, ?> claims) {
        return hs256(secret.getBytes(StandardCharsets.UTF_8), header("HS256"), json(claims));
    }

    /** An RS256-signed token over any header and payload text. */
    static String rs256(PrivateKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rs256(PrivateKey key, Map<String, ?> claims) {
        return rs256(key, header("RS256"), json(claims));
    }

    /** An unsecured token: {@code alg} as given, empty signature. */
    static String unsigned(String alg, Map<String, ?> claims) {
        return b64(header(alg)) + "." + b64(json(claims)) + ".";
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text with 64-character lines, as openssl writes it. */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }
}
