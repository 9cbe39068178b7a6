package org.prunedistill.results.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.results.config.ResultsApiConfig;

/**
 * The two bearer tokens of the API and the one rule both entrances (gRPC and REST) apply: what changes state needs
 * the token ({@code pd.api.token}, env {@code PD_API_TOKEN}) when one is configured; what only reads needs the read
 * token ({@code pd.api.read-token}, env {@code PD_API_READ_TOKEN}) or the token when a read token is configured, and is
 * open otherwise. Tokens are compared in constant time as SHA-256 digests (so their length does not show either) and
 * never logged or repeated.
 */
@ApplicationScoped
public class ApiTokens {

    /** What a call does. */
    public enum Access { READ, WRITE }

    private static final String BEARER = "bearer ";
    private static final Logger LOG = Logger.getLogger(ApiTokens.class);

    private final byte[] writeDigest;
    private final byte[] readDigest;

    @Inject
    public ApiTokens(ResultsApiConfig config) {
        this(config.api().token(), config.api().readToken());
        LOG.infof("API tokens: %s; %s", writeDigest == null ? "no token, every call that changes state is open"
                : "calls that change state (SubmitRun, the uploads) require the token", readDigest == null
                ? "reads are open" : "reads (gRPC and REST) require the read token or the token");
    }

    /**
     * @param token     the token calls that change state need; empty or blank: none
     * @param readToken the token reads need (the token serves too); empty or blank: reads are open
     */
    public ApiTokens(Optional<String> token, Optional<String> readToken) {
        this.writeDigest = digest(token);
        this.readDigest = digest(readToken);
    }

    /** Whether reads need a token. */
    public boolean readsProtected() {
        return readDigest != null;
    }

    /**
     * Why a call with this {@code authorization} header may not do what it asks, or empty when it may. The reason
     * never repeats the header.
     */
    public Optional<String> refusal(String authorization, Access access) {
        byte[] needed = access == Access.WRITE ? writeDigest : readDigest;
        if (needed == null) {
            return Optional.empty();
        }
        String which = access == Access.WRITE ? "results-api's PD_API_TOKEN"
                : "results-api's PD_API_READ_TOKEN, or its PD_API_TOKEN";
        if (authorization == null) {
            return Optional.of("needs the header 'authorization: Bearer <token>' (the token is " + which + ")");
        }
        if (authorization.length() < BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.of("needs an authorization header of the form 'Bearer <token>'");
        }
        byte[] presented = Sha256.digest(authorization.substring(BEARER.length()).strip()
                .getBytes(StandardCharsets.UTF_8));
        boolean accepted = MessageDigest.isEqual(needed, presented)
                || access == Access.READ && writeDigest != null && MessageDigest.isEqual(writeDigest, presented);
        return accepted ? Optional.empty() : Optional.of("was refused: the bearer token is wrong");
    }

    private static byte[] digest(Optional<String> token) {
        return token.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> Sha256.digest(value.getBytes(StandardCharsets.UTF_8))).orElse(null);
    }
}
