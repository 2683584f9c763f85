package dev.rollwatch.eventing.consumer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The service's {@code @Incoming} methods that take a {@code Message}, by channel: how a parked event is
 * delivered again. A replay goes through the very method Kafka's record went through (and so through
 * {@link EventConsumer#consume} with the same handler), so no service registers its handlers anywhere
 * else, and a replay right after a restart needs no record to have arrived first.
 */
final class IncomingMethods {

    private final Map<String, Invoker> byChannel;

    private IncomingMethods(Map<String, Invoker> byChannel) {
        this.byChannel = byChannel;
    }

    /** Finds them among the application's beans. */
    static IncomingMethods of(BeanManager beans) {
        Map<String, Invoker> found = new HashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (Method method : bean.getBeanClass().getMethods()) {
                if (method.getParameterCount() != 1
                        || !Message.class.isAssignableFrom(method.getParameterTypes()[0])
                        || !(Uni.class.isAssignableFrom(method.getReturnType())
                                || CompletionStage.class.isAssignableFrom(method.getReturnType()))) {
                    continue;
                }
                for (Incoming incoming : method.getAnnotationsByType(Incoming.class)) {
                    found.put(incoming.value(), new Invoker(beans, bean, method));
                }
            }
        }
        return new IncomingMethods(Map.copyOf(found));
    }

    /** Delivers {@code message} to the channel's method; null when the service has no such channel. */
    Uni<Void> deliver(String channel, Message<String> message) {
        Invoker invoker = byChannel.get(channel);
        return invoker == null ? null : invoker.invoke(message);
    }

    private record Invoker(BeanManager beans, Bean<?> bean, Method method) {

        Uni<Void> invoke(Message<String> message) {
            return Uni.createFrom().deferred(() -> {
                Object instance = beans.getReference(bean, bean.getBeanClass(), beans.createCreationalContext(bean));
                Object result;
                try {
                    result = method.invoke(instance, message);
                } catch (InvocationTargetException e) {
                    return Uni.createFrom().failure(e.getCause());
                } catch (IllegalAccessException e) {
                    return Uni.createFrom().failure(e);
                }
                Uni<?> done = result instanceof CompletionStage<?> stage
                        ? Uni.createFrom().completionStage(stage)
                        : (Uni<?>) result;
                return done.replaceWithVoid();
            });
        }
    }
}
