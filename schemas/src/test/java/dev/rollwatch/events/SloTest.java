package dev.rollwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import org.junit.jupiter.api.Test;

class SloTest {

    @Test
    void aReleaseThatSaysNothingHoldsUntilItsNewVersionIsJudged() {
        Slo unset = ReleaseRequestBuilder.canary().build().slo();

        assertThat(unset.whenUnjudged()).isNull();
        assertThat(unset.whenUnjudgedOrDefault()).isEqualTo(Slo.WhenUnjudged.HOLD);
        assertThat(ReleaseRequestBuilder.canary()
                        .whenUnjudged(Slo.WhenUnjudged.PROCEED)
                        .build()
                        .slo()
                        .whenUnjudgedOrDefault())
                .isEqualTo(Slo.WhenUnjudged.PROCEED);
    }

    @Test
    void theChoiceTravelsAsHoldOrProceedAndAnUnsetOneIsNotWritten() throws Exception {
        Slo proceed = ReleaseRequestBuilder.canary()
                .whenUnjudged(Slo.WhenUnjudged.PROCEED)
                .build()
                .slo();
        Slo unset = ReleaseRequestBuilder.canary().build().slo();

        JsonNode written = EventJson.mapper().valueToTree(proceed);

        assertThat(written.get("whenUnjudged").asText()).isEqualTo("proceed");
        assertThat(EventJson.mapper().treeToValue(written, Slo.class)).isEqualTo(proceed);
        // Written only when chosen, so what producers sent before the field existed reads the same.
        assertThat(EventJson.mapper().valueToTree(unset).has("whenUnjudged")).isFalse();
        assertThat(EventJson.mapper()
                        .readValue("{\"whenUnjudged\":\"hold\"}", Slo.class)
                        .whenUnjudged())
                .isEqualTo(Slo.WhenUnjudged.HOLD);
    }
}
