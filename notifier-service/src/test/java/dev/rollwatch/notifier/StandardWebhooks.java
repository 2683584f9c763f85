package dev.rollwatch.notifier;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a webhook, written from the Standard Webhooks specification (not from the
 * notifier's code): the signed content is {@code id.timestamp.body}, the key is the base64 after
 * {@code whsec_} (else the secret's bytes), and a message whose timestamp is further from now than the
 * tolerance is refused as a replay.
 */
final class StandardWebhooks {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooks() {}

    /** Why the receiver refuses the request, or null when it accepts it. */
    static String refusal(LoggedRequest request, String secret, Instant now) {
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String signatures = request.getHeader("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return "unsigned";
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, now).abs().compareTo(TOLERANCE) > 0) {
            return "timestamp outside the tolerance";
        }
        byte[] expected = hmac(secret, id + "." + timestamp + "." + request.getBodyAsString());
        for (String signature : signatures.split(" ")) {
            String[] versioned = signature.split(",", 2);
            if (versioned.length == 2
                    && versioned[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
                return null;
            }
        }
        return "no valid signature";
    }

    private static byte[] hmac(String secret, String content) {
        byte[] key = secret.startsWith("whsec_")
                ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
