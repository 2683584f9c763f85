package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * fabric8's CRUD API server, strict as a real one: the state a create, replace or patch would store
 * is first held to {@link StrictValidation}, and refused (nothing stored, the API server's
 * {@code Status} answered) when a real server would refuse it. Stale {@code resourceVersion}s are
 * refused by fabric8 already (409); this only names the reason as the API server does ({@code Conflict}).
 */
public class StrictCrudDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StrictValidation validation;
    private final Optional<VendoredSchemas> schemas;
    private final NamedObjects named = new NamedObjects();

    public StrictCrudDispatcher(
            List<CustomResourceDefinitionContext> customResources, Optional<VendoredSchemas> schemas) {
        super(customResources);
        this.schemas = schemas;
        this.validation = new StrictValidation(schemas);
    }

    /** With the official schemas, which needs Node.js: for tests, where a missing Node.js must fail. */
    public static StrictCrudDispatcher withSchemas(List<CustomResourceDefinitionContext> customResources) {
        return new StrictCrudDispatcher(customResources, Optional.of(VendoredSchemas.start()));
    }

    /**
     * fabric8 calls this with the state it is about to store, under its write lock, after it checked
     * the path and the resourceVersion: the one place that sees the outcome of every kind of write.
     */
    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        if (newState != null) {
            JsonNode after = parse(newState);
            Map.Entry<AttributeSet, String> stored = findResource(pathAttributes);
            try {
                validation.check(stored == null ? null : parse(stored.getValue()), after);
            } catch (Refusal refusal) {
                // fabric8's handlers answer their own checked exception with its Status; processEvent may not
                // declare it, so it is rethrown unchecked, and caught by the same handler.
                throw StrictCrudDispatcher.<RuntimeException>sneaky(refusal);
            }
        }
        AttributeSet newKey = newState == null ? null : keyOf(pathAttributes, resource, newState);
        try {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        } catch (RuntimeException e) {
            named.rebuild(map);
            throw e;
        }
        if (newKey != null && !map.containsKey(newKey)) {
            // fabric8 keyed the object otherwise than keyOf: never answer from a stale index.
            named.rebuild(map);
        } else {
            named.replace(oldAttributes, newKey, newState);
        }
    }

    /** The key fabric8 stores a new state under (as its processEvent computes it). */
    private AttributeSet keyOf(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    /** An object by its resource, namespace and name from the index; anything else by fabric8's scan. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        String identity = NamedObjects.identityOfQuery(attributes);
        return identity == null ? super.findResource(attributes) : named.find(identity, attributes);
    }

    /** A read by name from the index, answered as fabric8 would; lists and watches by fabric8. */
    @Override
    public MockResponse handleGet(String path) {
        if (path.contains("watch=true")) {
            return super.handleGet(path);
        }
        AttributeSet query = getKey(path);
        String identity = NamedObjects.identityOfQuery(query);
        if (identity == null) {
            return super.handleGet(path);
        }
        Map.Entry<AttributeSet, String> found = named.find(identity, query);
        return found == null
                ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
    }

    @Override
    public void reset() {
        super.reset();
        named.rebuild(map);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return conflictAsTheApiServerNamesIt(super.handleUpdate(request), request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return conflictAsTheApiServerNamesIt(super.handlePatch(request), request);
    }

    /** fabric8 answers a stale resourceVersion with 409 but reason "Invalid"; the API server says "Conflict". */
    private static MockResponse conflictAsTheApiServerNamesIt(MockResponse response, RecordedRequest request) {
        if (response.code() != 409) {
            return response;
        }
        ObjectNode status = JSON.createObjectNode()
                .put("apiVersion", "v1")
                .put("kind", "Status")
                .put("status", "Failure")
                .put("reason", "Conflict")
                .put("code", 409)
                .put(
                        "message",
                        "Operation cannot be fulfilled on " + request.getPath().replaceAll("\\?.*", "")
                                + ": the object has been modified; please apply your changes to the latest version"
                                + " and try again");
        return response.setBody(status.toString());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public void shutdown() {
        super.shutdown();
        schemas.ifPresent(VendoredSchemas::close);
    }
}
