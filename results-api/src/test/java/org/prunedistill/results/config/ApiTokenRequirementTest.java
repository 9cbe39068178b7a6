package org.prunedistill.results.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenRequirementTest {

    private static final String SECRET = "Secret prune-distill-api";

    @Test
    void refusesTheCommittedPlaceholderNamingTheSecretWithoutRepeatingTheToken() {
        String reason = ApiTokenRequirement.refusal(Optional.of("REPLACE-ME-api-token"), true).orElseThrow();
        assertTrue(reason.contains("placeholder") && reason.contains(SECRET), reason);
        assertFalse(reason.contains("REPLACE-ME-api-token"), reason);
        assertTrue(ApiTokenRequirement.refusal(Optional.of(" REPLACE-ME-api-token\n"), false).isPresent(),
                "the placeholder is refused outside the k8s profile too, and with the whitespace a file leaves");
    }

    @Test
    void refusesAMissingOrBlankTokenWhereOneIsRequired() {
        for (Optional<String> token : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            String reason = ApiTokenRequirement.refusal(token, true).orElseThrow();
            assertTrue(reason.contains("requires an API token") && reason.contains(SECRET), reason);
        }
    }

    @Test
    void acceptsARealTokenAndNoTokenWhereNoneIsRequired() {
        assertEquals(Optional.empty(), ApiTokenRequirement.refusal(Optional.of("3f9c0a7d5e"), true));
        assertEquals(Optional.empty(), ApiTokenRequirement.refusal(Optional.empty(), false),
                "./pd demo and ./pd up run without a token");
        assertEquals(Optional.empty(), ApiTokenRequirement.refusal(Optional.of("my-REPLACE-ME-token"), true),
                "only a value that begins like the placeholder is one");
    }

    @Test
    void theReadTokenIsRefusedAsThePlaceholderOrMissingWhereRequiredNamingItsKey() {
        String placeholder = ApiTokenRequirement.readRefusal(Optional.of("REPLACE-ME-read-token"), false)
                .orElseThrow();
        assertTrue(placeholder.contains("PD_API_READ_TOKEN is the placeholder") && placeholder.contains(
                "'read-token' of the " + SECRET), placeholder);
        assertFalse(placeholder.contains("REPLACE-ME-read-token"), placeholder);
        assertTrue(ApiTokenRequirement.readRefusal(Optional.empty(), true).orElseThrow()
                .contains("requires a read token"));
        assertEquals(Optional.empty(), ApiTokenRequirement.readRefusal(Optional.empty(), false),
                "reads are open by default outside k8s");
        assertEquals(Optional.empty(), ApiTokenRequirement.readRefusal(Optional.of("b71e02"), true));
    }
}
