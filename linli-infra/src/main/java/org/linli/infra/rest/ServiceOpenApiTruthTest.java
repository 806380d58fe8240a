package org.linli.infra.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.validation.constraints.AssertTrue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;


/**
 * The generated API document ({@code /q/openapi}) describes only what a client may send: every property of every
 * request body schema is one that this service's JSON reader accepts for the Java type of that operation's body.
 * A property that is not (a validation method such as an {@code @AssertTrue isChangingSomething()}, a derived getter,
 * an ignored field) invites a request the service refuses with 400 as an unknown field.
 * <p>
 * The operation is matched to its resource method by HTTP method and path, the body's Java type is walked together
 * with its schema (nested records, lists, maps, {@code $ref}s and {@code allOf}/{@code anyOf}/{@code oneOf}), and the
 * accepted names are those of the service's own {@link ObjectMapper} deserializer, so the test follows whatever
 * Jackson is configured to read. A service's {@code @QuarkusTest class OpenApiTruthTest} extends this class; it reads no
 * class of the service by name.
 */
public abstract class ServiceOpenApiTruthTest {

    @Inject
    protected ObjectMapper mapper;

    @Inject
    protected BeanManager beans;

    @Test
    public void everyRequestBodyPropertyTheDocumentAdvertisesIsOneAClientCanSend() throws Exception {
        JsonNode document = mapper.readTree(given().when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        Map<String, Method> resourceMethods = resourceMethods();
        RequestSchemas schemas = new RequestSchemas(document, mapper);
        List<String> unmatched = new ArrayList<>();
        int bodies = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext();) {
                Map.Entry<String, JsonNode> operation = operations.next();
                JsonNode body = schemas.resolve(operation.getValue().path("requestBody"));
                String key = operation.getKey().toUpperCase() + " " + normalised(path.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> media = body.path("content").fields(); media.hasNext();) {
                    Map.Entry<String, JsonNode> content = media.next();
                    if (!content.getKey().contains("json") || !content.getValue().has("schema")) {
                        continue;
                    }
                    Method method = resourceMethods.get(key);
                    Optional<Parameter> entity = Optional.ofNullable(method)
                            .flatMap(m -> entityParameter(m, normalised(path.getKey())));
                    if (entity.isEmpty()) {
                        unmatched.add(key);
                        continue;
                    }
                    bodies++;
                    schemas.check(content.getValue().get("schema"),
                            mapper.getTypeFactory().constructType(entity.get().getParameterizedType()), key + " body");
                }
            }
        }
        assertTrue(bodies > 0, "the document has no JSON request body to check");
        assertEquals(List.of(), unmatched, "request bodies the document lists that no resource method reads");
        assertEquals(List.of(), schemas.leaks(), "request body properties a client cannot send");
    }

    /**
     * A request record as resident-service's ResidentChanges was: a validation method and a getter beside its
     * components, neither of which a client can send.
     */
    record Probe(String name, List<Item> items) {
        @AssertTrue
        boolean isNamed() {
            return name != null;
        }
    }

    record Item(String code) {
        public boolean isCoded() {
            return code != null;
        }
    }

    @Test
    public void theCheckRefusesAPropertyThatComesFromAValidationMethodOrAGetter() throws Exception {
        JsonNode document = mapper.readTree("""
                {"components": {"schemas": {
                  "Probe": {"type": "object", "properties": {"name": {"type": "string"}, "named": {"type": "boolean"},
                            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}},
                  "Item": {"type": "object", "properties": {"code": {"type": "string"},
                            "coded": {"type": "boolean"}}}}}}""");
        RequestSchemas schemas = new RequestSchemas(document, mapper);
        schemas.check(mapper.readTree("{\"$ref\": \"#/components/schemas/Probe\"}"), mapper.constructType(Probe.class),
                "probe");
        assertEquals(List.of("probe.named (Probe accepts [items, name])", "probe.items[].coded (Item accepts [code])"),
                schemas.leaks());
    }

    /** Every resource method by HTTP method and path, e.g. {@code PATCH /communities/{communityId}/residents/{id}}. */
    private Map<String, Method> resourceMethods() {
        Map<String, Method> methods = new HashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> resource = bean.getBeanClass();
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        methods.putIfAbsent(verb + " " + normalised(root.value() + "/" + (sub == null ? "" : sub.value())),
                                method);
                    }
                }
            }
        }
        return methods;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /**
     * The parameter the body is read into: the one that is not a path, query, header, form, cookie or bean parameter
     * (JAX-RS or RESTEasy Reactive), not a context object, and not named like a path parameter.
     */
    private static Optional<Parameter> entityParameter(Method method, String template) {
        for (Parameter parameter : method.getParameters()) {
            boolean bound = false;
            for (Annotation annotation : parameter.getAnnotations()) {
                String name = annotation.annotationType().getName();
                bound |= name.startsWith("jakarta.ws.rs.") || name.startsWith("org.jboss.resteasy.reactive.");
            }
            String type = parameter.getType().getName();
            boolean context = type.startsWith("jakarta.ws.rs.") || type.startsWith("io.vertx.")
                    || type.startsWith("org.jboss.resteasy.reactive.");
            boolean pathByName = parameter.isNamePresent() && template.contains("{" + parameter.getName() + "}");
            if (!bound && !context && !pathByName) {
                return Optional.of(parameter);
            }
        }
        return Optional.empty();
    }

    /** {@code /a//{id: [0-9]+}/} and {@code /a/{id}} are the same path. */
    static String normalised(String path) {
        String p = ("/" + path).replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Walks request body schemas beside the Java types they describe and collects what the reader would refuse. */
    static final class RequestSchemas {

        private final JsonNode document;
        private final ObjectMapper mapper;
        private final DefaultDeserializationContext context;
        private final Set<String> walked = new HashSet<>();
        private final List<String> leaks = new ArrayList<>();

        RequestSchemas(JsonNode document, ObjectMapper mapper) {
            this.document = document;
            this.mapper = mapper;
            this.context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createDummyInstance(mapper.getDeserializationConfig());
        }

        List<String> leaks() {
            return leaks;
        }

        /** Follows {@code $ref}s within the document. */
        JsonNode resolve(JsonNode node) {
            JsonNode resolved = node;
            for (int hops = 0; resolved.has("$ref") && hops < 10; hops++) {
                resolved = document.at(resolved.get("$ref").asText().substring(1));
            }
            return resolved;
        }

        void check(JsonNode schema, JavaType type, String where) throws JsonMappingException {
            if (schema.has("$ref") && !walked.add(schema.get("$ref").asText() + " as " + type.toCanonical())) {
                return; // a recursive type, already walked as this Java type
            }
            JsonNode resolved = resolve(schema);
            for (String combined : List.of("allOf", "anyOf", "oneOf")) {
                for (JsonNode part : resolved.path(combined)) {
                    check(part, type, where);
                }
            }
            if (resolved.has("items") && (type.isCollectionLikeType() || type.isArrayType())) {
                check(resolved.get("items"), type.getContentType(), where + "[]");
            }
            if (resolved.path("additionalProperties").isObject() && type.isMapLikeType()) {
                check(resolved.get("additionalProperties"), type.getContentType(), where + "{}");
            }
            if (!resolved.has("properties")) {
                return;
            }
            Optional<Map<String, JavaType>> accepted = accepted(type, where);
            if (accepted.isEmpty()) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> properties = resolved.get("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                if (property.getValue().path("readOnly").asBoolean(false)) {
                    continue; // documented as never sent
                }
                JavaType propertyType = accepted.get().get(property.getKey());
                if (propertyType == null) {
                    leaks.add(where + "." + property.getKey() + " (" + type.getRawClass().getSimpleName() + " accepts "
                            + new TreeSet<>(accepted.get().keySet()) + ")");
                } else {
                    check(property.getValue(), propertyType, where + "." + property.getKey());
                }
            }
        }

        /** The property names the reader accepts for {@code type} and their types; empty when it takes any name. */
        private Optional<Map<String, JavaType>> accepted(JavaType type, String where) throws JsonMappingException {
            if (type.isMapLikeType() || type.getRawClass() == Object.class
                    || JsonNode.class.isAssignableFrom(type.getRawClass())
                    || mapper.getDeserializationConfig().introspect(type).findAnySetterAccessor() != null) {
                return Optional.empty();
            }
            JsonDeserializer<Object> reader = context.findRootValueDeserializer(type);
            if (!(reader instanceof BeanDeserializerBase bean)) {
                leaks.add(where + ": the schema lists properties but " + type.toCanonical() + " is read by "
                        + reader.getClass().getName() + ", which this test cannot inspect");
                return Optional.of(Map.of());
            }
            Map<String, JavaType> names = new LinkedHashMap<>();
            for (Iterator<SettableBeanProperty> i = bean.properties(); i.hasNext();) {
                SettableBeanProperty property = i.next();
                names.put(property.getName(), property.getType());
            }
            for (Iterator<SettableBeanProperty> i = bean.creatorProperties(); i.hasNext();) {
                SettableBeanProperty property = i.next();
                names.putIfAbsent(property.getName(), property.getType());
            }
            return Optional.of(names);
        }
    }
}
