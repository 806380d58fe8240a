package org.linli.platform.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves a service as RFC 9457 problem+json. Bad input is a 4xx with what was wrong; only a
 * genuine fault is a 500, and then the body carries a reference to the log line, never internals.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(field(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return respond(Problems.invalid(violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are not valid", path(uri), violations));
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class })
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException) && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            return respond(Problems.invalid(field + ": has the wrong type or format", path(uri),
                    List.of(new Problem.Violation(field, "has the wrong type or format"))));
        }
        return respond(Problems.problem("malformed-body", "The request body is not valid JSON", 400,
                "The body could not be read as JSON", path(uri)));
    }

    /** Every refusal of a domain rule: 400, 403, 404 or 409 as the problem says. */
    @ServerExceptionMapper
    public Response refused(DomainProblem e, UriInfo uri) {
        return respond(Problems.of(e, path(uri)));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(Problems.problem("unauthenticated", "Authentication required", 401,
                        "Send a valid bearer token (Authorization: Bearer <JWT>)", path(uri)))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problems.problem("forbidden", "Forbidden", 403, "Your role does not allow this action",
                path(uri)));
    }

    /** What the HTTP layer itself refuses (no such path, a method not allowed, an unsupported media type). */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableBody(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request failed" : type.getReasonPhrase();
        return respond(Problems.problem("http-" + status, title, status, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return respond(Problems.of(e, path(uri)));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code register.request.household.id} becomes {@code household.id}; a bad parameter is named itself. */
    static String field(Path path) {
        List<String> parts = new ArrayList<>();
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (kind == ElementKind.PARAMETER && i < nodes.size() - 1) {
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            }
            if (!name.isEmpty()) {
                parts.add(name);
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
