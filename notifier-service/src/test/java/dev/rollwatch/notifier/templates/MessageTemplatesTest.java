package dev.rollwatch.notifier.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    private static Map<String, Object> vars() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("application", "checkout");
        vars.put("version", "1.4.2");
        vars.put("step", 2);
        vars.put("stepCount", 4);
        vars.put("weight", 25);
        vars.put("message", null);
        return vars;
    }

    @Test
    void rendersTheDefaults() {
        MessageTemplates templates = new MessageTemplates(Map.of());

        assertThat(templates.render("reply.step-weight", vars(), UnaryOperator.identity()))
                .isEqualTo("Step 2/4: 25% of traffic on 1.4.2.");
    }

    @Test
    void leavesOptionalPartsOutWhenTheirValueIsMissing() {
        MessageTemplates templates = new MessageTemplates(Map.of());

        assertThat(templates.render("reply.step-pause", vars(), UnaryOperator.identity()))
                .isEqualTo("Step 2/4: paused");
    }

    @Test
    void aPausedParentSaysWhatThePauseWaitsForAndAnOperatorOnlyWhenItIsUnsaid() {
        MessageTemplates templates = new MessageTemplates(Map.of());
        Map<String, Object> judged = vars();
        judged.put("note", "waiting for the new version to be judged HEALTHY at 25% before setWeight 50%");

        assertThat(templates.render("parent.paused", judged, UnaryOperator.identity()))
                .isEqualTo("Paused at step 2 of 4 with 25% of traffic on 1.4.2: waiting for the new version to be"
                        + " judged HEALTHY at 25% before setWeight 50%.");
        Map<String, Object> unsaid = vars();
        unsaid.put("note", null);
        assertThat(templates.render("parent.paused", unsaid, UnaryOperator.identity()))
                .isEqualTo("Paused at step 2 of 4 with 25% of traffic on 1.4.2; waiting for an operator to resume or"
                        + " promote.");
    }

    @Test
    void aConfiguredTemplateReplacesTheDefault() {
        MessageTemplates templates =
                new MessageTemplates(Map.of("reply.step-weight", "{application} now at {weight}%"));

        assertThat(templates.render("reply.step-weight", vars(), UnaryOperator.identity()))
                .isEqualTo("checkout now at 25%");
    }

    @Test
    void aConfiguredTemplateNamingAMissingVariableFallsBackToTheDefault() {
        MessageTemplates templates = new MessageTemplates(Map.of("reply.step-weight", "{nonsense.value}"));

        assertThat(templates.render("reply.step-weight", vars(), UnaryOperator.identity()))
                .isEqualTo("Step 2/4: 25% of traffic on 1.4.2.");
    }

    @Test
    void anUnknownTemplateNameFailsTheStart() {
        assertThatThrownBy(() -> new MessageTemplates(Map.of("reply.step-wieght", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reply.step-wieght");
    }

    @Test
    void aTemplateThatDoesNotParseFailsTheStart() {
        assertThatThrownBy(() -> new MessageTemplates(Map.of("reply.step-weight", "{#if weight}unclosed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not parse");
    }

    @Test
    void escapesEveryTextValueIncludingListItems() {
        MessageTemplates templates = new MessageTemplates(Map.of());
        Map<String, Object> vars = vars();
        vars.put("canaryWeight", 10);
        vars.put("summary", "<!channel> boom");
        vars.put("evidence", List.of("a<b"));

        String text = templates.render("reply.health-degraded", vars, s -> s.replace("<", "&lt;"));

        assertThat(text).isEqualTo("Health degraded at 10% canary traffic: &lt;!channel> boom\n• a&lt;b");
    }
}
