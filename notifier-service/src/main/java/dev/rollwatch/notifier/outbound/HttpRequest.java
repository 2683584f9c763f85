package dev.rollwatch.notifier.outbound;

/**
 * One outgoing call.
 *
 * @param method        POST, PATCH or GET
 * @param url           the full URL (validated before every attempt)
 * @param authorization Authorization header value, or null; never logged
 * @param body          JSON body, or null for GET
 * @param cloudEvent    send the body as {@code application/cloudevents+json} with these CloudEvent
 *                      attributes instead of plain JSON, or null
 */
public record HttpRequest(Method method, String url, String authorization, String body, CloudEventHeaders cloudEvent) {

    public enum Method {
        POST,
        PATCH,
        GET
    }

    /**
     * @param id        ce-id
     * @param type      ce-type
     * @param signature the Standard Webhooks headers, or null when unsigned
     */
    public record CloudEventHeaders(String id, String type, Signature signature) {

        /** The same event without its signature: what may go to another origin. */
        public CloudEventHeaders unsigned() {
            return new CloudEventHeaders(id, type, null);
        }
    }

    /**
     * @param id        webhook-id
     * @param timestamp webhook-timestamp, seconds since the epoch
     * @param value     webhook-signature ({@code v1,<base64>})
     */
    public record Signature(String id, long timestamp, String value) {}

    public static HttpRequest postJson(String url, String authorization, String body) {
        return new HttpRequest(Method.POST, url, authorization, body, null);
    }

    public static HttpRequest patchJson(String url, String authorization, String body) {
        return new HttpRequest(Method.PATCH, url, authorization, body, null);
    }

    public static HttpRequest get(String url, String authorization) {
        return new HttpRequest(Method.GET, url, authorization, null, null);
    }

    public HttpRequest withUrl(String newUrl) {
        return new HttpRequest(method, newUrl, authorization, body, cloudEvent);
    }

    @Override
    public String toString() {
        // Records print every component; this one holds secrets.
        return method + " " + dev.rollwatch.notifier.domain.Target.redactUrl(url);
    }
}
