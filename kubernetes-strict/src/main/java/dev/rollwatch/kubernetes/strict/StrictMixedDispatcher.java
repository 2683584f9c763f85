package dev.rollwatch.kubernetes.strict;

import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's "mixed" mock API server (a test's expectations first, CRUD for the rest) with the strict
 * CRUD part: what Quarkus' Kubernetes test server runs, whose CRUD dispatcher cannot be replaced.
 */
public final class StrictMixedDispatcher extends Dispatcher {

    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private final MockDispatcher expectations;
    private final StrictCrudDispatcher crud;

    public StrictMixedDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses, StrictCrudDispatcher crud) {
        this.responses = responses;
        this.expectations = new MockDispatcher(responses);
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Queue<ServerResponse> expected =
                responses.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (expected != null && !expected.isEmpty()) {
            return expectations.dispatch(request);
        }
        return crud.dispatch(request);
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
