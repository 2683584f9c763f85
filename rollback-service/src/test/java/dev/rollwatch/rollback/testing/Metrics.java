package dev.rollwatch.rollback.testing;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples from the service's Prometheus endpoint. */
public final class Metrics {

    private Metrics() {}

    /**
     * The value of the sample named {@code name} whose labels include every {@code label="value"} given
     * (summed over the matching series); 0 when there is none yet.
     */
    public static double value(String name, String... labels) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(body);
        double sum = 0;
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }
}
