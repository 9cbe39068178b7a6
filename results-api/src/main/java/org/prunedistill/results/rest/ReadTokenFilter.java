package org.prunedistill.results.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.prunedistill.results.security.ApiTokens;

/**
 * The REST mirror's entrance of {@link ApiTokens}: every {@code /api/...} request reads, so it needs the read token
 * (or the token) when a read token is configured; 401 with {@code WWW-Authenticate: Bearer} and a JSON body saying
 * what is missing otherwise. Health ({@code /q/health}), metrics and the dashboard's own files are not resources
 * here and stay open: the dashboard asks for the token when the API answers 401.
 */
public class ReadTokenFilter {

    @Inject
    ApiTokens tokens;

    @ServerRequestFilter
    public Optional<Response> requireReadToken(ContainerRequestContext request) {
        return tokens.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION), ApiTokens.Access.READ)
                .map(reason -> Response.fromResponse(ErrorMapper.error(Response.Status.UNAUTHORIZED,
                        request.getUriInfo().getPath() + " " + reason)).header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"prune-distill\"").build());
    }
}
