package dev.rollwatch.providers;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one factory shape of Rollwatch's extension points (traffic routers, metric sources, notification
 * channels, restore checks): the providers of one point, each registered under its type. Building it
 * refuses two providers for one type, asking for a type nobody provides is refused by name, and
 * {@link #none()} is the point's null object (named {@code No<Point>}, in a package {@code none}) for
 * "not configured". Plain Java, so a framework wires the providers in and tests build it by hand.
 *
 * @param <K> the type key (an enum of the contract, or a configured name)
 * @param <P> the provider interface
 */
public final class ProviderRegistry<K, P> {

    private final String point;
    private final Map<K, P> byType;
    private final P none;
    private final Function<? super K, String> nameOf;

    private ProviderRegistry(String point, Map<K, P> byType, P none, Function<? super K, String> nameOf) {
        this.point = point;
        this.byType = byType;
        this.none = none;
        this.nameOf = nameOf;
    }

    /** A registry whose types read in messages as {@link String#valueOf}. */
    public static <K, P> ProviderRegistry<K, P> of(
            String point, Function<? super P, ? extends K> typeOf, Iterable<? extends P> providers, P none) {
        return of(point, typeOf, providers, none, String::valueOf);
    }

    /**
     * @param point     what the providers provide, for messages ("traffic router")
     * @param typeOf    the type a provider answers to
     * @param providers every provider of the point, at most one per type
     * @param none      the null object for "not configured" (also registered under its own type when
     *                  {@code typeOf} gives it one)
     * @param nameOf    how a type reads in messages (an enum of the contract by its JSON name)
     * @throws IllegalStateException when two providers answer to one type
     */
    public static <K, P> ProviderRegistry<K, P> of(
            String point,
            Function<? super P, ? extends K> typeOf,
            Iterable<? extends P> providers,
            P none,
            Function<? super K, String> nameOf) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(none, "none");
        Map<K, P> byType = new LinkedHashMap<>();
        for (P provider : providers) {
            K type = Objects.requireNonNull(typeOf.apply(provider), () -> provider.getClass() + " has no type");
            P previous = byType.putIfAbsent(type, provider);
            if (previous != null && previous != provider) {
                throw new IllegalStateException("two " + point + " providers for type '" + nameOf.apply(type) + "': "
                        + previous.getClass().getName() + " and "
                        + provider.getClass().getName());
            }
        }
        return new ProviderRegistry<>(point, byType, none, nameOf);
    }

    /**
     * The provider of a type.
     *
     * @throws IllegalArgumentException for a type (or null) no provider answers to, naming the known ones
     */
    public P get(K type) {
        return find(type)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown " + point + " type '" + (type == null ? null : nameOf.apply(type)) + "'; known types: "
                                + String.join(", ", typeNames())));
    }

    /** The provider of a type, if one answers to it. */
    public Optional<P> find(K type) {
        return type == null ? Optional.empty() : Optional.ofNullable(byType.get(type));
    }

    /** The null object: what a release or target uses when nothing is configured for it. */
    public P none() {
        return none;
    }

    public boolean isNone(P provider) {
        return provider == none;
    }

    /** Every registered provider, in registration order. */
    public Collection<P> providers() {
        return List.copyOf(byType.values());
    }

    /** The known types, in registration order, as they read in messages. */
    public List<String> typeNames() {
        return byType.keySet().stream().map(nameOf::apply).toList();
    }
}
