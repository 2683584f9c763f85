package dev.rollwatch.eventing.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Stands in for the relay's Kafka channel: records every message the relay sends and answers each
 * with what the test decides (by default Kafka's acknowledgement). Only {@code sendMessage} is what
 * the relay uses; the rest of the interface is refused so a change in that shows up here.
 */
final class RecordingEmitter implements MutinyEmitter<String> {

    private final List<Message<? extends String>> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Message<? extends String>, Uni<Void>>> answers = new ConcurrentHashMap<>();

    /** How the broker answers the send of event {@code ceId}. */
    void answer(String ceId, Function<Message<? extends String>, Uni<Void>> answer) {
        answers.put(ceId, answer);
    }

    /** The ce_id of every message sent so far, in send order. */
    List<String> sentIds() {
        return sent.stream().map(RecordingEmitter::ceId).toList();
    }

    List<Message<? extends String>> sent() {
        return sent;
    }

    static OutgoingKafkaRecordMetadata<?> kafka(Message<?> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    }

    static String header(Message<?> message, String name) {
        Header header = kafka(message).getHeaders().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String ceId(Message<?> message) {
        return header(message, "ce_id");
    }

    @Override
    public <M extends Message<? extends String>> Uni<Void> sendMessage(M message) {
        sent.add(message);
        return answers.getOrDefault(ceId(message), m -> Uni.createFrom().voidItem())
                .apply(message);
    }

    @Override
    public Uni<Void> send(String payload) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendAndAwait(String payload) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Cancellable sendAndForget(String payload) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <M extends Message<? extends String>> void send(M message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <M extends Message<? extends String>> void sendMessageAndAwait(M message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <M extends Message<? extends String>> Cancellable sendMessageAndForget(M message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void complete() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void error(Exception e) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }
}
