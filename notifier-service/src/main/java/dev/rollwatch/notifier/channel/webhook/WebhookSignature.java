package dev.rollwatch.notifier.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook the Standard Webhooks way (standardwebhooks.com), so receivers can verify it with any
 * of that scheme's libraries: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 * The id lets a receiver drop a repeat, and the timestamp inside the MAC lets it refuse an old message
 * replayed later, which a MAC over the body alone could not.
 */
public final class WebhookSignature {

    public static final String VERSION = "v1";
    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSignature(byte[] key) {
        this.key = key;
    }

    /**
     * The key of a configured secret: a Standard Webhooks secret ({@code whsec_<base64>}) is its decoded
     * bytes, as the scheme's libraries read it; any other text is its UTF-8 bytes, so secrets configured
     * before stay valid.
     */
    public static WebhookSignature withSecret(String secret) {
        if (secret.startsWith(SECRET_PREFIX)) {
            try {
                return new WebhookSignature(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())));
            } catch (IllegalArgumentException e) {
                // Never quote the secret itself.
                throw new IllegalArgumentException("a whsec_ webhook signing secret must be base64 after its prefix");
            }
        }
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code webhook-signature} header value for this message. */
    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return VERSION + "," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    @Override
    public String toString() {
        // Holds a key: never print it.
        return "WebhookSignature[key redacted]";
    }
}
