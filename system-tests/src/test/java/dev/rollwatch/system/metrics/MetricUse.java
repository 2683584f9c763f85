package dev.rollwatch.system.metrics;

import java.util.Map;
import java.util.Set;

/**
 * One selector of a query: the series name it selects, what the query needs that name to be, the
 * labels its equality matchers pin ({@code le="300.0"}) and the labels an enclosing {@code by (...)}
 * groups it by.
 */
record MetricUse(String name, Need need, Map<String, String> equalities, Set<String> groupedBy) {

    MetricUse {
        equalities = Map.copyOf(equalities);
        groupedBy = Set.copyOf(groupedBy);
    }
}
