package dev.rollwatch.healthmonitor.source.prometheus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Prometheus servers the installation lets releases query: its default address and its
 * allow-list. Addresses are compared as URLs (scheme and host case, a default port written out and a
 * trailing slash make no difference); anything else, a query string or a different user-info
 * included, is another address.
 */
public final class PrometheusAddresses {

    private final Set<String> allowed;

    public PrometheusAddresses(Optional<String> defaultAddress, Optional<? extends Collection<String>> allowList) {
        List<String> all = new ArrayList<>();
        defaultAddress.filter(a -> !a.isBlank()).ifPresent(all::add);
        allowList.ifPresent(list -> list.stream().filter(a -> !a.isBlank()).forEach(all::add));
        this.allowed = all.stream()
                .map(PrometheusAddresses::canonical)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String address) {
        return address != null && canonical(address).filter(allowed::contains).isPresent();
    }

    static Optional<String> canonical(String address) {
        try {
            URI uri = new URI(address.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return Optional.of(scheme + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                    + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
