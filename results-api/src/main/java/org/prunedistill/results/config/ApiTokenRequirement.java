package org.prunedistill.results.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Refuses to start with an API token a deployment forgot to set: the placeholder committed in
 * {@code k8s/base/11-secret.yaml} anywhere, and, where a token is required ({@code pd.api.token-required}, on in the
 * {@code k8s} profile), no token at all. A deployment that cannot start is seen at once; one that starts with a
 * known or empty token lets anybody submit runs.
 */
@ApplicationScoped
public class ApiTokenRequirement {

    /** How the committed placeholder values begin ({@code REPLACE-ME-api-token}). */
    static final String PLACEHOLDER_PREFIX = "REPLACE-ME";
    /** What to do, in every refusal: the Secret the k8s manifests read the token from. */
    static final String REMEDY = "set the key 'token' of the Secret prune-distill-api (namespace prune-distill) to a"
            + " random token, for example: kubectl -n prune-distill create secret generic prune-distill-api"
            + " --from-literal=token=\"$(openssl rand -hex 32)\" --dry-run=client -o yaml | kubectl apply -f -;"
            + " then restart results-api (k8s/README.md, API token)";

    /** What to do when the read token is missing or the placeholder. */
    static final String READ_REMEDY = "set the key 'read-token' of the Secret prune-distill-api (namespace"
            + " prune-distill) to a random token other than 'token', for example with"
            + " --from-literal=read-token=\"$(openssl rand -hex 32)\" in the command of k8s/README.md, API token;"
            + " then restart results-api";

    void check(@Observes @Priority(1) StartupEvent started, ResultsApiConfig config) {
        refusal(config.api().token(), config.api().tokenRequired())
                .or(() -> readRefusal(config.api().readToken(), config.api().readTokenRequired()))
                .ifPresent(reason -> {
                    throw new IllegalStateException(reason);
                });
    }

    /** Why results-api must not start with this read token, or empty when it may. Never repeats the token. */
    static Optional<String> readRefusal(Optional<String> readToken, boolean required) {
        return refusal(readToken, required, "PD_API_READ_TOKEN", "a read token (pd.api.read-token-required)",
                READ_REMEDY);
    }

    /**
     * Why results-api must not start with this token, or empty when it may. Never repeats the token.
     *
     * @param required whether a token must be set (the {@code k8s} profile)
     */
    static Optional<String> refusal(Optional<String> token, boolean required) {
        return refusal(token, required, "PD_API_TOKEN", "an API token (pd.api.token-required)", REMEDY);
    }

    /** The one rule for both tokens: never the committed placeholder, and set where the profile requires it. */
    private static Optional<String> refusal(Optional<String> token, boolean required, String variable,
                                            String requirement, String remedy) {
        String value = token.map(String::strip).orElse("");
        if (value.startsWith(PLACEHOLDER_PREFIX)) {
            return Optional.of("results-api refuses to start: " + variable + " is the placeholder committed in"
                    + " k8s/base/11-secret.yaml, which anybody can read; " + remedy);
        }
        if (required && value.isEmpty()) {
            return Optional.of("results-api refuses to start: the k8s profile requires " + requirement + " and "
                    + variable + " is empty; " + remedy);
        }
        return Optional.empty();
    }
}
