package dev.rollwatch.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LOCAL RECEIVER standing in for Slack's Web API and Atlassian Statuspage when no real credentials
 * are configured: it answers the way they do (message timestamps, incident ids) and prints every
 * message, so the notifier's threads and incidents are visible on the console.
 */
public final class LocalReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PrintStream out;
    private final AtomicLong sequence = new AtomicLong();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    /** Incidents by id, as Statuspage keeps them: the notifier looks up its own before re-opening one. */
    private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
    /** Answers to give instead of Slack's, for tests of failures: first come, first used. */
    private final List<SlackFault> slackFaults = new CopyOnWriteArrayList<>();

    /**
     * How a Slack message is answered instead of Slack's {@code ok}: an HTTP status (with a
     * {@code Retry-After} header when {@code retryAfter} is set), or held without an answer until
     * {@code release} counts down (the sender's request stays in flight).
     */
    public record SlackFault(String textContains, int status, String retryAfter, CountDownLatch release) {

        public static SlackFault status(String textContains, int status, String retryAfter) {
            return new SlackFault(textContains, status, retryAfter, null);
        }

        public static SlackFault held(String textContains, CountDownLatch release) {
            return new SlackFault(textContains, 200, null, release);
        }
    }

    private LocalReceiver(HttpServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    public static LocalReceiver start(int port, PrintStream out) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        LocalReceiver receiver = new LocalReceiver(server, out);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "local-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/slack/api/", receiver::slack);
        server.createContext("/statuspage/v1/", receiver::statuspage);
        server.start();
        return receiver;
    }

    public String slackApiUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/slack/api";
    }

    public String statuspageApiUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/statuspage/v1";
    }

    /**
     * Makes the next thread parents posted ({@code chat.postMessage} without {@code thread_ts}) whose text contains a fault's text get that fault (each fault is
     * used once, in the order given), as a failing or slow Slack would answer; answers as Slack again
     * once they are used up. Recorded with the status answered.
     */
    public void injectSlackFaults(List<SlackFault> faults) {
        slackFaults.addAll(faults);
    }

    /** Everything received so far (method, path, body and what was answered), for tests. */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    private void slack(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        String method = exchange.getRequestURI().getPath().substring("/slack/api/".length());
        String channel = body.path("channel").asText("?");
        boolean parent = "chat.postMessage".equals(method) && !body.hasNonNull("thread_ts");
        SlackFault fault = parent ? takeFault(text(body)) : null;
        if (fault != null && fault.release() == null) {
            ObjectNode refusal = JSON.createObjectNode().put("ok", false).put("error", "injected_" + fault.status());
            if (fault.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
            }
            out.printf("  [slack %s] answered %d to: %s%n", channel, fault.status(), text(body));
            record(exchange, body, refusal, fault.status());
            respond(exchange, fault.status(), refusal);
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("ok", true).put("channel", channel);
        switch (method) {
            case "chat.postMessage" -> {
                String ts = System.currentTimeMillis() / 1000 + "." + String.format("%06d", sequence.incrementAndGet());
                answer.put("ts", ts);
                boolean reply = body.hasNonNull("thread_ts");
                out.printf("  [slack %s] %s%s%n", channel, reply ? "  ↳ " : "", text(body));
            }
            case "chat.update" -> {
                answer.put("ts", body.path("ts").asText());
                out.printf("  [slack %s] (parent updated) %s%n", channel, text(body));
            }
            default -> answer.put("ok", false).put("error", "unknown_method");
        }
        record(exchange, body, answer, 200);
        if (fault != null) {
            // Taken as Slack takes it, but answered only when released: the sender waits meanwhile.
            awaitRelease(fault.release());
        }
        try {
            respond(exchange, 200, answer);
        } catch (IOException e) {
            // The sender is gone (a crashed sender whose message arrived all the same).
        }
    }

    private synchronized SlackFault takeFault(String text) {
        for (SlackFault fault : slackFaults) {
            if (text.contains(fault.textContains())) {
                slackFaults.remove(fault);
                return fault;
            }
        }
        return null;
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            release.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Synchronized: the stored incidents change under PATCH and are answered to other requests, and
    // what is recorded or answered must be a copy, never the live incident.
    private synchronized void statuspage(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        String path = exchange.getRequestURI().getPath();
        JsonNode answer;
        if (path.endsWith("/incidents/unresolved") && "GET".equals(exchange.getRequestMethod())) {
            answer = JSON.valueToTree(incidents.values().stream()
                    .filter(i -> !List.of("resolved", "postmortem")
                            .contains(i.path("status").asText()))
                    .map(ObjectNode::deepCopy)
                    .toList());
        } else if (path.endsWith("/incidents") && "POST".equals(exchange.getRequestMethod())) {
            ObjectNode incident = asOpened(body.path("incident"), "local-incident-" + sequence.incrementAndGet());
            incidents.put(incident.get("id").asText(), incident);
            answer = incident.deepCopy();
            out.printf(
                    "  [statuspage] incident opened: %s (%s)%n",
                    body.at("/incident/name").asText(),
                    body.at("/incident/status").asText());
        } else if (path.contains("/incidents/")) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            ObjectNode incident =
                    incidents.computeIfAbsent(id, k -> JSON.createObjectNode().put("id", k));
            if (body.at("/incident/status").isTextual()) {
                incident.put("status", body.at("/incident/status").asText());
            }
            answer = incident.deepCopy();
            out.printf(
                    "  [statuspage] incident %s: %s%n",
                    body.at("/incident/status").asText(),
                    body.at("/incident/body").asText());
        } else {
            answer = JSON.createObjectNode().put("id", path.substring(path.lastIndexOf('/') + 1));
            if (path.contains("/components/")) {
                out.printf(
                        "  [statuspage] component %s: %s%n",
                        answer.path("id").asText(), body.at("/component/status").asText());
            }
        }
        record(exchange, body, answer, 200);
        respond(exchange, 200, answer);
    }

    /**
     * The incident as Statuspage answers an opening: the request's {@code components} map (id to
     * status) becomes a list of component objects, which is what a look-up of unresolved incidents
     * reads to tell which component an incident affects.
     */
    private static ObjectNode asOpened(JsonNode requested, String id) {
        ObjectNode incident = ((ObjectNode) requested.deepCopy()).put("id", id);
        incident.remove("component_ids");
        ArrayNode components = JSON.createArrayNode();
        for (var component : requested.path("components").properties()) {
            components
                    .addObject()
                    .put("id", component.getKey())
                    .put("status", component.getValue().asText());
        }
        incident.set("components", components);
        return incident;
    }

    private void record(HttpExchange exchange, JsonNode body, JsonNode answer, int status) {
        ObjectNode entry = JSON.createObjectNode()
                .put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getPath())
                .put("status", status);
        entry.set("body", body);
        entry.set("answer", answer);
        received.add(entry);
    }

    private static String text(JsonNode body) {
        return body.path("text").asText("").replace('\n', ' ');
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
